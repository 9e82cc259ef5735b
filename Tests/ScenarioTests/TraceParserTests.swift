import Testing
import VMM
@testable import Scenario

func parse(_ text: String, pageSize: Int = 4096, format: TraceParser.Format? = nil, strict: Bool = false, chunk: Int = 1 << 20)
    throws(TraceError) -> TraceParser
{
    var parser = TraceParser(pageSize: pageSize, format: format, strict: strict)
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let end = min(bytes.count, offset + chunk)
        let piece = Array(bytes[offset..<end])
        let outcome: Result<Void, TraceError> = piece.withUnsafeBytes { raw in
            do throws(TraceError) { try parser.feed(raw); return .success(()) } catch { return .failure(error) }
        }
        if case .failure(let error) = outcome { throw error }
        offset = end
    }
    try parser.finish()
    return parser
}

let lackey = """
    ==12345== Lackey, an example Valgrind tool
    I  04001670,3
     L 7ff000a08,8
     S 7ff000ffc,8
     M 0421cd40,4
    I  04001673,5
    ==12345== 
    """

/// What a lackey or plain line means, read the slow and obvious way with Strings: the oracle
/// for the parser's one-pass reading of well-formed lines.
func referencesByHand(_ line: String, lackey: Bool, pageShift: Int) -> [(page: Int, write: Bool)] {
    let fields = line.split(whereSeparator: { $0 == " " || $0 == "\r" || $0 == "\t" }).map(String.init)
    if lackey {
        let parts = fields[1].split(separator: ",")
        let address = UInt64(parts[0], radix: 16)!, size = max(UInt64(parts[1])!, 1)
        let write = fields[0] == "S" || fields[0] == "M"
        let first = Int(address >> UInt64(pageShift)), last = Int((address + size - 1) >> UInt64(pageShift))
        return first == last ? [(first, write)] : [(first, write), (last, write)]
    }
    let token = fields[0].lowercased()
    let address =
        token.hasPrefix("0x") ? UInt64(token.dropFirst(2), radix: 16)! : UInt64(token) ?? UInt64(token, radix: 16)!
    return [(Int(address >> UInt64(pageShift)), fields.count > 1 && fields[1] == "W")]
}

@Suite struct TraceParserTests {
    @Test(arguments: [true, false])
    func wellFormedLinesReadInOnePassMeanWhatTheySay(lackey: Bool) throws {
        var generator = SeededGenerator(seed: lackey ? 11 : 12)
        var lines: [String] = []
        for _ in 0..<5_000 {
            let address = UInt64(generator.index(below: 1 << 30)) << UInt64(generator.index(below: 33))
            let hex = String(address, radix: 16)
            if lackey {
                let op = ["I ", " L", " S", " M"][generator.index(below: 4)]
                let gap = [" ", "  ", "   "][generator.index(below: 3)]
                let end = generator.index(below: 10) == 0 ? "\r" : ""
                lines.append("\(op)\(gap)\(hex),\(1 + generator.index(below: 4096))\(end)")
            } else {
                let write = [" W", "", ""][generator.index(below: 3)]
                lines.append(["0x\(hex)", "0X\(hex.uppercased())", "\(address)", "  0x\(hex)"][generator.index(below: 4)] + write)
            }
        }
        for pageSize in [1 << 12, 1 << 21, 2] {
            let parser = try parse(lines.joined(separator: "\n") + "\n", pageSize: pageSize, chunk: 1 << 12)
            let expected = lines.flatMap { referencesByHand($0, lackey: lackey, pageShift: pageSize.trailingZeroBitCount) }
            #expect(parser.malformed == 0)
            #expect(parser.line == lines.count)
            #expect(parser.pages == expected.map(\.page), "page size \(pageSize)")
            #expect(parser.writes == expected.map(\.write), "page size \(pageSize)")
        }
    }

    @Test func lackeyLinesBecomeReferences() throws {
        let parser = try parse(lackey)
        #expect(parser.format == .lackey)
        // The store at 0x7ff000ffc, 8 bytes, crosses into the next page: both pages are touched.
        #expect(parser.pages == [0x4001, 0x7ff000, 0x7ff000, 0x7ff001, 0x421c, 0x4001])
        #expect(parser.writes == [false, false, true, true, true, false])
        #expect(parser.malformed == 0)
        #expect(parser.line == 7)
    }

    @Test(arguments: [1, 2, 3, 7, 64])
    func anyChunkingGivesTheSameReferences(chunk: Int) throws {
        let whole = try parse(lackey + "\n" + " L 100,4\r\n L 2000,4", chunk: 1 << 20)
        let pieces = try parse(lackey + "\n" + " L 100,4\r\n L 2000,4", chunk: chunk)
        #expect(pieces.pages == whole.pages)
        #expect(pieces.writes == whole.writes)
        #expect(whole.pages.suffix(2) == [0, 2])
    }

