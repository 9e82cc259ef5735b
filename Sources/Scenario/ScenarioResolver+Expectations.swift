import VMM

/// `expect` lines: what a lesson checks when its run ends.
extension Parser {
    mutating func readExpectation(
        _ tokens: [Token], _ line: Int, fileIDs: [String: FileID], fileSpecs: [FileSpec],
        processIDs: [String: ProcessID]
    ) -> Expectation? {
        let usage =
            "expect COUNTER [of PROCESS] OP N | expect event KIND [OP N] | expect no event KIND | expect file NAME page P word W OP N | expect versions FILE OP N | expect steps OP N"
        let text = tokens.dropFirst().map(\.text).joined(separator: " ")
        guard let (subject, index, defaultComparison) = readSubject(tokens, line, usage, fileIDs, fileSpecs, processIDs) else {
            return nil
        }
        if index >= tokens.count, let (comparison, value) = defaultComparison {
            return Expectation(subject: subject, comparison: comparison, value: value, text: text, line: line)
        }
        guard let opToken = argument(tokens, index, line, "a comparison (=, !=, <, <=, >, >=)", usage: usage) else { return nil }
        let op = opToken.text == "==" ? "=" : opToken.text
        guard let comparison = Expectation.Comparison(rawValue: op) else {
            error(line, opToken, "expected a comparison (=, !=, <, <=, >, >=), found '\(opToken.text)'")
            return nil
        }
        guard let valueToken = argument(tokens, index + 1, line, "a number to compare with", usage: usage),
            let value = number(valueToken, line, "expected value", -(1 << 53)...(1 << 53))
        else { return nil }
        noMore(tokens, after: index + 2, line, usage)
        return Expectation(subject: subject, comparison: comparison, value: value, text: text, line: line)
    }

    /// What an `expect` line checks, the index of its comparison, and the comparison it implies
    /// when it has none (`expect event KIND`: at least once; `expect no event KIND`: never).
    mutating func readSubject(
        _ tokens: [Token], _ line: Int, _ usage: String, _ fileIDs: [String: FileID], _ fileSpecs: [FileSpec],
        _ processIDs: [String: ProcessID]
    ) -> (Expectation.Subject, Int, (Expectation.Comparison, Int)?)? {
        var index = 1
        let subject: Expectation.Subject
        var defaultComparison: (Expectation.Comparison, Int)?

        func kind(_ token: Token) -> Event.Kind? {
            if let kind = Event.Kind(rawValue: token.lowered) { return kind }
            return nil
        }
        switch tokens[1].lowered {
        case "event", "no":
            var at = 2
            if tokens[1].lowered == "no" {
                guard tokens.count > 2, tokens[2].lowered == "event" else {
                    error(line, tokens[1], "expected 'no event KIND'; \(usage)"); return nil
                }
                at = 3
                defaultComparison = (.equal, 0)
            } else {
                defaultComparison = (.greaterOrEqual, 1)
            }
            guard let token = argument(tokens, at, line, "an event kind", usage: usage) else { return nil }
            guard let eventKind = kind(token) else {
                _ = choice(token, line, "event kind", Event.Kind.allCases.map { ($0.rawValue, 0) })
                return nil
            }
            subject = .events(eventKind)
            index = at + 1
        case "file":
            guard let name = argument(tokens, 2, line, "a file name", usage: usage), let file = fileID(name, line, fileIDs) else {
                return nil
            }
            guard tokens.count > 6, tokens[3].lowered == "page", tokens[5].lowered == "word" else {
                error(line, tokens.count > 3 ? tokens[3] : name, "expected 'file \(name.text) page P word W OP N'")
                return nil
            }
            guard let page = number(tokens[4], line, "page", 0...(fileSpecs[file].pages.count + (1 << 16))),
                let word = number(tokens[6], line, "word", 0...(configuration.wordsPerPage - 1))
            else { return nil }
            subject = .fileWord(file: file, page: page, word: word)
            index = 7
        case "versions":
            guard let name = argument(tokens, 2, line, "a file name", usage: usage), let file = fileID(name, line, fileIDs) else {
                return nil
            }
            subject = .versions(file: file)
            index = 3
        case "steps":
            subject = .steps
            index = 2
        default:
            let counter = tokens[1].lowered
            guard Expectation.counterNames.contains(counter) else {
                _ = choice(
                    tokens[1], line, "counter",
                    Expectation.counterNames.map { ($0, 0) } + [("event", 0), ("file", 0), ("versions", 0), ("steps", 0)])
                return nil
            }
            var process: ProcessID?
            index = 2
            if tokens.count > 3, tokens[2].lowered == "of" {
                guard let id = processIDs[tokens[3].text] else { unknownProcess(tokens[3], line, processIDs); return nil }
                process = id
                index = 4
            }
            subject = .counter(counter, process: process)
        }
        return (subject, index, defaultComparison)
    }
}
