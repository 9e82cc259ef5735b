import Interactive
import Scenario
import VMM

/// What a recording holds, as the lines of a replay file: the header, then each recorded action
/// preceded by the digest of every step it reached for the first time. A value: `Recorder`
/// writes its lines to a file as they come; tests and exports keep them in memory.
public struct RecordingLog: Sendable {
    /// A copy of the simulation that runs ahead only to digest each newly reached step once.
    private var shadow: Machine
    public let header: ReplayHeader

    public init(program: String, scenario: Scenario, seed: UInt64?, settings: [String], recordedAt: String?) {
        shadow = scenario.makeMachine(seed: seed)
        header = ReplayHeader(
            program: program, scenarioPath: scenario.path, scenarioSource: scenario.source,
            seed: shadow.configuration.seed, settings: settings, recordedAt: recordedAt)
    }

    public var headerLine: String { ReplayFormat.line(header) }

    /// The lines for an action already applied to `session`, `time` seconds into the recording
    /// (none for an action that is not recorded): the digests of the steps it reached, then itself.
    public mutating func lines(for applied: AppliedAction, after session: Session, time: Double) -> [String] {
        let recorded = applied.action.recorded(
            time: time, step: applied.step, revealed: applied.revealed, verdict: session.lastAnswerVerdict)
        guard let recorded else { return [] }
        var lines: [String] = []
        shadow.forEachStep(limit: applied.step) { result, _ in
            lines.append(ReplayFormat.line(StepDigestRecord(step: result.step, digest: EventDigest.digest(result.events))))
        }
        return lines + [ReplayFormat.line(recorded)]
    }

    public func endLine(time: Double, step: Int) -> String { ReplayFormat.line(ReplayEnd(time: time, step: step)) }
}

extension Replay {
    /// A session driven by `actions` and recorded in memory, as the interface records it: each
    /// action as what it amounted to. Returns the replay file's text and the live session.
    /// With a `stepBudget`, long moves take several `continueSeek`s, as they do in the interface.
    public static func record(_ actions: [Action], scenario: Scenario, seed: UInt64, stepBudget: Int? = nil) -> (
        text: String, session: Session
    ) {
        var session = Session(scenario: scenario, seed: seed)
        session.stepBudget = stepBudget
        var log = RecordingLog(program: "test", scenario: scenario, seed: seed, settings: [], recordedAt: nil)
        var lines = [log.headerLine]
        for (index, action) in actions.enumerated() {
            for applied in session.apply(action).applied { lines += log.lines(for: applied, after: session, time: Double(index) / 10) }
        }
        lines.append(log.endLine(time: 99, step: session.step))
        return (lines.joined(), session)
    }
}
