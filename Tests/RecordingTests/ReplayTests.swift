import Foundation
import Interactive
import Scenario
import Teaching
import Testing
import VMM
@testable import Recording

/// Plays a user's actions on a live session and records them in memory, as the interface does.
func recording(_ scenario: Scenario, seed: UInt64, actions: [Action]) throws -> (text: String, session: Session) {
    Replay.record(actions, scenario: scenario, seed: seed)
}

let userActions: [Action] = [
    .stepForward, .stepForward, .eventForward, .eventForward, .stepBack, .nextPane, .scroll(3), .toggleHelp, .toggleHelp, .nextProcess,
    .openPrompt(.jumpToStep), .promptType("3"), .promptSubmit, .faster,
    .stepForward, .toggleRun, .advance(3), .advance(2), .toggleRun, .eventBack, .runUntil([.majorFault, .minorFault], label: "fault"),
    .jump(to: 4), .search("frame", backward: false), .search("frame", backward: true), .reveal(step: 3, event: 1), .focusPane(.frames),
    .toEnd, .stepBack, .stepBack, .toStart,
    .stepForward, .jump(to: 7),
]

@Suite struct ReplayTests {
    @Test("every bundled scenario round-trips through a replay at several seeds", arguments: BundledScenarios.names)
    func roundTrip(name: String) throws {
        let scenario = try #require(try BundledScenarios.load(name))
        for seed: UInt64 in [1, 7, 42] {
            let (text, live) = try recording(scenario, seed: seed, actions: userActions)
            let replay = try Replay.parse(bytes: Array(text.utf8), path: "\(name).lkr")
            #expect(replay.verify() == nil, "\(name) seed \(seed)")
            #expect(replay.finalStep == live.step)
            let replayed = replay.session(afterActions: replay.actions.count)
            #expect(replayed.timeline.current == live.timeline.current)
            #expect(replayed.revealed == live.revealed)
            // The same screen, not only the same step: everything the screen shows of the session.
            #expect(replayed.focusedProcess == live.focusedProcess && replayed.focusedPane == live.focusedPane)
            #expect(replayed.scroll == live.scroll && replayed.message == live.message && replayed.speed == live.speed)
        }
    }

    @Test func aTamperedDigestIsTheFirstDivergence() throws {
        let scenario = try #require(try BundledScenarios.load("lost-update"))
        var (text, _) = try recording(scenario, seed: 1, actions: [.toEnd])
        let original = EventDigest.digest(scenario.makeMachine().stepped().1.events)
        var machine = scenario.makeMachine()
        var fifth = ""
        for _ in 0..<5 { fifth = EventDigest.digest(machine.step().events) }
        text = text.replacingOccurrences(of: "\"digest\":\"\(fifth)\"", with: "\"digest\":\"ffffffffffffffff\"")
        let replay = try Replay.parse(bytes: Array(text.utf8), path: "tampered.lkr")
        let divergence = try #require(replay.verify())
        #expect(divergence.step == 5)
        #expect(divergence.expected == "ffffffffffffffff")
        #expect(divergence.found.hasPrefix(fifth))
        #expect(original != fifth)
    }

