import Testing
import VMM

@testable import Scenario

/// What may reach a terminal: the fast byte scan and the rule it reads off UTF-8 agree for every
/// kind of scalar, wherever it falls among the eight-byte words the scan takes at a time.
@Suite struct PrintableTextTests {
    static func scalars() -> [Unicode.Scalar] {
        var values = Array(0..<0x3000) + Array(0xFD00..<0x10000)
        for plane in 1...16 { values += [plane << 16 | 0xFFFD, plane << 16 | 0xFFFE, plane << 16 | 0xFFFF, plane << 16] }
        var generator = SeededGenerator(seed: 27)
        values += (0..<5_000).map { _ in Int(generator.next() % 0x110000) }
        return values.compactMap { Unicode.Scalar(UInt32($0)) }
    }

    @Test func theScanAgreesWithTheRuleForEveryKindOfScalar() {
        for scalar in Self.scalars() {
            for keepingNewlines in [false, true] {
                let replaced = PrintableText.isReplaced(scalar.value, keepingNewlines: keepingNewlines)
                for offset in [0, 3, 7, 8, 13] {
                    let text = String(repeating: "a", count: offset) + String(Character(scalar)) + "bcdefghijklmnop"
                    let shown = PrintableText.sanitized(text, keepingNewlines: keepingNewlines)
                    let expected = String(repeating: "a", count: offset) + (replaced ? "?" : String(Character(scalar))) + "bcdefghijklmnop"
                    #expect(shown == expected, "U+\(String(scalar.value, radix: 16)) at \(offset)")
                }
            }
        }
    }

    @Test func whatIsReplaced() {
        #expect("a\u{1b}[31mb\r\u{7}".printable == "a?[31mb??")
        #expect("tab\tkept, newline\nnot".printable == "tab\tkept, newline?not")
        #expect(
            PrintableText.sanitized(
                "line\none\u{202E}two\u{2066}\u{85}" + String(Character(Unicode.Scalar(0xFDD0)!))
                    + String(Character(Unicode.Scalar(0x10FFFF)!)), keepingNewlines: true) == "line\none?two????")
        #expect("é 进 → ·".printable == "é 进 → ·")
    }
}
