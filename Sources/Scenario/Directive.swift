import VMM

/// A configuration directive of the language: its name, its usage line (quoted in messages), and
/// how it reads its arguments into the configuration. One table serves scenario files and `--set`:
/// a new directive is one entry here.
struct Directive: Sendable {
    let name: String
    let usage: String
    let read: @Sendable (inout Parser, [Token], Int, String) -> Void

    init(name: String, usage: String, read: @escaping @Sendable (inout Parser, [Token], Int, String) -> Void) {
        self.name = name
        self.usage = usage
        self.read = read
    }

    static func named(_ name: String) -> Directive? { all.first { $0.name == name } }

    /// Every directive's name, in the order the documentation gives them.
    static var names: [String] { all.map(\.name) }

    static let all: [Directive] = textbook + kernel

    static let textbook: [Directive] = [
        Directive(name: "page-size", usage: "page-size BYTES (a power of two, e.g. 4096)") { parser, tokens, line, usage in
            if let value = parser.single(tokens, line, "a page size", usage, { $0.number($1, line, "page size", 16...(1 << 30)) }) {
                if value & (value - 1) != 0 {
                    parser.error(line, tokens[1], "page size must be a power of two, not \(value)")
                } else {
                    parser.configuration.pageSize = value
                }
            }
        },
        Directive(name: "words", usage: "words N (words shown per page, 1 to 64)") { parser, tokens, line, usage in
            if let value = parser.single(tokens, line, "a word count", usage, { $0.number($1, line, "words per page", 1...64) }) {
                parser.configuration.wordsPerPage = value
            }
        },
        Directive(name: "frames", usage: "frames N") { parser, tokens, line, usage in
            if let value = parser.single(
                tokens, line, "a frame count", usage,
                { (parser: inout Parser, token: Token) -> Int? in
                    if case .value(let count) = NumberParse(token.text), count <= 0 {
                        parser.error(line, token, "a machine needs at least one frame, not \(count)")
                        return nil
                    }
                    return parser.number(token, line, "frame count", 1...(1 << 20))
                })
            {
                parser.configuration.frames = value
            }
        },
        Directive(name: "swap", usage: "swap SLOTS") { parser, tokens, line, usage in
            if let value = parser.single(
                tokens, line, "a number of swap slots", usage, { $0.number($1, line, "swap slots", 0...(1 << 20)) })
            {
                parser.configuration.swapSlots = value
            }
        },
        Directive(
            name: "tlb", usage: "tlb ENTRIES [ways N] [lru|fifo|random] [tagged|untagged] [asids N], tlb asids N|unlimited, or tlb off"
        ) {
            parser, tokens, line, usage in
            parser.readTLB(tokens, line, usage)
        },
        Directive(
            name: "page-table",
            usage:
                "page-table single | page-table inverted | page-table levels BITS BITS [BITS [BITS]] (bits of the page number at each level, top first)"
        ) { parser, tokens, line, usage in
            guard let kind = parser.argument(tokens, 1, line, "single or levels", usage: usage) else { return }
            switch kind.lowered {
            case "single", "inverted":
                parser.configuration.pageTableLevels = []
                parser.configuration.invertedPageTable = kind.lowered == "inverted"
                parser.noMore(tokens, after: 2, line, usage)
            case "levels":
                let counts = tokens.dropFirst(2)
                guard (2...4).contains(counts.count) else {
                    parser.error(line, counts.first ?? kind, "a multi-level page table has 2 to 4 levels; expected: \(usage)")
                    return
                }
                var levels: [Int] = []
                for token in counts {
                    guard let bits = parser.number(token, line, "bits for a level", 1...20) else { return }
                    levels.append(bits)
                }
                parser.configuration.pageTableLevels = levels
                parser.configuration.invertedPageTable = false
            default:
                _ = parser.choice(kind, line, "page-table shape", [("single", 0), ("inverted", 0), ("levels", 0)])
            }
        },
        Directive(
            name: "replacement",
            usage:
                "replacement \(ReplacementPolicy.allCases.map(\.rawValue).joined(separator: "|")) [bits N] [interval N] [window N] [kin N%] [kout N%] [small N%] [ghost N%] [swappiness N] [shadows on|off] [generations N]"
        ) { parser, tokens, line, usage in
            guard let token = parser.argument(tokens, 1, line, "a replacement policy", usage: usage),
                let policy = parser.choice(token, line, "policy", ReplacementPolicy.allCases.map { ($0.rawValue, $0) })
            else { return }
            parser.configuration.replacement = policy
            // The shares belong to one policy each: 2Q's Kin and Kout, S3-FIFO's small and ghost queues.
            let shares: [String: ReplacementPolicy] = [
                "kin": .twoQ, "kout": .twoQ, "small": .s3fifo, "ghost": .s3fifo, "swappiness": .linux, "shadows": .linux,
                "generations": .mglru,
            ]
            var index = 2
            while index < tokens.count {
                let key = tokens[index]
                guard ["bits", "interval", "window"].contains(key.lowered) || shares[key.lowered] != nil else {
                    parser.error(line, key, "unexpected '\(key.text)'; expected: \(usage)")
                    return
                }
                if let owner = shares[key.lowered], owner != policy {
                    parser.error(line, key, "'\(key.lowered)' is a setting of \(owner.rawValue), not of \(policy.rawValue)")
                    return
                }
                guard let valueToken = parser.argument(tokens, index + 1, line, "a number after '\(key.lowered)'", usage: usage) else {
                    return
                }
                switch key.lowered {
                case "bits":
                    if let bits = parser.number(valueToken, line, "reference bits", 1...32) {
                        parser.configuration.replacementParameters.bits = bits
                    }
                case "interval":
                    if let interval = parser.number(valueToken, line, "timer interval", 1...1_000_000) {
                        parser.configuration.replacementParameters.interval = interval
                    }
                case "window":
                    if let window = parser.number(valueToken, line, "working-set window", 1...1_000_000) {
                        parser.configuration.replacementParameters.window = window
                    }
                case "generations":
                    if let generations = parser.number(valueToken, line, "MGLRU's generations", 3...8) {
                        parser.configuration.replacementParameters.generations = generations
                    }
                case "shadows":
                    if let on = parser.choice(valueToken, line, "shadows setting", [("on", true), ("off", false)]) {
                        parser.configuration.replacementParameters.ghostShare = on ? nil : 0
                    }
                case "swappiness":
                    if let swappiness = parser.number(valueToken, line, "swappiness", 0...200) {
                        parser.configuration.replacementParameters.swappiness = swappiness
                    }
                case "kin", "small":
                    if let share = parser.percent(
                        valueToken, line, key.lowered == "kin" ? "2Q's Kin, the share of A1in" : "S3-FIFO's small queue share")
                    {
                        parser.configuration.replacementParameters.newShare = share
                    }
                default:
                    if let share = parser.percent(
                        valueToken, line, key.lowered == "kout" ? "2Q's Kout, the size of A1out" : "S3-FIFO's ghost queue size")
                    {
                        parser.configuration.replacementParameters.ghostShare = share
                    }
                }
                index += 2
            }
        },
        Directive(name: "allocation", usage: "allocation global|local [equal|proportional]") { parser, tokens, line, usage in
            guard let token = parser.argument(tokens, 1, line, "global or local", usage: usage),
                let scope = parser.choice(token, line, "allocation", FrameAllocation.Scope.allCases.map { ($0.rawValue, $0) })
            else { return }
            parser.configuration.allocation.scope = scope
            if tokens.count > 2 {
                guard let share = parser.choice(tokens[2], line, "share", FrameAllocation.Share.allCases.map { ($0.rawValue, $0) }) else {
                    return
                }
                parser.configuration.allocation.share = share
            }
            parser.noMore(tokens, after: 3, line, usage)
        },
        Directive(name: "write", usage: "write back|through") { parser, tokens, line, usage in
            let names = [
                ("back", WritePolicy.writeBack), ("through", .writeThrough), ("write-back", .writeBack), ("write-through", .writeThrough),
            ]
            if let policy = parser.single(tokens, line, "a write policy", usage, { $0.choice($1, line, "write policy", names) }) {
                parser.configuration.writePolicy = policy
            }
        },
        Directive(name: "sharing", usage: "sharing \(SharingPolicy.allCases.map(\.name).joined(separator: "|"))") {
            parser, tokens, line, usage in
            if let policy = parser.single(
                tokens, line, "a sharing policy", usage,
                { $0.choice($1, line, "sharing policy", SharingPolicy.allCases.map { ($0.name, $0) }) })
            {
                parser.configuration.sharing = policy
            }
        },
        Directive(name: "flush-before-read", usage: "flush-before-read [on|off]") { parser, tokens, line, usage in
            if let on = parser.onOff(tokens, line, usage) { parser.configuration.flushBeforeRead = on }
        },
        Directive(name: "cpus", usage: "cpus N (1 to 8, each with its own TLB)") { parser, tokens, line, usage in
            if let value = parser.single(tokens, line, "a number of CPUs", usage, { $0.number($1, line, "CPU count", 1...8) }) {
                parser.configuration.cpus = value
            }
        },
        Directive(name: "shootdown", usage: "shootdown eager|lazy|none|linux") { parser, tokens, line, usage in
            if let policy = parser.single(
                tokens, line, "a shootdown policy", usage,
                { $0.choice($1, line, "shootdown policy", ShootdownPolicy.allCases.map { ($0.rawValue, $0) }) })
            {
                parser.configuration.shootdown = policy
            }
        },
        Directive(name: "schedule", usage: "schedule rr [QUANTUM] | random | order NAME[@cpuN] NAME[@cpuN] ...") {
            parser, tokens, line, usage in
            guard let kind = parser.argument(tokens, 1, line, "a scheduler", usage: usage) else { return }
            switch kind.lowered {
            case "rr", "round-robin":
                var quantum = 1
                if tokens.count > 2 {
                    guard let value = parser.number(tokens[2], line, "quantum", 1...1_000_000) else { return }
                    quantum = value
                }
                parser.configuration.scheduler = .roundRobin(quantum: quantum)
                parser.noMore(tokens, after: 3, line, usage)
            case "random":
                parser.configuration.scheduler = .random
                parser.noMore(tokens, after: 2, line, usage)
            case "order":
                if tokens.count < 3 { _ = parser.argument(tokens, 2, line, "at least one process name", usage: usage) }
                parser.schedule = ("order", Array(tokens.dropFirst(2)), line)
            default:
                _ = parser.choice(kind, line, "scheduler", [("rr", 0), ("round-robin", 0), ("random", 0), ("order", 0)])
            }
        },
        Directive(name: "seed", usage: "seed N") { parser, tokens, line, usage in
            if let value = parser.single(tokens, line, "a seed", usage, { $0.number($1, line, "seed", 0...Int.max) }) {
                parser.configuration.seed = UInt64(value)
            }
        },
    ]
}