    @Test func aChangedEngineOrScenarioIsCaught() throws {
        let scenario = try #require(try BundledScenarios.load("tour"))
        let (text, _) = try recording(scenario, seed: 1, actions: [.stepForward, .stepForward, .stepForward])
        // The same recording against a scenario whose machine behaves differently.
        let changed = text.replacingOccurrences(of: #""settings":[]"#, with: #""settings":["tlb=off"]"#)
        let replay = try Replay.parse(bytes: Array(changed.utf8), path: "changed.lkr")
        let divergence = try #require(replay.verify())
        #expect(divergence.step == 3)
        #expect(divergence.what == "event digest")
    }

    @Test func playbackStepsThroughTheRecordingAndMarksWhereItStands() throws {
        let scenario = try #require(try BundledScenarios.load("tour"))
        let (text, _) = try recording(scenario, seed: 1, actions: [.stepForward, .stepForward, .stepForward, .stepBack])
        var playback = Playback(try Replay.parse(bytes: Array(text.utf8), path: "p.lkr"))
        var session = Session(scenario: playback.replay.scenario)
        #expect(playback.marker == "replay 0/4 at start")
        playback.next(&session)
        playback.next(&session)
        #expect(session.step == 2)
        #expect(playback.marker == "replay 2/4 at step 2")
        session.apply(.toEnd)
        playback.userMoved()
        #expect(playback.marker.hasSuffix("(you moved away: n returns)"))
        playback.next(&session)
        #expect(session.step == 3)
        playback.togglePlaying(&session)
        playback.advance(by: 10, &session)
        #expect(playback.atEnd && !playback.playing)
        #expect(session.step == 2)
        playback.restart(&session)
        #expect(session.step == 0)
        playback.toEnd(&session)
        #expect(session.step == 2)
    }
}

/// Replay files that read cleanly but lie: `--verify` must catch each, with its exact message,
/// and never hang on a count or target beyond the scenario's end.
@Suite struct ForgedReplayTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("ForgedReplays")

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".lkr") }.map {
            String($0.dropLast(4))
        }.sorted()
    }

    @Test(arguments: names)
    func forgedReplayIsCaught(name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: Self.folder.appendingPathComponent("\(name).lkr")))
        let expected = try String(contentsOf: Self.folder.appendingPathComponent("\(name).expected"), encoding: .utf8)
        let replay = try Replay.parse(bytes: bytes, path: name)
        let divergence = try #require(replay.verify())
        #expect(divergence.description + "\n" == expected)
    }
}

@Suite struct QuizReplayTests {
    @Test func aRecordedQuizReplaysWithItsScoreAndCatchesAForgedAnswer() throws {
        let scenario = try #require(try BundledScenarios.load("tour"))
        let (text, live) = try recording(
            scenario, seed: 1,
            actions: [.toggleQuiz, .stepForward, .stepForward, .stepForward, .answer(1), .answer(2), .stepForward, .answer(0), .answer(0)])
        let replay = try Replay.parse(bytes: Array(text.utf8), path: "quiz.lkr")
        #expect(replay.verify() == nil)
        #expect(replay.quizSummary == live.quiz?.summary)
        // Step 3 (A's first read): miss and major fault, both right; step 4 (B's first read): hit and no fault, both wrong.
        #expect(replay.actions.filter { $0.action == "answer" }.map(\.label) == ["right", "right", "wrong", "wrong"])
        let forged = text.replacingOccurrences(of: #""count":0,"label":"wrong""#, with: #""count":0,"label":"right""#)
        let divergence = try #require(try Replay.parse(bytes: Array(forged.utf8), path: "forged.lkr").verify())
        #expect(divergence.expected == "right" && divergence.found == "wrong")
    }
}

@Suite struct InterruptedLongMoveTests {
    /// A scenario long enough that a jump to its end takes several frames at a budget of 1,000 steps.
    func long() throws -> Scenario {
        let writes = (0..<5_000).map { "  write 0x\(String(($0 % 8) * 0x1000, radix: 16)) \($0)" }.joined(separator: "\n")
        return try ScenarioParser.parse("frames 4\nprocess A\n  alloc 0x0 pages 8\n" + writes + "\n", path: "long.vmm")
    }

    /// Interrupted by a move, by a prompt, and by Esc: each recording verifies and replays to where
    /// the live session ended (a jump recorded at the step the key ended at would diverge).
    @Test(arguments: [
        [Action.toEnd, .continueSeek, .stepForward, .stepForward],
        [.toEnd, .stepBack],
        [.toEnd, .runUntil([.majorFault], label: "fault")],
        [.toEnd, .openPrompt(.jumpToStep), .promptType("7"), .promptSubmit, .stepForward],
        [.toEnd, .continueSeek, .cancel, .stepForward],
    ])
    func aRecordingOfAnInterruptedLongMoveVerifies(actions: [Action]) throws {
        let (text, live) = Replay.record(actions, scenario: try long(), seed: 1, stepBudget: 1_000)
        let replay = try Replay.parse(bytes: Array(text.utf8), path: "interrupted.lkr")
        #expect(replay.actions.contains { $0.action == "jump" })
        #expect(replay.verify() == nil)
        #expect(replay.finalStep == live.step)
        #expect(replay.session(afterActions: replay.actions.count).step == live.step)
    }
}
