import Foundation
import Interactive
import Scenario
import VMM

/// The rules a replay file's records must keep, in one place (docs/replay-format.md, "Rules"):
/// each broken rule gets its own message naming the field, what it must be and what was found.
enum ReplayRules {
    /// The most seconds a recording may claim: about 31 years.
    static let maximumTime = 1_000_000_000.0

    /// A JSON value as the file spells it, for messages.
    static func spelled(_ value: Any) -> String {
        if value is NSNull { return "null" }
        if let text = value as? String { return "\"\(text)\"" }
        if let number = value as? NSNumber {
            if isBoolean(number) { return number.boolValue ? "true" : "false" }
            if wholeNumber(number) == nil { return "\(number.doubleValue)" }
            return "\(number)"
        }
        if value is [Any] { return "a list" }
        return "an object"
    }

    static func isBoolean(_ number: NSNumber) -> Bool {
        String(describing: type(of: number)).contains("Boolean") || String(cString: number.objCType) == "c"
    }

    /// The value as a whole number, if the file wrote one (not 1.0, not "1", not true).
    static func wholeNumber(_ value: Any?) -> Int64? {
        guard let number = value as? NSNumber, !isBoolean(number) else { return nil }
        let type = String(cString: number.objCType)
        guard type != "d", type != "f" else { return nil }
        return number.int64Value
    }

    /// The header's problem, if it has one.
    static func headerProblem(_ object: [String: Any]) -> String? {
        guard let format = object["format"] else {
            return "not a Lookaside replay: the header has no 'format' (expected \"\(ReplayFormat.name)\")"
        }
        guard let formatName = format as? String else {
            return "not a Lookaside replay: 'format' must be the text \"\(ReplayFormat.name)\", found \(spelled(format))"
        }
        guard formatName == ReplayFormat.name else {
            return "this is a '\(formatName)' file, not a Lookaside replay ('\(ReplayFormat.name)')"
        }
        guard object["type"] as? String == "header" else {
            return "the first record must be the header: 'type' must be \"header\", found \(object["type"].map(spelled) ?? "nothing")"
        }
        guard let rawVersion = object["version"] else {
            return "the header has no 'version' (a whole number; this Lookaside reads version \(ReplayFormat.version))"
        }
        guard let version = wholeNumber(rawVersion) else {
            return "the header's 'version' must be a whole number such as \(ReplayFormat.version), found \(spelled(rawVersion))"
        }
        guard version >= 1 else { return "the header's 'version' must be 1 or more, found \(version)" }
        guard version <= ReplayFormat.version else {
            return
                "replay format version \(version) is newer than this Lookaside reads (version \(ReplayFormat.version)); use a newer Lookaside"
        }
        for key in ["program", "scenario_path", "scenario_source"] {
            guard let value = object[key] else { return "the header has no '\(key)' (text)" }
            guard value is String else { return "the header's '\(key)' must be text, found \(spelled(value))" }
        }
        guard let rawSeed = object["seed"] else { return "the header has no 'seed' (a whole number from 0 to \(UInt64.max))" }
        if let number = rawSeed as? NSNumber, !isBoolean(number), String(cString: number.objCType) == "Q" {
            // Above Int64.max: still a valid seed.
        } else if wholeNumber(rawSeed).map({ $0 < 0 }) ?? true {
            return "the header's 'seed' must be a whole number from 0 to \(UInt64.max), found \(spelled(rawSeed))"
        }
        guard let settings = object["settings"] else { return "the header has no 'settings' (a list of KEY=VALUE texts)" }
        guard let list = settings as? [Any], list.allSatisfy({ $0 is String }) else {
            return "the header's 'settings' must be a list of KEY=VALUE texts, found \(spelled(settings))"
        }
        if let recorded = object["recorded_at"], !(recorded is String) {
            return "the header's 'recorded_at' must be text (a date), found \(spelled(recorded))"
        }
        return nil
    }

    /// A problem with an action's or end's numbers, if it has one.
    static func timeAndStepProblem(_ object: [String: Any], type: String) -> String? {
        if let time = object["time"] {
            guard let number = time as? NSNumber, !isBoolean(number), number.doubleValue.isFinite,
                number.doubleValue >= 0, number.doubleValue <= maximumTime
            else {
                return "'\(type)' record: 'time' must be a number of seconds from 0 to \(Int(maximumTime)), found \(spelled(time))"
            }
        }
        if let step = object["step"], let number = step as? NSNumber, !isBoolean(number) {
            guard let whole = wholeNumber(step), whole >= 0 else {
                return "'\(type)' record: 'step' must be a whole number, 0 or more, found \(spelled(step))"
            }
        }
        for key in ["count", "target"] {
            if let value = object[key], let number = value as? NSNumber, !isBoolean(number), wholeNumber(value) == nil {
                return "'\(type)' record: '\(key)' must be a whole number, found \(spelled(value))"
            }
        }
        return nil
    }
}
