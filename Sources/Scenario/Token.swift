/// A word of a scenario line and the column it starts at.
struct Token: Hashable, Sendable {
    var text: String
    /// 1-based column of the first character.
    var column: Int

    var length: Int { text.count }
    var lowered: String { text.lowercased() }

    /// Splits a line at white space; a `#` at the start of a word begins a comment.
    static func split(_ line: String) -> [Token] {
        // Most lines are ASCII: split by bytes, where a byte's offset is its column.
        if line.utf8.allSatisfy({ $0 < 0x80 }) { return splitASCII(line) }
        var tokens: [Token] = []
        var current = ""
        var start = 0
        for (index, character) in line.enumerated() {
            if character == " " || character == "\t" {
                if !current.isEmpty { tokens.append(Token(text: current, column: start + 1)); current = "" }
            } else {
                if current.isEmpty {
                    if character == "#" { break }
                    start = index
                }
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(Token(text: current, column: start + 1)) }
        return tokens
    }

    /// `split` for a line of ASCII characters only.
    private static func splitASCII(_ line: String) -> [Token] {
        var tokens: [Token] = []
        let bytes = line.utf8
        var start: String.Index?
        var column = 0, startColumn = 0
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 {
                if let first = start { tokens.append(Token(text: String(line[first..<index]), column: startColumn + 1)) }
                start = nil
            } else if start == nil {
                if byte == UInt8(ascii: "#") { return tokens }
                start = index
                startColumn = column
            }
            column += 1
        }
        if let first = start { tokens.append(Token(text: String(line[first...]), column: startColumn + 1)) }
        return tokens
    }
}

/// Parses `42`, `-7`, `0x1f` or `1_000`; nil when it is not a number, `.tooLarge` when it overflows.
enum NumberParse: Equatable {
    case value(Int)
    case notANumber
    case tooLarge

    /// Read in one pass over the bytes: underscores are skipped anywhere, a `-` may open the
    /// number and `0x` (or `0X`) follow it; every other byte must be a digit of the radix.
    init(_ text: String) {
        var negative = false, radix = 10
        var magnitude = 0, digits = 0, overflowed = false
        var significant = 0  // bytes read that are not underscores
        var leadingZero = false
        for byte in text.utf8 where byte != UInt8(ascii: "_") {
            defer { significant += 1 }
            if significant == 0, byte == UInt8(ascii: "-") {
                negative = true
                continue
            }
            let position = significant - (negative ? 1 : 0)
            if position == 1, leadingZero, radix == 10, byte | 0x20 == UInt8(ascii: "x") {
                radix = 16
                digits = 0
                continue
            }
            guard let digit = Self.digit(byte), digit < radix else {
                self = .notANumber
                return
            }
            if position == 0, digit == 0 { leadingZero = true }
            digits += 1
            let (shifted, over) = magnitude.multipliedReportingOverflow(by: radix)
            let (sum, carry) = shifted.addingReportingOverflow(digit)
            if over || carry { overflowed = true } else { magnitude = sum }
        }
        if digits == 0 {
            self = .notANumber
        } else if overflowed {
            self = .tooLarge
        } else {
            self = .value(negative ? -magnitude : magnitude)
        }
    }

    private static func digit(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}
