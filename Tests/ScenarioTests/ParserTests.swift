import Foundation
import Testing
@testable import Scenario
import VMM

@Suite struct ParserTests {
    @Test func aShortFileGetsSensibleDefaults() throws {
        let scenario = try ScenarioParser.parse("process A\n  alloc 0\n  read 0\n", path: "short.vmm")
        #expect(scenario.title == "short.vmm")
        #expect(scenario.configuration == MachineConfiguration())
        #expect(scenario.processes == [ProcessSpec(name: "A", script: [.alloc(address: 0, pages: 1), .read(address: 0)])])
    }

    @Test func everyDirectiveAndOperationIsRead() throws {
        let text = """
            title Everything  # not a comment in a title
            description line one
            description line two
            watch this
            page-size 0x2000
            words 8
            frames 6
            swap 3
            tlb 8 ways 2 fifo untagged
            replacement clock
            write through
            sharing private-random
            flush-before-read
            schedule order B A B
            seed 99
            file data 1 2 | 3 0x10 -5   # two pages
            file blank pages 3
            process A
              map data at 0x10000 pages 2 private
              alloc 0x0 pages 2
              read 0x10
              write 0x2000 -7
              refs 1 0
              sync data
              close data
              fork C
              exit
            process B
              map blank at 65536
              unmap blank
            process C forked
              read 0
            expect page-faults >= 1
            expect major-faults of A < 10
            expect no event deadlock
            expect file data page 1 word 1 == 16
            """
        let s = try ScenarioParser.parse(text, path: "all.vmm")
        #expect(s.title == "Everything  # not a comment in a title")
        #expect(s.description == ["line one", "line two"])
        #expect(s.watch == ["this"])
        let c = s.configuration
        #expect(c.pageSize == 0x2000 && c.wordsPerPage == 8 && c.frames == 6 && c.swapSlots == 3 && c.seed == 99)
        #expect(c.tlb == TLBConfiguration(entries: 8, ways: 2, replacement: .fifo, tagged: false))
        #expect(c.replacement == .clock && c.writePolicy == .writeThrough && c.sharing == .privateCopies(.random) && c.flushBeforeRead)
        #expect(c.scheduler == .explicit([1, 0, 1]))
        #expect(s.files[0] == FileSpec(name: "data", pages: [[1, 2, 0, 0, 0, 0, 0, 0], [3, 16, -5, 0, 0, 0, 0, 0]]))
        #expect(s.files[1].pages.count == 3)
        #expect(
            s.processes[0].script == [
                .map(file: 0, address: 0x10000, pages: 2, mode: .private), .alloc(address: 0, pages: 2), .read(address: 0x10),
                .write(address: 0x2000, value: -7), .read(address: 0x2000), .read(address: 0), .sync(file: 0), .close(file: 0),
                .fork(child: 2), .exit,
            ])
        #expect(s.processes[1].script == [.map(file: 1, address: 65536, pages: nil, mode: .shared), .close(file: 1)])
        #expect(!s.processes[2].startsRunning)
        #expect(
            s.expectations.map(\.subject) == [
                .counter("page-faults", process: nil), .counter("major-faults", process: 0), .events(.deadlock),
                .fileWord(file: 0, page: 1, word: 1),
            ])
        #expect(s.expectations.map(\.comparison) == [.greaterOrEqual, .less, .equal, .equal])
    }

    @Test func windowsLineEndingsAndTabsAreFine() throws {
        let scenario = try ScenarioParser.parse("frames\t3\r\nprocess A\r\n\talloc 0\r\n", path: "crlf.vmm")
        #expect(scenario.configuration.frames == 3)
    }

    /// Lines are split by bytes when they are ASCII and by characters otherwise: the same words
    /// and columns either way, a column counting characters.
    @Test func wordsAndColumnsAreTheSameForASCIIAndOtherText() {
        func words(_ line: String) -> [String] { Token.split(line).map { "\($0.text)@\($0.column)" } }
        #expect(words("  read 0x10\t# a comment") == ["read@3", "0x10@8"])
        #expect(words("title A#B #c") == ["title@1", "A#B@7"])
        #expect(words("  wrïte 5  # é") == ["wrïte@3", "5@9"])
        #expect(words("\t\t") == [] && words("#only") == [] && words("") == [])
        #expect("  a b\t ".trimmingBlanks() == "a b" && " \t ".trimmingBlanks() == "" && "ü é ".trimmingBlanks() == "ü é")
        #expect("x"[...].trimmingBlanks() == "x")
        // A control character's column counts characters, whatever came before it.
        let error = #expect(throws: (any Error).self) { try ScenarioParser.parse("title Ünï\u{7}\nprocess A\n", path: "c.vmm") }
        #expect("\(error.map { "\($0)" } ?? "")".contains("c.vmm:1:10: unexpected control character U+0007"))
    }

    /// The one-pass number reader against the rule it replaced (filter the underscores, take a
    /// sign and a `0x`, check every digit, then convert), on the edges and on random words.
    @Test func numbersReadInOnePassAsTheRuleSays() {
        func reference(_ text: String) -> NumberParse {
            var body = Substring(text.filter { $0 != "_" })
            var negative = false
            if body.hasPrefix("-") { negative = true; body = body.dropFirst() }
            var radix = 10
            if body.lowercased().hasPrefix("0x") { radix = 16; body = body.dropFirst(2) }
            let digits = radix == 16 ? "0123456789abcdefABCDEF" : "0123456789"
            guard !body.isEmpty, body.allSatisfy({ digits.contains($0) }) else { return .notANumber }
            guard let magnitude = Int(body, radix: radix) else { return .tooLarge }
            return .value(negative ? -magnitude : magnitude)
        }
        let edges = [
            "", "-", "_", "0", "-0", "0x", "0X1F", "-0x10", "0_x1f", "1_000", "00x1", "x10", "--5", "0x-1", "12a", "9223372036854775807",
            "9223372036854775808", "-9223372036854775808", "0x7fffffffffffffff", "0x8000000000000000", "1é", "٣", "0x1g",
        ]
        for text in edges { #expect(NumberParse(text) == reference(text), "\(text)") }
        #expect(NumberParse("0x1f") == .value(31) && NumberParse("-1_000") == .value(-1000) && NumberParse("1e3") == .notANumber)
        var generator = SeededGenerator(seed: 11)
        let alphabet = Array("0123456789abcdefxX-_ gé9")
        for _ in 0..<20_000 {
            let text = String((0..<generator.index(below: 22)).map { _ in alphabet[generator.index(below: alphabet.count)] })
            #expect(NumberParse(text) == reference(text), "\(text)")
        }
    }

    @Test func diagnosticsQuoteTheLineWithACaret() {
        do {
            _ = try ScenarioParser.parse("frames 4\nreplacement lur\nprocess A\n  alloc 0\n", path: "scenarios/x.vmm")
            Issue.record("a bad policy must not parse")
        } catch {
            #expect(
                error.description == """
                    scenarios/x.vmm:2:13: unknown policy 'lur' (did you mean 'lru'?); expected one of fifo, lru, clock, opt, random, mru, unopt, lfu, nru, aging, wsclock, gclock, mfu, sieve, arc, 2q, s3fifo, linux or mglru
                        replacement lur
                                    ^~~
                    1 error in scenarios/x.vmm
                    """)
        }
    }

    /// Every file in BadScenarios/ must give exactly the diagnostics in its `.expected` sidecar.
    @Test(arguments: badScenarioNames())
    func badScenario(name: String) throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BadScenarios")
        let bytes = try [UInt8](Data(contentsOf: folder.appendingPathComponent("\(name).vmm")))
        let expected = try String(contentsOf: folder.appendingPathComponent("\(name).expected"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        do {
            _ = try ScenarioParser.parse(bytes: bytes, path: name)
            Issue.record("\(name).vmm parsed without an error")
        } catch {
            #expect(error.diagnostics.map { "\($0.line):\($0.column): \($0.message)" } == expected)
            #expect(error.diagnostics.allSatisfy { $0.path == name })
        }
    }

    @Test func randomBytesNeverCrashOrHang() {
        var generator = SeededGenerator(seed: 11)
        let alphabet = Array("process A alloc map read write 0x10 file at pages frames tlb ways |#\n\n  -=9".utf8) + [0xff, 0xc3]
        for _ in 0..<300 {
            let bytes = (0..<generator.index(below: 200)).map { _ in alphabet[generator.index(below: alphabet.count)] }
            if let scenario = try? ScenarioParser.parse(bytes: bytes, path: "fuzz") {
                var machine = scenario.makeMachine()
                while !machine.isFinished, machine.stepCount < 10_000 { machine.step() }
                #expect(machine.isFinished)
            }
        }
    }

    @Test func overridesUseTheLanguagesWordsAndChecks() throws {
        let scenario = try #require(try BundledScenarios.load("replacement"))
        let lru = try scenario.overriding(["replacement=lru", "frames=4", "tlb=8 ways 2"])
        #expect(lru.configuration.replacement == .lru)
        #expect(lru.configuration.frames == 4)
        #expect(lru.configuration.tlb.ways == 2)
        #expect(throws: DiagnosticList.self) { try scenario.overriding(["frames=0"]) }
        #expect(throws: DiagnosticList.self) { try scenario.overriding(["colour=blue"]) }
        #expect(throws: DiagnosticList.self) { try scenario.overriding(["replacement"]) }
    }
}

