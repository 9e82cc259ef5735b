/// Auto-run (`r`): whether it is on, its speed, and the fraction of a step the clock owes it.
/// A child of the session with its own updates.
public struct AutoRun: Equatable, Sendable {
    public var running = false
    /// An index into `speeds`.
    public var speedIndex = 3
    /// Steps owed to the clock but not yet taken (a fraction of a step).
    var credit = 0.0

    /// Auto-run speeds in steps per second.
    public static let speeds = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]

    public init(running: Bool = false, speedIndex: Int = 3) {
        self.running = running
        self.speedIndex = speedIndex
    }

    public var speed: Int { Self.speeds[speedIndex] }

    mutating func faster() { speedIndex = min(speedIndex + 1, Self.speeds.count - 1) }
    mutating func slower() { speedIndex = max(speedIndex - 1, 0) }

    /// On or off, owing nothing either way.
    mutating func toggle() {
        running.toggle()
        credit = 0
    }

    /// The whole steps `seconds` of the clock have earned (at most a second's worth), taken
    /// from what is owed.
    mutating func due(after seconds: Double) -> Int {
        credit += seconds * Double(speed)
        let due = Int(credit)
        credit -= Double(due)
        return min(due, speed)
    }
}
