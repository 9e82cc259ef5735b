import VMM

/// The directives that make the engine behave as Linux does where it differs from the textbook
/// (docs/semantics.md, "Linux as a model"): one preset and a setting for each behaviour.
extension Directive {
    static let kernel: [Directive] = [
        Directive(name: "kernel", usage: "kernel textbook|linux (every Linux behaviour off, or all on with Linux's defaults)") {
            parser, tokens, line, usage in
            if let preset = parser.single(
                tokens, line, "a kernel", usage, { $0.choice($1, line, "kernel", KernelPreset.allCases.map { ($0.rawValue, $0) }) })
            {
                preset.apply(to: &parser.configuration)
            }
        },
        Directive(name: "writeback", usage: "writeback textbook|linux (linux: close writes nothing; sync, msync, fsync and the daemon do)")
        {
            parser, tokens, line, usage in
            if let model = parser.single(
                tokens, line, "a write-back model", usage,
                { $0.choice($1, line, "write-back model", KernelBehaviour.Writeback.allCases.map { ($0.rawValue, $0) }) })
            {
                parser.configuration.kernel.writeback = model
            }
        },
        Directive(
            name: "writeback-expire", usage: "writeback-expire STEPS|off (how long a page may stay dirty before the daemon writes it)"
        ) {
            parser, tokens, line, usage in
            guard let token = parser.argument(tokens, 1, line, "a number of steps or 'off'", usage: usage) else { return }
            parser.noMore(tokens, after: 2, line, usage)
            if token.lowered == "off" {
                parser.configuration.kernel.writebackExpire = nil
            } else if let steps = parser.number(token, line, "expiry", 1...1_000_000) {
                parser.configuration.kernel.writebackExpire = steps
            }
        },
        Directive(name: "write-notify", usage: "write-notify [on|off] (clean shared file pages mapped read-only: the first write traps)") {
            parser, tokens, line, usage in
            if let on = parser.onOff(tokens, line, usage) { parser.configuration.kernel.writeNotify = on }
        },
        Directive(name: "fault-around", usage: "fault-around PAGES|off (a read fault maps this many cached neighbours' block)") {
            parser, tokens, line, usage in
            if let pages = parser.pagesOrOff(tokens, line, usage, "fault-around block") { parser.configuration.kernel.faultAround = pages }
        },
        Directive(name: "readahead", usage: "readahead PAGES|off (a page-cache miss reads this many pages around it in one disk read)") {
            parser, tokens, line, usage in
            if let pages = parser.pagesOrOff(tokens, line, usage, "readahead window") { parser.configuration.kernel.readahead = pages }
        },
        Directive(name: "zero-page", usage: "zero-page [on|off] (reads of untouched anonymous memory map one shared zero page)") {
            parser, tokens, line, usage in
            if let on = parser.onOff(tokens, line, usage) { parser.configuration.kernel.zeroPage = on }
        },
        Directive(name: "fork", usage: "fork textbook|linux (linux: file mappings without private copies are not copied)") {
            parser, tokens, line, usage in
            if let model = parser.single(
                tokens, line, "a fork model", usage,
                { $0.choice($1, line, "fork model", KernelBehaviour.Fork.allCases.map { ($0.rawValue, $0) }) })
            {
                parser.configuration.kernel.fork = model
            }
        },
    ]
}

extension Parser {
    /// `on`, `off` (or yes/no) after a directive, or nothing for on.
    mutating func onOff(_ tokens: [Token], _ line: Int, _ usage: String) -> Bool? {
        defer { noMore(tokens, after: 2, line, usage) }
        guard tokens.count > 1 else { return true }
        return choice(tokens[1], line, "setting", [("on", true), ("off", false), ("yes", true), ("no", false)])
    }

    /// A page count from 1 to 512, or `off` (one page: just the page itself).
    mutating func pagesOrOff(_ tokens: [Token], _ line: Int, _ usage: String, _ what: String) -> Int? {
        guard let token = argument(tokens, 1, line, "a number of pages or 'off'", usage: usage) else { return nil }
        noMore(tokens, after: 2, line, usage)
        if token.lowered == "off" { return 1 }
        return number(token, line, what, 1...512)
    }
}
