import Testing

@testable import VMM

@Suite struct IdentifierTests {
    /// The hand-written formatter against the standard library's, at the edges and at random.
    @Test func hexFormatsEveryIntegerAsTheStandardLibraryDoes() {
        func reference(_ value: Int) -> String {
            value < 0 ? "-0x" + String(value.magnitude, radix: 16) : "0x" + String(value, radix: 16)
        }
        #expect(hex(0) == "0x0" && hex(0xf) == "0xf" && hex(0x10) == "0x10" && hex(-16) == "-0x10")
        #expect(hex(.max) == "0x7fffffffffffffff" && hex(.min) == "-0x8000000000000000")
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<10_000 {
            let value = Int(bitPattern: UInt(generator.next())) >> generator.index(below: 64)
            #expect(hex(value) == reference(value), "\(value)")
        }
    }

    /// A kind's ordinal is its place among all kinds, so tallies and hashing by it are exact.
    @Test func everyEventKindHasItsOwnOrdinal() {
        #expect(Event.Kind.allCases.map(\.ordinal) == Array(0..<Event.Kind.allCases.count))
        #expect(Set(Event.Kind.allCases).count == Event.Kind.allCases.count)
        #expect(Event.Kind.read != .write && Event.Kind(rawValue: "lost-update") == .lostUpdate)
    }
}
