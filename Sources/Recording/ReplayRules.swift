import Interactive

/// The rules a replay file's records must keep, in one place (docs/replay-format.md, "Rules"):
/// each broken rule gets its own message naming the field, what it must be and what was found.
enum ReplayRules {
    /// The most seconds a recording may claim: about 31 years.
    static let maximumTime = 1_000_000_000.0

    /// The value as a whole number that fits an Int64, if the file wrote one (1 or 1.0; not 1.5, not "1", not true).
    static func wholeNumber(_ value: JSONValue?) -> Int64? {
        if case let .integer(number)? = value { number } else { nil }
    }

    /// The header's problem, if it has one.
    static func headerProblem(_ object: [String: JSONValue]) -> String? {
        guard let format = object["format"] else {
            return "not a Lookaside replay: the header has no 'format' (expected \"\(ReplayFormat.name)\")"
        }
        guard case let .text(formatName) = format else {
            return "not a Lookaside replay: 'format' must be the text \"\(ReplayFormat.name)\", found \(format.spelled)"
        }
        guard formatName == ReplayFormat.name else {
            return "this is a '\(formatName)' file, not a Lookaside replay ('\(ReplayFormat.name)')"
        }
        guard object["type"] == .text("header") else {
            return "the first record must be the header: 'type' must be \"header\", found \(object["type"]?.spelled ?? "nothing")"
        }
        guard let rawVersion = object["version"] else {
            return "the header has no 'version' (a whole number; this Lookaside reads version \(ReplayFormat.version))"
        }
        guard let version = wholeNumber(rawVersion) else {
            return "the header's 'version' must be a whole number such as \(ReplayFormat.version), found \(rawVersion.spelled)"
        }
        guard version >= 1 else { return "the header's 'version' must be 1 or more, found \(version)" }
        guard version <= ReplayFormat.version else {
            return
                "replay format version \(version) is newer than this Lookaside reads (version \(ReplayFormat.version)); use a newer Lookaside"
        }
        for key in ["program", "scenario_path", "scenario_source"] {
            guard let value = object[key] else { return "the header has no '\(key)' (text)" }
            guard case .text = value else { return "the header's '\(key)' must be text, found \(value.spelled)" }
        }
        guard let rawSeed = object["seed"] else { return "the header has no 'seed' (a whole number from 0 to \(UInt64.max))" }
        if case .unsigned = rawSeed {
            // Above Int64.max: still a valid seed.
        } else if wholeNumber(rawSeed).map({ $0 < 0 }) ?? true {
            return "the header's 'seed' must be a whole number from 0 to \(UInt64.max), found \(rawSeed.spelled)"
        }
        guard let settings = object["settings"] else { return "the header has no 'settings' (a list of KEY=VALUE texts)" }
        guard case let .list(list) = settings, list.allSatisfy(\.isText) else {
            return "the header's 'settings' must be a list of KEY=VALUE texts, found \(settings.spelled)"
        }
        if let recorded = object["recorded_at"], recorded.isText == false {
            return "the header's 'recorded_at' must be text (a date), found \(recorded.spelled)"
        }
        return nil
    }

    /// A problem with an action's or end's numbers, if it has one.
    static func timeAndStepProblem(_ object: [String: JSONValue], type: String) -> String? {
        if let time = object["time"] {
            guard let seconds = time.number, seconds.isFinite, seconds >= 0, seconds <= maximumTime else {
                return "'\(type)' record: 'time' must be a number of seconds from 0 to \(Int(maximumTime)), found \(time.spelled)"
            }
        }
        if let step = object["step"], step.number != nil {
            guard let whole = wholeNumber(step), whole >= 0 else {
                return "'\(type)' record: 'step' must be a whole number, 0 or more, found \(step.spelled)"
            }
        }
        for key in ["count", "target"] {
            if let value = object[key], value.number != nil, wholeNumber(value) == nil {
                return "'\(type)' record: '\(key)' must be a whole number, found \(value.spelled)"
            }
        }
        return nil
    }

    /// The range each action's numbers must lie in (docs/limits.md), so that no count in a forged
    /// file can make the session's arithmetic trap or its work unbounded. (An `advance` or a
    /// `jump` past the end is bounded by the run's end, and is a divergence, not a damaged file.)
    static func rangeProblem(_ action: RecordedAction) -> String? {
        func outside(_ key: String, _ value: Int?, _ range: ClosedRange<Int>, _ meaning: String) -> String? {
            guard let value, !range.contains(value) else { return nil }
            return
                "'\(action.action)' record: '\(key)' (\(meaning)) must be from \(range.lowerBound) to \(range.upperBound), found \(value)"
        }
        let steps = 0...Session.stepLimit
        if let problem = outside("step", action.step, steps, "the step reached") { return problem }
        if let revealed = action.revealed, let problem = outside("revealed", revealed, 0...Session.eventLimit, "events shown") {
            return problem
        }
        return switch action.action {
        case "jump": outside("target", action.target, steps, "the step asked for")
        case "scroll": outside("count", action.count, -Session.scrollLimit...Session.scrollLimit, "lines")
        case "answer": outside("count", action.count, -1...Session.choiceLimit, "the choice, -1 for skipped")
        case "focus-pane": outside("count", action.count, 0...(PaneID.allCases.count - 1), "the pane's number")
        case "reveal":
            outside("target", action.target, 1...Session.stepLimit, "the step")
                ?? outside("count", action.count, 0...Session.eventLimit, "the event, from 0")
        default: nil
        }
    }
}
