import Interactive
import Recording
import Scenario
import Terminal
import Testing
import VMM
import Views

/// Sessions driven through the real loop by random keys, recorded as the interface records them:
/// whatever a user types, the recording verifies and replays to where the live session ended.
@Suite struct RecordedSessionTests {
    /// The keys a restless user reaches for: moves, long moves, auto-run and its speed, prompts
    /// and their typing, overlays, panes, the quiz, quitting; and time passing, and resizes.
    static let inputs: [MemoryTerminal.Input] =
        "nnnbb.,rrr+-gGG:/ffeu\t[]jkatQ12H?iv".map { .key(.character($0)) }
        + [
            .key(.escape), .key(.escape), .key(.enter), .key(.enter), .key(.backspace), .key(.tab), .key(.right), .key(.left),
            .key(.character("4")), .key(.character("7")), .key(.character("f")), .key(.character("x")), .key(.character("N")),
            .wait(seconds: 0.05), .wait(seconds: 0.3), .wait(seconds: 1), .wait(seconds: 0.02),
            .resize(width: 120, height: 40), .resize(width: 80, height: 24),
        ]

    /// A script of `length` inputs, ending in q (or, if the generator says so, left to run out: Ctrl-C).
    static func script(_ generator: inout SeededGenerator, length: Int) -> [MemoryTerminal.Input] {
        var script = (0..<length).map { _ in inputs.randomElement(using: &generator)! }
        if Bool.random(using: &generator) { script.append(.key(.character("q"))) }
        return script
    }

    /// A long scenario, so that G, : and / take many frames under a small step budget.
    static func long() throws -> Scenario {
        let writes = (0..<300).map { "  write 0x\(String(($0 * 5 % 8) * 0x1000, radix: 16)) \($0)" }
        return try ScenarioParser.parse(
            "title Long\nframes 4\nprocess A\n  alloc 0x0 pages 8\n" + writes.joined(separator: "\n") + "\n", path: "long.vmm")
    }

    /// Records one session driven by `script`: through the real loop on a terminal in memory,
    /// or (faster, the same model calls without drawing) straight through `handle` and `tick`.
    static func record(
        _ script: [MemoryTerminal.Input], scenario: Scenario, seed: UInt64, stepBudget: Int, throughLoop: Bool
    ) throws -> (replay: Replay, live: Session) {
        var session = Session(scenario: scenario, seed: seed)
        session.stepBudget = stepBudget
        var log = RecordingLog(program: "test", scenario: scenario, seed: seed, settings: [], recordedAt: nil)
        var lines = [log.headerLine]
        var time = 0.0
        func record(_ applied: AppliedAction, _ model: Session) {
            time += 0.01
            lines += log.lines(for: applied, after: model, time: time)
        }
        if throughLoop {
            var loop = InteractiveLoop(
                model: session, terminal: MemoryTerminal(width: 80, height: 24, script: script),
                onAction: { (applied: AppliedAction, model: Session) in
                    record(applied, model)
                    return true
                })
            loop.run()
            session = loop.model
        } else {
            var quit = false
            for input in script + [.key(.interrupt)] where !quit {
                let outcome: Outcome
                switch input {
                case .key(let key): outcome = session.handle(key)
                case .wait(let seconds): outcome = session.tick(seconds: seconds)
                case .resize: outcome = session.handle(.resize)
                }
                for applied in outcome.applied { record(applied, session) }
                quit = outcome.quits
                // The loop takes the next stretch of a long move, and auto-run's steps, every frame.
                if !quit, session.isBusy { for applied in session.tick(seconds: 0.016).applied { record(applied, session) } }
            }
        }
        lines.append(log.endLine(time: time + 0.01, step: session.step))
        return (try Replay.parse(bytes: Array(lines.joined().utf8), path: "session.lkr"), session)
    }

    func check(rounds: Int, throughLoop: Bool, seed: UInt64) throws {
        let scenarios = [
            try Self.long(), try #require(try BundledScenarios.load("tour")), try #require(try BundledScenarios.load("lost-update")),
        ]
        var generator = SeededGenerator(seed: seed)
        var recordedActions = 0, pauses = 0, jumps = 0
        for round in 0..<rounds {
            let script = Self.script(&generator, length: Int.random(in: 5...40, using: &generator))
            let (replay, live) = try Self.record(
                script, scenario: scenarios[round % scenarios.count], seed: UInt64(round), stepBudget: [3, 7, 40][round % 3],
                throughLoop: throughLoop)
            recordedActions += replay.actions.count
            pauses += replay.actions.count { $0.action == "pause" }
            jumps += replay.actions.count { $0.action == "jump" }
            // Verifying replays every action as `play` does, and checks the end record, written
            // where the live session ended, against where the replay ends.
            #expect(replay.end?.step == live.step)
            let divergence = replay.verify()
            #expect(divergence == nil, "round \(round): \(divergence.map { "\($0)" } ?? "") after \(script)")
            if divergence != nil { return }
        }
        // The sessions did record things, pauses and interrupted moves among them.
        #expect(recordedActions > rounds * 5)
        #expect(pauses > rounds / 20 && jumps > rounds / 20)
    }

    @Test func aThousandRandomSessionsVerifyAndReplayToWhereTheyEnded() throws {
        try check(rounds: 1_000, throughLoop: false, seed: 2026)
    }

    @Test func randomSessionsThroughTheRealLoopVerifyToo() throws {
        try check(rounds: 120, throughLoop: true, seed: 7)
    }
}
