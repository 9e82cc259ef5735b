import VMM

/// Reads `.vmm` scenario files. Every problem in a file is reported in one go, each with its
/// file, line and column; nothing here traps or loops on bad input.
public enum ScenarioParser {
    /// Largest file accepted, so a stray multi-gigabyte file gets an error instead of a hang.
    public static let maximumBytes = 16 << 20

    public static func parse(bytes: [UInt8], path: String) throws(DiagnosticList) -> Scenario {
        guard bytes.count <= maximumBytes else {
            throw DiagnosticList([
                Diagnostic(
                    path: path, line: 1, column: 1,
                    message: "file is \(bytes.count) bytes; a scenario may be at most \(maximumBytes) bytes", sourceLine: "")
            ])
        }
        if let nul = bytes.firstIndex(of: 0) {
            let (line, column) = position(of: nul, in: bytes)
            throw DiagnosticList([
                Diagnostic(
                    path: path, line: line, column: column, message: "this is not a text file (a NUL byte); expected a .vmm scenario",
                    sourceLine: "")
            ])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let bad = firstInvalidUTF8(bytes)
            let (line, column) = position(of: bad, in: bytes)
            throw DiagnosticList([
                Diagnostic(
                    path: path, line: line, column: column,
                    message: "invalid UTF-8 (byte 0x\(String(bytes[bad], radix: 16))); expected a text .vmm scenario", sourceLine: "")
            ])
        }
        // A byte-order mark is not part of the first word.
        return try parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text, path: path)
    }

    public static func parse(_ text: String, path: String) throws(DiagnosticList) -> Scenario {
        var parser = Parser(path: path, text: text)
        parser.readLines()
        let scenario = parser.resolve()
        guard parser.diagnostics.isEmpty, let scenario else {
            throw DiagnosticList(parser.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        return scenario
    }

    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let before = bytes[..<offset]
        let line = before.reduce(1) { $0 + ($1 == 10 ? 1 : 0) }
        let lineStart = before.lastIndex(of: 10).map { $0 + 1 } ?? 0
        return (line, offset - lineStart + 1)
    }

    /// Offset of the first byte that does not start a well-formed UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let length: Int
            switch bytes[index] {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return index
            }
            guard index + length <= bytes.count else { return index }
            for next in 1..<length where bytes[index + next] & 0xC0 != 0x80 { return index }
            index += length
        }
        return 0
    }

    /// Directive and operation keywords, for "did you mean" suggestions.
    static let directives = ["title", "description", "watch"] + Directive.names + ["file", "process", "expect"]
    static let operations = ["map", "alloc", "read", "write", "refs", "sync", "msync", "fsync", "close", "unmap", "fork", "exit"]
}

/// An operation as written, before names are resolved.
struct RawOperation {
    enum Kind {
        case map(file: Token, address: Int, pages: Int?, mode: MappingMode)
        case alloc(address: Int, pages: Int)
        case read(address: Int)
        case write(address: Int, value: Int)
        case refs([(page: Int, token: Token)])
        case sync(file: Token)
        case syncAll
        case msync(address: Int, pages: Int)
        case fsync(file: Token)
        case close(file: Token)
        case fork(child: Token)
        case exit
    }

    var kind: Kind
    var line: Int
    /// The token an address or name error points at.
    var subject: Token
}

struct RawProcess {
    var name: Token
    var line: Int
    var forked: Bool
    var operations: [RawOperation] = []
}

struct RawFile {
    var name: Token
    var line: Int
    /// Each page's word tokens; nil pages are zero-filled.
    var pages: [[Token]?]
}

struct Parser {
    let path: String
    let lines: [String]
    var diagnostics: [Diagnostic] = []

    var title: String?
    var description: [String] = []
    var watch: [String] = []
    var configuration = MachineConfiguration()
    var seen: [String: Int] = [:]
    var configurationLines: [String: Int] = [:]
    var schedule: (kind: String, names: [Token], line: Int)?
    var files: [RawFile] = []
    var processes: [RawProcess] = []
    /// The line each name was declared at, to find a duplicate without searching every declaration.
    var fileLines: [String: Int] = [:]
    var processLines: [String: Int] = [:]
    var expectations: [(tokens: [Token], line: Int)] = []

