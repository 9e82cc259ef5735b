import Interactive
import VMM

extension Replay {
    /// A session with the recording's first `count` actions applied.
    public func session(afterActions count: Int) -> Session {
        var last = Session(scenario: scenario, seed: header.seed)
        replaying(count) { _, session in last = session }
        return last
    }

    /// The session as the recording went: first as it began (`nil` action), then after each of its
    /// first `count` actions.
    public func replaying(_ count: Int = .max, _ body: (RecordedAction?, Session) throws -> Void) rethrows {
        var session = Session(scenario: scenario, seed: header.seed)
        try body(nil, session)
        for recorded in actions.prefix(count) {
            if let action = Action(recorded: recorded) { session.apply(action) }
            try body(recorded, session)
        }
    }

    /// The quiz score the recording earned, when it was recorded in quiz mode.
    public var quizSummary: String? {
        guard actions.contains(where: { $0.action == "answer" }) else { return nil }
        return session(afterActions: actions.count).quiz?.summary
    }

    /// Re-simulates the recording and checks every action's step and every step's digest;
    /// returns the first divergence, or nil when the replay is genuine.
    public func verify() -> Divergence? {
        var session = Session(scenario: scenario, seed: header.seed)
        for recorded in actions {
            guard let action = Action(recorded: recorded) else { continue }
            session.apply(action)
            if recorded.action == "answer", let label = recorded.label, session.lastAnswerVerdict != label {
                return Divergence(
                    step: recorded.step, expected: label, found: session.lastAnswerVerdict ?? "no question",
                    what: "a quiz answer recorded at \(formatSeconds(recorded.time)) s was")
            }
            if session.step != recorded.step {
                return Divergence(
                    step: recorded.step, expected: "step \(recorded.step)", found: "step \(session.step)",
                    what: "after '\(recorded.action)' at \(formatSeconds(recorded.time)) s the simulation should stand at")
            }
        }
        // The end record must say where the session really ended.
        if let end, end.step != session.step {
            return Divergence(
                step: end.step, expected: "step \(end.step)", found: "step \(session.step)",
                what: "the end record says the session ended at")
        }
        var machine = scenario.makeMachine(seed: header.seed)
        var divergence: Divergence?
        machine.stepUntil(limit: digests.keys.max() ?? 0) { result, _ in
            guard let expected = digests[result.step] else { return false }
            let found = EventDigest.digest(result.events)
            guard found != expected else { return false }
            let events = result.events.map(\.kind.rawValue).joined(separator: " ")
            divergence = Divergence(
                step: result.step, expected: expected, found: "\(found) (events: \(events.isEmpty ? "none" : events))",
                what: "event digest")
            return true
        }
        return divergence
    }
}

/// Seconds with two decimals, as verification messages give recorded times.
func formatSeconds(_ value: Double) -> String {
    // Times are checked when a file is read (0 to 10^9 s); this never traps on any other.
    guard value.isFinite, abs(value) < 1e12 else { return String(value) }
    let hundredths = Int((value * 100).rounded())
    guard hundredths >= 0 else { return "-" + formatSeconds(-value) }
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}
