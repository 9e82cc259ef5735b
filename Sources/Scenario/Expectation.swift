import VMM

/// A lesson check written in the scenario: `expect page-faults = 9`, `expect event lost-update`.
public struct Expectation: Hashable, Sendable {
    public enum Comparison: String, Hashable, Sendable, CaseIterable {
        case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="

        public func holds(_ a: Int, _ b: Int) -> Bool {
            switch self {
            case .equal: a == b
            case .notEqual: a != b
            case .less: a < b
            case .lessOrEqual: a <= b
            case .greater: a > b
            case .greaterOrEqual: a >= b
            }
        }
    }

    public enum Subject: Hashable, Sendable {
        /// A counter, in total or of one process.
        case counter(String, process: ProcessID?)
        /// How many events of a kind happened.
        case events(Event.Kind)
        /// A word of a file on disk at the end.
        case fileWord(file: FileID, page: Int, word: Int)
        /// How many versions a file has at the end.
        case versions(file: FileID)
        /// The number of steps the scenario takes.
        case steps
    }

    public var subject: Subject
    public var comparison: Comparison
    public var value: Int
    /// The expectation as written, for reports.
    public var text: String
    public var line: Int

    /// Counter names as the language spells them.
    public static let counterNames: [String] =
        Counters().named.map { Counters.spelled($0.name) } + ["page-faults"]

    static func counter(_ name: String, in counters: Counters) -> Int {
        if name == "page-faults" { return counters.pageFaults }
        return counters.named.first { Counters.spelled($0.name) == name }?.value ?? 0
    }

    /// The value the subject has in a finished run.
    /// (From a count of the events by kind: all a check needs of them, so a long run need not keep
    /// its events to be checked.)
    public func actual(machine: Machine, tally: EventTally) -> Int {
        switch subject {
        case let .counter(name, process):
            Self.counter(name, in: process.map { machine.processes[$0].counters } ?? machine.counters)
        case .events(let kind):
            tally[kind]
        case let .fileWord(file, page, word):
            machine.files[file].pages.indices.contains(page) ? machine.files[file].pages[page][word] : 0
        case .versions(let file):
            machine.files[file].versions.count
        case .steps:
            machine.stepCount
        }
    }
}

/// The result of running a scenario to its end and checking its lesson.
public struct LessonCheck: Sendable {
    public var expectation: Expectation
    public var actual: Int
    public var passed: Bool
}

extension Scenario {
    /// Checks every expectation against a finished run.
    public func lessonChecks(machine: Machine, events: [Event]) -> [LessonCheck] {
        lessonChecks(machine: machine, tally: EventTally(events))
    }

    public func lessonChecks(machine: Machine, tally: EventTally) -> [LessonCheck] {
        expectations.map { expectation in
            let actual = expectation.actual(machine: machine, tally: tally)
            return LessonCheck(expectation: expectation, actual: actual, passed: expectation.comparison.holds(actual, expectation.value))
        }
    }

    /// Runs the scenario to the end (at most `limit` steps) and checks every expectation.
    public func checkLesson(seed: UInt64? = nil, limit: Int = 1_000_000) -> (machine: Machine, checks: [LessonCheck]) {
        var machine = makeMachine(seed: seed)
        var tally = EventTally()
        machine.forEachStep(limit: limit) { result, _ in tally.add(result.events) }
        return (machine, lessonChecks(machine: machine, tally: tally))
    }
}