    init(path: String, text: String) {
        self.path = path
        // Split by bytes (a scan by Characters was a third of loading a scenario): a line ends at
        // "\n", and a "\r" just before it belongs to the ending ("\r\n"), not to the line.
        lines = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            String(Substring(line.last == 0x0D ? line.dropLast() : line))
        }
    }

    mutating func error(_ line: Int, _ token: Token?, _ message: String) {
        let source = lines.indices.contains(line - 1) ? lines[line - 1] : ""
        diagnostics.append(
            Diagnostic(path: path, line: line, column: token?.column ?? 1, message: message, sourceLine: source, length: token?.length ?? 1)
        )
    }

    /// A number in a range; an error naming `what` otherwise.
    mutating func number(_ token: Token, _ line: Int, _ what: String, _ range: ClosedRange<Int>) -> Int? {
        switch NumberParse(token.text) {
        case .notANumber:
            error(line, token, "expected \(what) (a decimal or 0x hex number), found '\(token.text)'")
            return nil
        case .tooLarge:
            error(line, token, "\(what) '\(token.text)' is too large; at most \(range.upperBound)")
            return nil
        case .value(let value):
            guard range.contains(value) else {
                error(line, token, "\(what) must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
                return nil
            }
            return value
        }
    }

    /// A share of the frames in percent, 0 to 100, written `25` or `25%`.
    mutating func percent(_ token: Token, _ line: Int, _ what: String) -> Int? {
        let digits = token.text.hasSuffix("%") ? String(token.text.dropLast()) : token.text
        guard let value = Int(digits), digits.allSatisfy(\.isASCII) else {
            error(line, token, "expected \(what) as a percentage of the frames (such as 25%), found '\(token.text)'")
            return nil
        }
        guard (0...100).contains(value) else {
            error(line, token, "\(what) must be between 0% and 100% of the frames, not \(value)%")
            return nil
        }
        return value
    }

    /// Checks nothing follows what a line needs.
    mutating func noMore(_ tokens: [Token], after count: Int, _ line: Int, _ usage: String) {
        if tokens.count > count { error(line, tokens[count], "unexpected '\(tokens[count].text)'; expected: \(usage)") }
    }

    /// The argument at `index`, or an error saying what was expected there.
    mutating func argument(_ tokens: [Token], _ index: Int, _ line: Int, _ what: String, usage: String) -> Token? {
        if index < tokens.count { return tokens[index] }
        let end = Token(text: " ", column: tokens.last.map { $0.column + $0.length } ?? 1)
        error(line, end, "missing \(what); expected: \(usage)")
        return nil
    }

    /// A directive with exactly one argument: reads it with `parse` and checks nothing follows.
    mutating func single<T>(_ tokens: [Token], _ line: Int, _ what: String, _ usage: String, _ parse: (inout Parser, Token) -> T?) -> T? {
        guard let token = argument(tokens, 1, line, what, usage: usage), let value = parse(&self, token) else { return nil }
        noMore(tokens, after: 2, line, usage)
        return value
    }

    mutating func once(_ keyword: Token, _ line: Int) -> Bool {
        if let first = seen[keyword.lowered] {
            error(line, keyword, "'\(keyword.lowered)' is already set at line \(first)")
            return false
        }
        seen[keyword.lowered] = line
        return true
    }

    // MARK: Lines

    mutating func readLines() {
        for (index, raw) in lines.enumerated() {
            let line = index + 1
            // Control characters are ASCII, so they are looked for by bytes; the column counts characters.
            if let byte = raw.utf8.firstIndex(where: { $0 < 32 && $0 != 0x09 }) {
                // A control character is a character of its own (Unicode breaks graphemes around it).
                let column = raw.distance(from: raw.startIndex, to: byte) + 1
                error(line, Token(text: " ", column: column), "unexpected control character U+\(format4(UInt32(raw.utf8[byte])))")
                continue
            }
            let tokens = Token.split(raw)
            guard let keyword = tokens.first else { continue }
            switch keyword.lowered {
            case "title", "description", "watch":
                let start = raw.index(raw.startIndex, offsetBy: keyword.column - 1 + keyword.length)
                let text = raw[start...].trimmingBlanks()
                if keyword.lowered == "title" {
                    if text.isEmpty {
                        error(line, keyword, "a title needs some text after 'title'")
                    } else if once(keyword, line) {
                        title = text
                    }
                } else if keyword.lowered == "description" {
                    description.append(text)
                } else {
                    if text.isEmpty { error(line, keyword, "'watch' needs the thing to watch for") } else { watch.append(text) }
                }
            case let word where word != "write" && word != "fork" && Directive.named(word) != nil:
                readDirective(tokens, line)
            case "fork" where processes.isEmpty:
                // Before the first process, `fork` is the directive; in a process, the operation.
                readDirective(tokens, line)
            case "write"
            where processes.isEmpty || tokens.count == 2 && ["back", "through", "write-back", "write-through"].contains(tokens[1].lowered):
                readDirective(tokens, line)
            case "file":
                readFile(tokens, line)
            case "process":
                readProcess(tokens, line)
            case "expect":
                if tokens.count < 2 {
                    error(line, keyword, "'expect' needs something to check, e.g. 'expect page-faults = 9' or 'expect event lost-update'")
                } else {
                    expectations.append((tokens, line))
                }
            case let word where ScenarioParser.operations.contains(word):
                guard !processes.isEmpty else {
                    error(line, keyword, "'\(word)' is an operation and must come after 'process NAME'")
                    continue
                }
                if let operation = readOperation(tokens, line) { processes[processes.count - 1].operations.append(operation) }
            default:
                let known = ScenarioParser.directives + ScenarioParser.operations
                let hint =
                    suggestion(for: keyword.text, in: known).map { "; did you mean '\($0)'?" }
                    ?? "; expected a directive (\(oneOf(ScenarioParser.directives))) or an operation"
                error(line, keyword, "unknown word '\(keyword.text)'\(hint)")
            }
        }
    }

    func format4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    mutating func choice<T>(_ token: Token, _ line: Int, _ what: String, _ options: [(String, T)]) -> T? {
        if let match = options.first(where: { $0.0 == token.lowered }) { return match.1 }
        let names = options.map(\.0)
        let hint = suggestion(for: token.text, in: names).map { " (did you mean '\($0)'?)" } ?? ""
        error(line, token, "unknown \(what) '\(token.text)'\(hint); expected one of \(oneOf(names))")
        return nil
    }

    mutating func readDirective(_ tokens: [Token], _ line: Int) {
        let keyword = tokens[0]
        guard let directive = Directive.named(keyword.lowered), once(keyword, line) else { return }
        configurationLines[keyword.lowered] = line
        directive.read(&self, tokens, line, directive.usage)
    }

    mutating func readTLB(_ tokens: [Token], _ line: Int, _ usage: String) {
        guard let first = argument(tokens, 1, line, "the number of TLB entries", usage: usage) else { return }
        var tlb = TLBConfiguration()
        if first.lowered == "off" || first.lowered == "none" {
            tlb.entries = 0
            configuration.tlb = tlb
            noMore(tokens, after: 2, line, usage)
            return
        }
        // A TLB line keeps the address-space ids a `kernel` line gave, unless it names them.
        tlb.asids = configuration.tlb.asids
        if first.lowered == "asids" {
            tlb = configuration.tlb
            if let count = argument(tokens, 2, line, "a number of address-space ids", usage: usage) {
                if count.lowered == "unlimited" {
                    tlb.asids = nil
                } else if let asids = number(count, line, "address-space ids", 1...4096) {
                    tlb.asids = asids
                }
            }
            noMore(tokens, after: 3, line, usage)
            configuration.tlb = tlb
            return
        }
        guard let entries = number(first, line, "TLB entries", 0...4096) else { return }
        tlb.entries = entries
        var index = 2
        while index < tokens.count {
            let token = tokens[index]
            switch token.lowered {
            case "ways":
                guard let count = argument(tokens, index + 1, line, "the number of ways", usage: usage),
                    let ways = number(count, line, "ways", 0...4096)
                else { return }
                if ways > 0 && entries % ways != 0 {
                    error(
                        line, count, "\(entries) TLB entries cannot be split into sets of \(ways) ways; entries must be a multiple of ways")
                }
                tlb.ways = ways
                index += 2
                continue
            case "lru", "fifo", "random": tlb.replacement = TLBReplacement(rawValue: token.lowered)!
            case "tagged", "asid": tlb.tagged = true
            case "untagged", "flush": tlb.tagged = false
            case "full", "fully-associative": tlb.ways = 0
            case "asids":
                guard let count = argument(tokens, index + 1, line, "a number of address-space ids", usage: usage) else { return }
                if count.lowered == "unlimited" {
                    tlb.asids = nil
                } else {
                    guard let asids = number(count, line, "address-space ids", 1...4096) else { return }
                    tlb.asids = asids
                }
                index += 2
                continue
            default:
                let hint =
                    suggestion(for: token.text, in: ["ways", "lru", "fifo", "random", "tagged", "untagged", "asids"]).map {
                        " (did you mean '\($0)'?)"
                    } ?? ""
                error(line, token, "unexpected '\(token.text)'\(hint); expected: \(usage)")
                return
            }
            index += 1
        }
        configuration.tlb = tlb
    }

    mutating func readFile(_ tokens: [Token], _ line: Int) {
        let usage = "file NAME [pages N] or file NAME W W W W | W W W W (words of each page)"
        guard let name = argument(tokens, 1, line, "a file name", usage: usage) else { return }
        guard validName(name, line, "file") else { return }
        if let other = fileLines[name.text] {
            error(line, name, "a file named '\(name.text)' is already declared at line \(other)")
            return
        }
        fileLines[name.text] = line
        var pages: [[Token]?] = []
        if tokens.count > 2, tokens[2].lowered == "pages" {
            guard let count = argument(tokens, 3, line, "a page count", usage: usage),
                let n = number(count, line, "page count", 1...(1 << 16))
            else { return }
            pages = Array(repeating: nil, count: n)
            noMore(tokens, after: 4, line, usage)
        } else if tokens.count > 2 {
            var page: [Token] = []
            for token in tokens.dropFirst(2) {
                if token.text == "|" { pages.append(page); page = [] } else { page.append(token) }
            }
            pages.append(page)
        } else {
            pages = [nil]
        }
        files.append(RawFile(name: name, line: line, pages: pages))
    }

    mutating func validName(_ token: Token, _ line: Int, _ what: String) -> Bool {
        let allowed = token.text.allSatisfy { $0.isLetter || $0.isNumber || "._-".contains($0) }
        if !allowed || token.text.first == "-" {
            error(line, token, "a \(what) name may use letters, digits, '.', '_' and '-', not '\(token.text)'")
            return false
        }
        return true
    }

    mutating func readProcess(_ tokens: [Token], _ line: Int) {
        let usage = "process NAME [forked]"
        guard let name = argument(tokens, 1, line, "a process name", usage: usage), validName(name, line, "process") else { return }
        if let other = processLines[name.text] {
            error(line, name, "a process named '\(name.text)' is already declared at line \(other)")
        } else {
            processLines[name.text] = line
        }
        var forked = false
        if tokens.count > 2 {
            if tokens[2].lowered == "forked" {
                forked = true
            } else {
                error(line, tokens[2], "unexpected '\(tokens[2].text)'; expected: \(usage)")
            }
        }
        noMore(tokens, after: 3, line, usage)
        processes.append(RawProcess(name: name, line: line, forked: forked))
    }
}
