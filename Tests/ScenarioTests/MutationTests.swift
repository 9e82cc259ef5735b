import Testing
import VMM

@testable import Scenario

/// A small, seeded mutation fuzzer that runs in every `swift test`: thousands of damaged
/// scenarios, settings and traces, each of which must end in a result or a clear error (a trap
/// would end the test run; every loop here is bounded, so a hang cannot happen quietly).
struct Mutator {
    var random: SeededGenerator

    static let extremes = [
        "0", "-1", "4096", "0x0", "9223372036854775807", "-9223372036854775808", "18446744073709551616",
        "0xffffffffffffffff", "1e300", "99999999999999999999999", "", "\u{1B}[2J", "\u{FEFF}", "\u{0}", "é", "进",
    ]

    mutating func mutate(_ text: [UInt8]) -> [UInt8] {
        var bytes = text
        for _ in 0...random.index(below: 3) {
            let position = bytes.isEmpty ? 0 : random.index(below: bytes.count + 1)
            switch random.index(below: 7) {
            case 0 where !bytes.isEmpty:  // flip a byte
                let at = min(position, bytes.count - 1)
                bytes[at] ^= UInt8(1 << random.index(below: 8))
            case 1:  // insert an extreme value
                let value = Array((" " + Self.extremes[random.index(below: Self.extremes.count)] + " ").utf8)
                bytes.insert(contentsOf: value, at: position)
            case 2 where !bytes.isEmpty:  // delete a range
                let end = min(bytes.count, position + random.index(below: 40) + 1)
                bytes.removeSubrange(min(position, bytes.count - 1)..<end)
            case 3:  // duplicate a range
                let end = min(bytes.count, position + random.index(below: 80))
                bytes.insert(contentsOf: Array(bytes[position..<end]), at: position)
            case 4:  // truncate
                bytes = Array(bytes.prefix(position))
            case 5:  // replace a number with an extreme one
                if let digit = bytes[min(position, bytes.count)...].firstIndex(where: { (48...57).contains($0) }) {
                    var end = digit
                    while end < bytes.count, (48...57).contains(bytes[end]) || bytes[end] == UInt8(ascii: "x") { end += 1 }
                    bytes.replaceSubrange(digit..<end, with: Array(Self.extremes[random.index(below: 9)].utf8))
                }
            default:  // a random byte
                bytes.insert(UInt8(random.index(below: 256)), at: position)
            }
        }
        return bytes
    }
}

@Suite struct MutationTests {
    @Test func damagedScenariosParseOrSayWhereTheyAreWrong() {
        var mutator = Mutator(random: SeededGenerator(seed: 2026))
        var parsed = 0, refused = 0
        for name in BundledScenarios.names {
            let original = Array((BundledScenarios.text(named: name) ?? "").utf8)
            for _ in 0..<250 {
                let bytes = mutator.mutate(original)
                do {
                    let scenario = try ScenarioParser.parse(bytes: bytes, path: "mutant.vmm")
                    parsed += 1
                    // What parses, runs: a bounded number of steps, with the invariants kept.
                    var machine = scenario.makeMachine()
                    var checker = InvariantChecker()
                    for _ in 0..<200 where !machine.isFinished {
                        let before = machine
                        let result = machine.step()
                        #expect(checker.check(before: before, after: machine, result: result).isEmpty, "\(name) mutant")
                    }
                } catch {
                    refused += 1
                    let lines = bytes.split(separator: 10, omittingEmptySubsequences: false).count
                    for diagnostic in error.diagnostics {
                        #expect(diagnostic.line >= 1 && diagnostic.line <= max(1, lines), "\(diagnostic)")
                        #expect(!diagnostic.description.unicodeScalars.contains { $0.properties.generalCategory == .control && $0 != "\n" })
                    }
                }
            }
        }
        #expect(parsed > 100 && refused > 100, "parsed \(parsed), refused \(refused)")
    }

    @Test func damagedSettingsAreAppliedOrRefused() throws {
        var mutator = Mutator(random: SeededGenerator(seed: 7))
        let scenario = try #require(try BundledScenarios.load("lost-update"))
        let settings = [
            "frames=4", "words=8", "tlb=8 ways 2 lru", "page-table=levels 10 10", "replacement=aging bits 4 interval 2",
            "sharing=private-open", "schedule=order B A", "seed=7", "swap=16", "page-size=1024", "write=through",
        ]
        for index in 0..<2_000 {
            let setting = String(decoding: mutator.mutate(Array(settings[index % settings.count].utf8)), as: UTF8.self)
            do {
                let changed = try scenario.overriding([setting])
                var machine = changed.makeMachine()
                for _ in 0..<100 where !machine.isFinished { machine.step() }
            } catch {
                #expect(!error.diagnostics.isEmpty)
            }
        }
    }

    @Test func damagedTracesParseOrCountTheirMalformedLines() {
        var mutator = Mutator(random: SeededGenerator(seed: 11))
        let lackey = Array("==1== Lackey\nI  04001670,3\n L 7ff000a08,8\n S 1ffefffe40,8\n M 04a1b2c3,4\n".utf8)
        let plain = Array("0x1000\n4096\n0x7fffffffffff\n".utf8)
        for index in 0..<3_000 {
            let bytes = mutator.mutate(index % 2 == 0 ? lackey : plain)
            for pageSize in [1, 4096] {
                var parser = TraceParser(pageSize: pageSize)
                var all = bytes[...]
                do {
                    // In uneven chunks, as a pipe delivers them.
                    while !all.isEmpty {
                        let take = min(all.count, 1 + index % 7)
                        try Array(all.prefix(take)).withUnsafeBytes { try parser.feed($0) }
                        all = all.dropFirst(take)
                    }
                    try parser.finish()
                    #expect(parser.pages.count == parser.writes.count)
                } catch {
                    Issue.record("a non-strict parser threw: \(error)")
                }
            }
        }
    }
}