func badScenarioNames() -> [String] {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BadScenarios")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".vmm") }.map { String($0.dropLast(4)) }.sorted()
}

/// However broken a file, its report stays readable: a window around the caret on long lines,
/// the first errors in full and the rest counted.
@Suite struct BoundedDiagnosticsTests {
    @Test func manyErrorsOnLongLinesStayShort() {
        let long =
            "process P\n" + (1...3_000).map { "  read 0x" + String(repeating: "z", count: 200) + " \($0)" }.joined(separator: "\n") + "\n"
        do {
            _ = try ScenarioParser.parse(long, path: "many.vmm")
            Issue.record("a broken file parsed")
        } catch {
            let text = error.description
            #expect(error.diagnostics.count >= 3_000)
            #expect(text.utf8.count < 10_000, "\(text.utf8.count) bytes of diagnostics")
            #expect(text.contains("… and \(error.diagnostics.count - 20) more"))
            let lines = text.split(separator: "\n")
            #expect(lines.allSatisfy { $0.count <= 4 + Diagnostic.shownWidth + 2 + 200 })
        }
    }

    @Test func aLongLineIsShownAroundItsCaret() throws {
        let filler = String(repeating: " ", count: 300)
        let text = "process P\n  alloc 0 pages 1\n  read 0\(filler)oops\n"
        do {
            _ = try ScenarioParser.parse(text, path: "long.vmm")
            Issue.record("a broken file parsed")
        } catch {
            let report = error.diagnostics[0].description.split(separator: "\n").map(String.init)
            #expect(report.count == 3)
            #expect(report[1].hasPrefix("    …") && report[1].count <= 4 + Diagnostic.shownWidth + 2)
            // The caret still points at the column the message names.
            let caret = try #require(report[2].firstIndex(of: "^")).utf16Offset(in: report[2])
            #expect(Array(report[1])[caret...].starts(with: "oops"))
        }
    }
}

@Suite struct ByteOrderMarkTests {
    @Test func aByteOrderMarkIsNotPartOfTheFirstWord() throws {
        let scenario = try ScenarioParser.parse(
            bytes: [0xEF, 0xBB, 0xBF] + Array("process P\n  alloc 0 pages 1\n  read 0\n".utf8), path: "bom.vmm")
        #expect(scenario.processes.map(\.name) == ["P"])
    }
}