    @Test func plainAddressesInHexOrDecimal() throws {
        let parser = try parse("# a comment\n0x1f40\n8192 W\n\n  ff0a r\n12288,w\n", pageSize: 4096)
        #expect(parser.format == .plain)
        #expect(parser.pages == [1, 2, 0xff0a >> 12, 3])
        #expect(parser.writes == [false, true, false, true])
    }

    @Test func malformedLinesAreCountedOrStopAStrictRead() throws {
        let text = "I  0400,4\n L zz,8\n S 10,\n X 10,4\n L 20,4\n"
        let lenient = try parse(text)
        #expect(lenient.pages.count == 2)
        #expect(lenient.malformed == 3)
        #expect(lenient.firstMalformed == TraceError(line: 2, message: "expected a hex address and a comma", text: " L zz,8"))
        do {
            _ = try parse(text, strict: true)
            Issue.record("a strict read must stop at line 2")
        } catch {
            #expect(error.line == 2)
            #expect(error.description == "line 2: expected a hex address and a comma, found ' L zz,8'")
        }
        #expect(throws: TraceError.self) { _ = try parse("0x12345678901234567\n", strict: true) }
        #expect(throws: TraceError.self) { _ = try parse("0x10 maybe\n", strict: true) }
    }

    @Test func theFormatCanBeForcedAndPageSizeMatters() throws {
        #expect(try parse("I  2000,4\n", pageSize: 4096).pages == [2])
        #expect(try parse("I  2000,4\n", pageSize: 1024).pages == [8])
        let forced = try parse(" L 10,4\n", format: .plain)
        #expect(forced.malformed == 1)
        #expect(try parse("", format: nil).format == nil)
    }

    @Test func randomBytesNeverCrash() {
        var state: UInt64 = 12345
        for _ in 0..<200 {
            let bytes = (0..<300).map { _ -> UInt8 in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Array("I LSM 0x1f,49 \n=#\r".utf8)[Int(state >> 33) % 18]
            }
            _ = try? parse(String(decoding: bytes, as: UTF8.self), chunk: 7)
        }
    }
}

@Suite struct LongTraceLineTests {
    func feed(_ parser: inout TraceParser, _ chunks: [[UInt8]]) throws {
        for chunk in chunks { try chunk.withUnsafeBytes { try parser.feed($0) } }
        try parser.finish()
    }

    @Test func anOverlongLineIsMalformedAndItsBytesAreNotKept() throws {
        var parser = TraceParser(pageSize: 4096, format: .plain)
        // 12 KiB with no newline, in 1 KiB chunks, then a good line.
        let chunks = Array(repeating: [UInt8](repeating: UInt8(ascii: "x"), count: 1024), count: 12) + [Array("\n0x2000\n".utf8)]
        try feed(&parser, chunks)
        #expect(parser.pages == [2])
        #expect(parser.malformed == 1)
        #expect(parser.firstMalformed?.message == "line is longer than 4096 bytes")
        #expect(parser.firstMalformed?.line == 1)
        var strict = TraceParser(pageSize: 4096, format: .plain, strict: true)
        #expect(throws: TraceError.self) { try feed(&strict, chunks) }
    }
}

@Suite struct TraceAddressRangeTests {
    @Test func everyPageNumberFitsAndNoneCollidesWithAMarker() throws {
        for (text, format) in [("0xffffffffffffff00\n0x10\n", TraceParser.Format.plain), (" L ffffffffffffff00,8\n L 10,1\n", .lackey)] {
            var parser = TraceParser(pageSize: 1, format: format)
            try Array(text.utf8).withUnsafeBytes { try parser.feed($0) }
            try parser.finish()
            #expect(parser.pages == [0x10])
            #expect(parser.firstMalformed?.message == "the address's page number does not fit in 63 bits (use a page size of 2 or more)")
            var wide = TraceParser(pageSize: 4096, format: format)
            try Array(text.utf8).withUnsafeBytes { try wide.feed($0) }
            try wide.finish()
            #expect(wide.malformed == 0 && wide.pages.allSatisfy { $0 >= 0 })
        }
    }
}

@Suite struct TraceScenarioTests {
    /// A trace that writes 40 pages through 4 frames runs to its end: its scenario has a swap
    /// slot for every page it touches (with the default 8 it was killed within a few dozen steps).
    @Test func aTraceHasSwapForEveryPageItTouches() throws {
        let pages = (0..<400).map { ($0 * 7) % 40 + 0x400 }
        let scenario = try TraceScenario.make(name: "t", pages: pages, writes: pages.map { $0 % 2 == 0 }, pageSize: 4096)
        #expect(scenario.configuration.swapSlots == 40)
        var machine = scenario.makeMachine()
        while !machine.isFinished { machine.step() }
        #expect(machine.processes[0].state == .done(.exited) && machine.processes[0].programCounter == machine.processes[0].script.count)
        #expect(machine.counters.swapOuts > 0)
        // A trace of few pages keeps the default.
        #expect(try TraceScenario.make(name: "t", pages: [1, 2], writes: [true, false], pageSize: 4096).configuration.swapSlots == 8)
    }
}
