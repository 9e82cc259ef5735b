import FoundationEssentials
import Interactive
import Recording
import Scenario
import Testing
import VMM

@testable import Views

/// Recordings whose numbers are forged, one field at a time, to every extreme: each is refused
/// with a message or exported whole (a trap would end the test run), as cast, page and snapshot.
@Suite struct ForgedExportTests {
    static let extremes = ["0", "-1", "2", "1000001", "9223372036854775807", "-9223372036854775808"]

    @Test func everyForgedCountIsRefusedOrExported() throws {
        let scenario = try #require(try BundledScenarios.load("tour"))
        let actions: [Action] = [
            .stepForward, .scroll(3), .reveal(step: 2, event: 1), .answer(0), .focusPane(.frames), .jump(to: 5), .eventForward,
            .toggleRun, .advance(2), .cancel, .search("fault", backward: true), .stepBack,
        ]
        let lines = Replay.record(actions, scenario: scenario, seed: 1).text.split(separator: "\n").map(String.init)
        var exported = 0, refused = 0
        for (index, line) in lines.enumerated() where line.contains("\"type\":\"action\"") {
            // The step reached is what verification checks; these are what the session computes with.
            for key in ["count", "target", "revealed"] {
                for value in Self.extremes {
                    var forged = line
                    if let range = forged.firstMatch(of: try Regex("\"\(key)\":-?[0-9]+"))?.range {
                        forged.replaceSubrange(range, with: "\"\(key)\":\(value)")
                    } else {
                        forged = forged.replacing("{", with: "{\"\(key)\":\(value),", maxReplacements: 1)
                    }
                    var file = lines
                    file[index] = forged
                    guard let replay = try? Replay.parse(bytes: Array((file.joined(separator: "\n") + "\n").utf8), path: "forged.lkr")
                    else {
                        refused += 1
                        continue
                    }
                    _ = replay.verify()
                    let cast = exportedText(replay, .cast, width: 80, height: 24)
                    #expect(cast.split(separator: "\n").count >= 2)
                    // The page replays through the same frames as the cast: one in five is enough.
                    if exported % 5 == 0 { #expect(exportedText(replay, .page, width: 80, height: 24).hasSuffix("</body></html>\n")) }
                    exported += 1
                }
            }
        }
        // Both outcomes happen: the ranges refuse the wild values and let the ordinary ones through.
        #expect(refused > 30 && exported > 30, "refused \(refused), exported \(exported)")
    }
}
