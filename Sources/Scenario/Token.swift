/// A word of a scenario line and the column it starts at.
struct Token: Hashable, Sendable {
    var text: String
    /// 1-based column of the first character.
    var column: Int

    var length: Int { text.count }
    var lowered: String { text.lowercased() }

    /// Splits a line at white space; a `#` at the start of a word begins a comment.
    static func split(_ line: String) -> [Token] {
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
}

/// Parses `42`, `-7`, `0x1f` or `1_000`; nil when it is not a number, `.tooLarge` when it overflows.
enum NumberParse: Equatable {
    case value(Int)
    case notANumber
    case tooLarge

    init(_ text: String) {
        var body = Substring(text.filter { $0 != "_" })
        var negative = false
        if body.hasPrefix("-") { negative = true; body = body.dropFirst() }
        var radix = 10
        if body.lowercased().hasPrefix("0x") { radix = 16; body = body.dropFirst(2) }
        let digits = radix == 16 ? "0123456789abcdefABCDEF" : "0123456789"
        guard !body.isEmpty, body.allSatisfy({ digits.contains($0) }) else { self = .notANumber; return }
        guard let magnitude = Int(body, radix: radix) else { self = .tooLarge; return }
        self = .value(negative ? -magnitude : magnitude)
    }
}
