import FoundationEssentials
import Interactive
import Scenario
import VMM

/// A replay file read back: its header, the scenario it carries, and its records.
public struct Replay: Sendable {
    public var path: String
    public var header: ReplayHeader
    /// The recorded scenario with the recorded `--set` overrides applied.
    public var scenario: Scenario
    public var actions: [RecordedAction]
    /// Step number -> digest of that step's events.
    public var digests: [Int: String]
    public var end: ReplayEnd?
    /// Notes for the user that do not stop a replay (a cut-short last line).
    public var warnings: [String]

    /// The step the recording stood at when it ended.
    public var finalStep: Int { end?.step ?? actions.last?.step ?? 0 }

    /// Reads a replay file; every problem is reported with the file and line.
    public static func parse(bytes: [UInt8], path: String) throws(DiagnosticList) -> Replay {
        func fail(_ line: Int, _ message: String) -> DiagnosticList {
            DiagnosticList([Diagnostic(path: path, line: line, column: 1, message: message, sourceLine: "")])
        }
        guard !bytes.isEmpty else { throw fail(1, "empty file; expected a Lookaside replay (.lkr) whose first line is its header") }
        if bytes.contains(0) { throw fail(1, "this is not a text file (a NUL byte); expected a Lookaside replay (.lkr)") }
        let endsCleanly = bytes.last == 10
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map { Array($0) }
        if lines.last?.isEmpty == true { lines.removeLast() }

        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        struct Kind: Decodable { var type: String? }

        let (header, scenario) = try readHeader(lines.first, decoder: decoder, fail: fail)

        var replay = Replay(path: path, header: header, scenario: scenario, actions: [], digests: [:], end: nil, warnings: [])
        var nextStep = 1
        for (index, line) in lines.enumerated().dropFirst() {
            let number = index + 1
            let isLast = index == lines.count - 1
            guard let kind = try? decoder.decode(Kind.self, from: Data(line)), let type = kind.type else {
                if isLast && !endsCleanly {
                    replay.warnings.append(
                        "\(path):\(number): the last record is incomplete (the recording was cut short); replaying up to line \(number - 1)"
                    )
                    break
                }
                throw fail(number, "damaged record: not a JSON object with a 'type'")
            }
            if replay.end != nil { throw fail(number, "a record of type '\(type)' after the end record") }
            if type == "action" || type == "end", let fields = JSONValue.fields(of: line) {
                if let problem = ReplayRules.timeAndStepProblem(fields, type: type) { throw fail(number, problem) }
            }
            do {
                try replay.read(line, type: type, number: number, decoder: decoder, nextStep: &nextStep, fail: fail)
            } catch let list as DiagnosticList {
                throw list
            } catch {
                throw fail(number, "damaged '\(type)' record: \(describe(error))")
            }
        }
        return replay
    }

    /// The header line, checked rule by rule before it is decoded, and the scenario it carries,
    /// which must still parse.
    static func readHeader(
        _ first: [UInt8]?, decoder: JSONDecoder, fail: (Int, String) -> DiagnosticList
    ) throws(DiagnosticList) -> (ReplayHeader, Scenario) {
        guard let first, let fields = JSONValue.fields(of: first) else {
            throw fail(1, "not a Lookaside replay: the first line should be a JSON header record")
        }
        if let problem = ReplayRules.headerProblem(fields) { throw fail(1, problem) }
        var header: ReplayHeader
        do {
            header = try decoder.decode(ReplayHeader.self, from: Data(first))
        } catch {
            throw fail(1, "damaged header: \(describe(error))")
        }
        // Texts that are printed as they are (the path, the settings, who recorded it) can carry
        // no escape sequence to the terminal. The scenario's own text is checked by its parser.
        header.scenarioPath = header.scenarioPath.printable
        header.program = header.program.printable
        header.settings = header.settings.map(\.printable)

        let scenario: Scenario
        do {
            scenario = try ScenarioParser.parse(header.scenarioSource, path: header.scenarioPath).overriding(header.settings)
        } catch {
            throw fail(1, "the recorded scenario no longer parses:\n" + error.description)
        }

        return (header, scenario)
    }

    /// One record after the header: an action (checked against the names, kinds and ranges a
    /// replay may hold), a step's digest (in order), or the end.
    mutating func read(
        _ line: [UInt8], type: String, number: Int, decoder: JSONDecoder, nextStep: inout Int, fail: (Int, String) -> DiagnosticList
    ) throws {
        switch type {
        case "action":
            let action = try decoder.decode(RecordedAction.self, from: Data(line))
            guard RecordedAction.names.contains(action.action) else {
                throw fail(number, "unknown action '\(action.action)'; expected one of \(oneOf(RecordedAction.names))")
            }
            if action.action == "run-until", action.kinds?.contains(where: { Event.Kind(rawValue: $0) == nil }) != false {
                throw fail(number, "run-until names an unknown event kind: \(action.kinds ?? [])")
            }
            if action.action == "search", (action.label ?? "").isEmpty || ![1, -1].contains(action.count ?? 0) {
                throw fail(number, "search needs its text (label) and a direction (count 1 forward, -1 backward)")
            }
            guard action.step >= 0 else { throw fail(number, "an action cannot reach step \(action.step)") }
            if let problem = ReplayRules.rangeProblem(action) { throw fail(number, problem) }
            actions.append(action)
        case "step":
            let record = try decoder.decode(StepDigestRecord.self, from: Data(line))
            guard record.step == nextStep else {
                throw fail(number, "step record \(record.step) is out of order; expected step \(nextStep)")
            }
            digests[record.step] = record.digest
            nextStep += 1
        case "end":
            end = try decoder.decode(ReplayEnd.self, from: Data(line))
        case "header":
            throw fail(number, "a second header record")
        default:
            throw fail(number, "unknown record type '\(type)'; expected action, step or end")
        }
    }

    static func describe(_ error: Error) -> String {
        switch error as? DecodingError {
        case .keyNotFound(let key, _): "missing '\(key.stringValue)'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            "'\(context.codingPath.map(\.stringValue).joined(separator: "."))' has the wrong type"
        case .dataCorrupted: "not valid JSON"
        default: "\(error)"
        }
    }
}
