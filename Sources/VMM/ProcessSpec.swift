/// A process as a scenario describes it.
public struct ProcessSpec: Hashable, Sendable {
    public var name: String
    public var script: [Operation]
    /// False for a process that only starts when another forks it.
    public var startsRunning: Bool

    public init(name: String, script: [Operation], startsRunning: Bool = true) {
        self.name = name
        self.script = script
        self.startsRunning = startsRunning
    }
}
