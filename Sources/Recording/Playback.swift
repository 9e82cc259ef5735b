import FoundationEssentials
import Interactive

/// Playing a recording back in the interface: at the recorded pace (or faster), or one
/// recorded action at a time; the user may also step freely, as in a live session.
public struct Playback: Sendable {
    public let replay: Replay
    /// Index of the next recorded action.
    public private(set) var cursor = 0
    public private(set) var playing = false
    /// Multiplies the recorded pace.
    public private(set) var pace = 1.0
    /// Recorded time reached, in seconds.
    public private(set) var clock = 0.0
    /// True once the user has moved the simulation away from the recording.
    public private(set) var detached = false

    public static let paces = [0.25, 0.5, 1, 2, 4, 8, 16, 64]

    public init(_ replay: Replay) { self.replay = replay }

    public var atEnd: Bool { cursor >= replay.actions.count }

    /// Where the recording stands, for the header.
    public var marker: String {
        let pace = self.pace == 1 ? "" : " ×\(self.pace < 1 ? String(self.pace) : String(Int(self.pace)))"
        let state = playing ? "▶ replay\(pace)" : "replay"
        let at = cursor == 0 ? "start" : "step \(replay.actions[cursor - 1].step)"
        return "\(state) \(cursor)/\(replay.actions.count) at \(at)\(detached ? " (you moved away: n returns)" : "")"
    }

    /// Applies the next recorded action; returns false at the end of the recording.
    @discardableResult
    public mutating func next(_ session: inout Session) -> Bool {
        if detached { resync(&session) }
        guard cursor < replay.actions.count else { return false }
        let recorded = replay.actions[cursor]
        if let action = Action(recorded: recorded) { session.apply(action) }
        clock = recorded.time
        cursor += 1
        return true
    }

    /// Applies every recorded action whose time has come, `seconds` of real time later.
    public mutating func advance(by seconds: Double, _ session: inout Session) {
        guard playing else { return }
        clock += seconds * pace
        while cursor < replay.actions.count, replay.actions[cursor].time <= clock { next(&session) }
        if atEnd { playing = false }
    }

    public mutating func togglePlaying(_ session: inout Session) {
        if detached { resync(&session) }
        playing = atEnd ? false : !playing
    }

    public mutating func changePace(by steps: Int) {
        let index = Self.paces.firstIndex(of: pace) ?? 2
        pace = Self.paces[max(0, min(Self.paces.count - 1, index + steps))]
    }

    /// Everything recorded, applied: the simulation where the recording ended.
    public mutating func toEnd(_ session: inout Session) {
        session = replay.session(afterActions: replay.actions.count)
        cursor = replay.actions.count
        clock = replay.actions.last?.time ?? 0
        detached = false
        playing = false
    }

    public mutating func restart(_ session: inout Session) {
        session = Session(scenario: replay.scenario, seed: replay.header.seed)
        cursor = 0
        clock = 0
        detached = false
        playing = false
    }

    /// The user stepped on their own: the recording waits where it was.
    public mutating func userMoved() {
        detached = true
        playing = false
    }

    mutating func resync(_ session: inout Session) {
        session = replay.session(afterActions: cursor)
        detached = false
    }
}
