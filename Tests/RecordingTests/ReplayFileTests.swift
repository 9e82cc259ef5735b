import Foundation
import Interactive
import Scenario
import Teaching
import Testing
import VMM
@testable import Recording

let header =
    #"{"format":"lookaside-replay","program":"0.1.0","scenario_path":"scenarios/x.vmm","scenario_source":"process P\n  alloc 0\n  read 0\n","seed":5,"settings":["frames=2"],"type":"header","version":1}"#

@Suite struct ReplayFileTests {
    @Test func aWellFormedFileIsReadBack() throws {
        let text =
            header + "\n" + #"""
                {"digest":"0123456789abcdef","step":1,"type":"step"}
                {"action":"step-forward","step":1,"time":0.5,"type":"action"}
                {"action":"run-until","kinds":["major-fault","minor-fault"],"label":"fault","step":2,"time":0.75,"type":"action"}
                {"step":2,"time":1.0,"type":"end"}

                """#
        let replay = try Replay.parse(bytes: Array(text.utf8), path: "ok.lkr")
        #expect(replay.header.seed == 5)
        #expect(replay.scenario.configuration.frames == 2)
        #expect(replay.scenario.path == "scenarios/x.vmm")
        #expect(replay.actions.map(\.action) == ["step-forward", "run-until"])
        #expect(replay.actions[1].kinds == ["major-fault", "minor-fault"])
        #expect(replay.digests == [1: "0123456789abcdef"])
        #expect(replay.finalStep == 2)
        #expect(replay.warnings.isEmpty)
    }

    @Test func aFileCutShortReplaysToItsLastWholeRecord() throws {
        let text = header + "\n" + #"{"action":"step-forward","step":1,"time":0.5,"type":"action"}"# + "\n" + #"{"action":"step-forw"#
        let replay = try Replay.parse(bytes: Array(text.utf8), path: "cut.lkr")
        #expect(replay.actions.count == 1)
        #expect(replay.end == nil)
        #expect(replay.finalStep == 1)
        #expect(replay.warnings == ["cut.lkr:3: the last record is incomplete (the recording was cut short); replaying up to line 2"])
    }

    @Test func recordsRoundTripThroughTheirLines() throws {
        let action = RecordedAction(time: 1.25, action: "jump", target: 9, step: 9, revealed: nil)
        let line = ReplayFormat.line(action)
        #expect(line.hasSuffix("\n") && !line.dropLast().contains("\n"))
        let replay = try Replay.parse(bytes: Array((header + "\n" + line).utf8), path: "one.lkr")
        #expect(replay.actions == [action])
    }

    @Test func digestsDependOnBehaviourNotWording() {
        let a = Event(.majorFault, process: 0, page: 3, "one wording")
        let b = Event(.majorFault, process: 0, page: 3, "another wording")
        let c = Event(.majorFault, process: 1, page: 3, "one wording")
        #expect(EventDigest.digest([a]) == EventDigest.digest([b]))
        #expect(EventDigest.digest([a]) != EventDigest.digest([c]))
        #expect(EventDigest.digest([a, c]) != EventDigest.digest([c, a]))
        #expect(EventDigest.digest([]).count == 16)
    }

    /// Every file in BadReplays/ must give exactly the message in its `.expected` sidecar.
    @Test(arguments: badReplayNames())
    func badReplay(name: String) throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BadReplays")
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("\(name).lkr")))
        let expected = try String(contentsOf: folder.appendingPathComponent("\(name).expected"), encoding: .utf8)
        do {
            _ = try Replay.parse(bytes: bytes, path: name)
            Issue.record("\(name).lkr was read without an error")
        } catch {
            #expect(error.diagnostics.map { "\($0.line):\($0.column): \($0.message)" }.joined(separator: "\n") + "\n" == expected)
        }
    }
}

func badReplayNames() -> [String] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BadReplays")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".lkr") }.map { String($0.dropLast(4)) }.sorted()
}

/// Text from a replay file reaches the terminal without its control characters.
@Suite struct ReplayTextTests {
    func header(path: String, program: String, settings: String) -> [UInt8] {
        let text =
            #"{"format":"lookaside-replay","program":"\#(program)","scenario_path":"\#(path)","scenario_source":"process P\n  alloc 0\n  read 0\n","seed":1,"settings":[\#(settings)],"type":"header","version":1}"#
        return Array((text + "\n").utf8)
    }

    @Test func escapeSequencesInTheHeaderAreShownNotObeyed() throws {
        let replay = try Replay.parse(
            bytes: header(path: #"\u001b]0;PWNED\u0007x.vmm"#, program: #"\u001b[2J"#, settings: #""frames=4""#), path: "evil.lkr")
        #expect(replay.header.scenarioPath == "?]0;PWNED?x.vmm")
        #expect(replay.header.program == "?[2J")
    }

    @Test func anEscapeInASettingIsQuotedWithoutIt() {
        do {
            _ = try Replay.parse(bytes: header(path: "x.vmm", program: "t", settings: #""frames=\u001b[31m4""#), path: "evil.lkr")
            Issue.record("a setting with an escape sequence was accepted")
        } catch {
            #expect(!error.description.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
            #expect(error.description.contains("frames=?[31m4"))
        }
    }
}

/// Thousands of damaged recordings: each reads, plays and verifies, or is refused with its line.
@Suite struct ReplayMutationTests {
    @Test func damagedRecordingsAreReadOrRefused() throws {
        let scenario = try #require(try BundledScenarios.load("lost-update"))
        let (text, _) = Replay.record(
            [.stepForward, .stepForward, .eventForward, .toggleRun, .advance(3), .toggleRun, .jump(to: 9), .stepBack, .toEnd],
            scenario: scenario, seed: 1)
        var random = SeededGenerator(seed: 99)
        let original = Array(text.utf8)
        let extremes = ["0", "-1", "1e300", "9223372036854775807", "18446744073709551616", "\"x\"", "null", "[]", "{}", "1.5"]
        var read = 0, refused = 0
        for _ in 0..<2_000 {
            var bytes = original
            for _ in 0...random.index(below: 2) {
                let at = random.index(below: bytes.count)
                switch random.index(below: 4) {
                case 0: bytes[at] ^= UInt8(1 << random.index(below: 8))
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.index(below: 30)))
                case 2:
                    // A number or value replaced by an extreme one.
                    if let digit = bytes[at...].firstIndex(where: { (48...57).contains($0) }) {
                        var end = digit
                        while end < bytes.count, (48...57).contains(bytes[end]) { end += 1 }
                        bytes.replaceSubrange(digit..<end, with: Array(extremes[random.index(below: extremes.count)].utf8))
                    }
                default: bytes = Array(bytes.prefix(at))
                }
            }
            do {
                let replay = try Replay.parse(bytes: bytes, path: "mutant.lkr")
                read += 1
                _ = replay.verify()
                _ = replay.session(afterActions: replay.actions.count)
            } catch {
                refused += 1
                #expect(error.diagnostics.allSatisfy { $0.line >= 1 }, "\(error)")
            }
        }
        #expect(read > 100 && refused > 100, "read \(read), refused \(refused)")
    }
}
