import VMM

/// A search of the run's events for some text, nearest first, taken a stretch at a time so that
/// a long one shows its progress and can be stopped: forwards on a copy of the machine, backwards
/// a stretch at a time replayed from the timeline's checkpoints. Only one step's results are held
/// at a time, however long the run.
public struct EventFinder: Hashable, Sendable {
    public enum Progress: Hashable, Sendable {
        case found(step: Int, event: Int)
        case notFound
        case searching
    }

    /// What is searched for, as typed.
    public let text: String
    public let backward: Bool
    /// Where the search began: a step, and the event of it (from 0) it looks after or before.
    public let fromStep: Int
    public let fromEvent: Int
    /// The last step a forward search may look at (nil: the run's end).
    public let lastStep: Int?
    /// The step searched last (shown while the search goes on).
    public private(set) var reached: Int
    private let needle: String
    /// Forwards: the machine after the last step searched (nil before the first stretch).
    private var machine: Machine?

    /// Steps a backward search replays at a time, nearest first (at most a tenth of a second's
    /// matching in a release build, as a frame must be short for Esc to be answered).
    static let stretch = 1024

    public init(text: String, backward: Bool, fromStep: Int, fromEvent: Int, lastStep: Int? = nil) {
        self.text = text
        self.backward = backward
        self.fromStep = fromStep
        self.fromEvent = fromEvent
        self.lastStep = lastStep
        reached = fromStep
        needle = text.lowercased()
    }

    /// An event's explanation or kind contains the text, case aside.
    public func matches(_ event: Event) -> Bool {
        event.explanation.lowercased().contains(needle) || event.kind.rawValue.contains(needle)
    }

    /// Searches about `budget` more steps of `timeline`'s run, an event counting as a step: it is
    /// matching each event's sentence, not taking the step, that costs (a step of 8 events is
    /// searched 8 times slower than it is taken).
    public mutating func search(_ timeline: Timeline, budget: Int) -> Progress {
        backward ? searchBackward(timeline, budget: budget) : searchForward(timeline, budget: budget)
    }

    private mutating func searchForward(_ timeline: Timeline, budget: Int) -> Progress {
        var spent = 0
        if machine == nil {
            // The step searched from is stepped again, for the events after the one shown.
            var replay = timeline
            replay.seek(to: max(0, fromStep - 1))
            machine = replay.current
            spent += timeline.interval
        }
        while spent < budget {
            guard !machine!.isFinished, lastStep.map({ machine!.stepCount < $0 }) ?? true else { return .notFound }
            let result = machine!.step()
            spent += 1 + result.events.count
            reached = result.step
            let first = result.step == fromStep ? fromEvent + 1 : 0
            if first < result.events.count, let index = result.events.indices.dropFirst(first).first(where: { matches(result.events[$0]) })
            {
                return .found(step: result.step, event: index)
            }
        }
        return .searching
    }

    private mutating func searchBackward(_ timeline: Timeline, budget: Int) -> Progress {
        var spent = 0
        // A stretch's last match is the nearest: each is replayed forward from a checkpoint.
        while spent < budget, reached >= 1 {
            let end = reached
            let start = max(1, end - Self.stretch + 1)
            var found: (step: Int, event: Int)?
            timeline.forEachResult(start...end) { result in
                spent += result.events.count
                let limit = result.step == fromStep ? fromEvent : result.events.count
                if let index = result.events.prefix(max(0, limit)).lastIndex(where: matches) { found = (result.step, index) }
                return true
            }
            spent += end - start + 1 + timeline.interval
            reached = start - 1
            if let found { return .found(step: found.step, event: found.event) }
        }
        return reached < 1 ? .notFound : .searching
    }
}
