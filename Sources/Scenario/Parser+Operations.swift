import VMM

/// The operations of a process's script, one line each (`docs/scenario-language.md`).
extension Parser {
    mutating func readOperation(_ tokens: [Token], _ line: Int) -> RawOperation? {
        let keyword = tokens[0]
        let address = 0...Parser.largestAddress
        switch keyword.lowered {
        case "map":
            return readMap(tokens, line)
        case "alloc":
            return readAlloc(tokens, line)
        case "read":
            let usage = "read ADDRESS"
            guard let token = argument(tokens, 1, line, "an address", usage: usage), let at = number(token, line, "address", address) else {
                return nil
            }
            noMore(tokens, after: 2, line, usage)
            return RawOperation(kind: .read(address: at), line: line, subject: token)
        case "write":
            let usage = "write ADDRESS VALUE"
            guard let token = argument(tokens, 1, line, "an address", usage: usage), let at = number(token, line, "address", address),
                let valueToken = argument(tokens, 2, line, "a value to write", usage: usage),
                let value = number(valueToken, line, "value", -(1 << 53)...(1 << 53))
            else { return nil }
            noMore(tokens, after: 3, line, usage)
            return RawOperation(kind: .write(address: at, value: value), line: line, subject: token)
        case "refs":
            let usage = "refs PAGE PAGE ... (reads word 0 of each virtual page)"
            guard argument(tokens, 1, line, "at least one page number", usage: usage) != nil else { return nil }
            // Labelled as `.refs` takes them: an unlabelled array was converted element by element.
            var pages: [(page: Int, token: Token)] = []
            pages.reserveCapacity(tokens.count - 1)
            for token in tokens.dropFirst() {
                guard let page = number(token, line, "page number", 0...(1 << 36)) else { return nil }
                pages.append((page: page, token: token))
            }
            return RawOperation(kind: .refs(pages), line: line, subject: tokens[1])
        case "sync" where tokens.count == 1:
            return RawOperation(kind: .syncAll, line: line, subject: keyword)
        case "msync":
            return readMsync(tokens, line)
        case "fsync":
            let usage = "fsync FILE"
            guard let file = argument(tokens, 1, line, "a file name", usage: usage) else { return nil }
            noMore(tokens, after: 2, line, usage)
            return RawOperation(kind: .fsync(file: file), line: line, subject: file)
        case "sync", "close", "unmap":
            let usage = "\(keyword.lowered) FILE"
            guard let file = argument(tokens, 1, line, "a file name", usage: usage) else { return nil }
            noMore(tokens, after: 2, line, usage)
            return RawOperation(kind: keyword.lowered == "sync" ? .sync(file: file) : .close(file: file), line: line, subject: file)
        case "fork":
            let usage = "fork PROCESS (a process declared 'process NAME forked')"
            guard let child = argument(tokens, 1, line, "the child's name", usage: usage) else { return nil }
            noMore(tokens, after: 2, line, usage)
            return RawOperation(kind: .fork(child: child), line: line, subject: child)
        default:
            noMore(tokens, after: 1, line, "exit")
            return RawOperation(kind: .exit, line: line, subject: keyword)
        }
    }

    /// `map FILE at ADDRESS [pages N] [shared|private]`, its words in any order after the file.
    mutating func readMap(_ tokens: [Token], _ line: Int) -> RawOperation? {
        let address = 0...Parser.largestAddress
        let usage = "map FILE at ADDRESS [pages N] [shared|private]"
        guard let file = argument(tokens, 1, line, "a file name", usage: usage) else { return nil }
        var at: Int?, pages: Int?, mode = MappingMode.shared
        var index = 2
        while index < tokens.count {
            let token = tokens[index]
            switch token.lowered {
            case "at":
                guard let value = argument(tokens, index + 1, line, "an address", usage: usage),
                    let n = number(value, line, "address", address)
                else { return nil }
                at = n
                index += 1
            case "pages":
                guard let value = argument(tokens, index + 1, line, "a page count", usage: usage),
                    let n = number(value, line, "page count", 1...(1 << 16))
                else { return nil }
                pages = n
                index += 1
            case "shared": mode = .shared
            case "private": mode = .private
            default:
                error(line, token, "unexpected '\(token.text)'; expected: \(usage)")
                return nil
            }
            index += 1
        }
        guard let at else {
            error(line, Token(text: " ", column: tokens.last!.column + tokens.last!.length), "missing 'at ADDRESS'; expected: \(usage)")
            return nil
        }
        return RawOperation(kind: .map(file: file, address: at, pages: pages, mode: mode), line: line, subject: file)
    }

    /// `msync ADDRESS [pages N]`.
    mutating func readMsync(_ tokens: [Token], _ line: Int) -> RawOperation? {
        guard let (at, pages, token) = addressAndPages(tokens, line, usage: "msync ADDRESS [pages N]") else { return nil }
        return RawOperation(kind: .msync(address: at, pages: pages), line: line, subject: token)
    }

    /// `alloc ADDRESS [pages N]`.
    mutating func readAlloc(_ tokens: [Token], _ line: Int) -> RawOperation? {
        guard let (at, pages, token) = addressAndPages(tokens, line, usage: "alloc ADDRESS [pages N]") else { return nil }
        return RawOperation(kind: .alloc(address: at, pages: pages), line: line, subject: token)
    }

    /// `KEYWORD ADDRESS [pages N]`: the address, the page count (1 when not given) and the
    /// address's token; nil after an error.
    mutating func addressAndPages(_ tokens: [Token], _ line: Int, usage: String) -> (Int, Int, Token)? {
        guard let token = argument(tokens, 1, line, "an address", usage: usage),
            let at = number(token, line, "address", 0...Parser.largestAddress)
        else { return nil }
        var pages = 1
        if tokens.count > 2 {
            guard tokens[2].lowered == "pages" else {
                error(line, tokens[2], "unexpected '\(tokens[2].text)'; expected: \(usage)")
                return nil
            }
            guard let count = argument(tokens, 3, line, "a page count", usage: usage),
                let n = number(count, line, "page count", 1...(1 << 20))
            else { return nil }
            pages = n
        }
        noMore(tokens, after: 4, line, usage)
        return (at, pages, token)
    }
}
