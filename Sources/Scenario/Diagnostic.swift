/// One problem in a user's file, located precisely: `path:line:col: message`, the line, a caret.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    /// 1-based.
    public var line: Int
    /// 1-based, in characters.
    public var column: Int
    public var message: String
    /// The offending line as written (empty when the problem is about the whole file).
    public var sourceLine: String
    /// How many characters the caret underlines.
    public var length: Int

    public init(path: String, line: Int, column: Int, message: String, sourceLine: String, length: Int = 1) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.sourceLine = sourceLine
        self.length = max(1, length)
    }

    public var location: String { "\(path):\(line):\(column)" }

    /// The three-line form compilers use.
    /// Source lines longer than this are shown as a window around the caret.
    static let shownWidth = 100

    /// `path:line:col: message`, the line (cut to a window around the caret when long), a caret.
    /// Text from the input is printable only: an escape sequence in a file cannot act on the terminal.
    public var description: String {
        let head = "\(location.printable): \(message.printable)"
        guard !sourceLine.isEmpty else { return head }
        var shown = Array(sourceLine.map { $0 == "\t" ? " " : $0 }.map { String($0).printable })
        var caret = max(0, column - 1)
        let marked = max(1, min(length, Self.shownWidth / 2))
        if shown.count > Self.shownWidth {
            // A window that keeps the caret and what it marks in view, with … where it is cut.
            let start = max(0, min(caret - Self.shownWidth / 3, shown.count - Self.shownWidth))
            let end = min(shown.count, start + Self.shownWidth)
            shown = (start > 0 ? ["…"] : []) + Array(shown[start..<end]) + (end < shown.count ? ["…"] : [])
            caret = caret - start + (start > 0 ? 1 : 0)
        }
        let pad = String(repeating: " ", count: caret)
        return "\(head)\n    \(shown.joined())\n    \(pad)^\(String(repeating: "~", count: marked - 1))"
    }
}

/// Every problem found in one file; a parse reports them all at once.
public struct DiagnosticList: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// At most this many are printed in full; the rest are counted.
    public static let shownCount = 20

    public var description: String {
        let count = diagnostics.count
        let more = count > Self.shownCount ? ["… and \(count - Self.shownCount) more"] : []
        return (diagnostics.prefix(Self.shownCount).map(\.description) + more).joined(separator: "\n")
            + "\n\(count) error\(count == 1 ? "" : "s") in \((diagnostics.first?.path ?? "input").printable)"
    }
}

/// "one of fifo, lru, clock" for error messages.
public func oneOf(_ options: [String]) -> String {
    options.count <= 1 ? options.joined() : options.dropLast().joined(separator: ", ") + " or " + options.last!
}

/// The closest option by edit distance, if it is close enough to be a likely typo.
func suggestion(for word: String, in options: [String]) -> String? {
    // Edit distance where swapping two neighbours counts as one edit ("lur" is one from "lru").
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
    let lowered = Array(word.lowercased())
    let scored = options.map { ($0, distance(lowered, Array($0))) }.min { $0.1 < $1.1 }
    guard let (best, score) = scored, score <= max(1, best.count / 3), score < lowered.count else { return nil }
    return best
}
