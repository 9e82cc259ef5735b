import VMM

/// The five topics. Each handout states every fact and rule its answers depend on, so it can be
/// solved from its text alone (a test solves every one, for many seeds, without the engine).
extension Exercise {
    static func translation(seed: UInt64, _ random: inout SeededGenerator) -> Exercise {
        let pageSize = [256, 512, 1024, 4096][random.index(below: 4)]
        let bits = pageSize.trailingZeroBitCount
        let pages = 6
        let touched = Array(shuffled(Array(0..<pages), &random).prefix(4))
        var text = "title Address translation\npage-size \(pageSize)\nframes 8\nprocess P\n  alloc 0x0 pages \(pages)\n"
        for page in touched { text += "  read \(hex(page * pageSize))\n" }
        let scenario = parse(text, .translation, seed)
        // The page table as it stands once every touched page is in.
        var machine = scenario.makeMachine()
        for _ in 0...touched.count { machine.step() }
        let process = machine.processes[0]
        let addresses = (0..<5).map { index -> Int in
            let page = index < 3 ? touched[random.index(below: touched.count)] : random.index(below: pages + 2)
            return page * pageSize + random.index(below: pageSize)
        }
        let table = (0..<pages).map { page -> String in
            guard let entry = process.pageTable[page], entry.present, let frame = entry.frame else { return "  page \(hex(page)): V=0" }
            return "  page \(hex(page)): V=1, frame \(frame)"
        }
        let problem =
            [
                "Pages are \(pageSize) bytes: the low \(bits) bits of an address are the offset, the rest the page number.",
                "The process has \(pages) pages mapped, virtual pages 0x0 to \(hex(pages - 1)); every other page is unmapped.",
                "Its page table (V=1: valid, the page is in the frame given; V=0: mapped but not in memory):",
            ] + table
            + [
                "Translate each virtual address to a physical address, or answer page fault (a mapped page with V=0)",
                "or segmentation fault (an unmapped page):",
            ]
            + addresses.enumerated().map { "  \($0.offset + 1). \(hex($0.element))" }
        var answers: [String] = [], key: [String] = []
        for address in addresses {
            let page = address / pageSize, offset = address % pageSize
            var line = "\(hex(address)): page = \(hex(address)) >> \(bits) = \(hex(page)), offset = \(hex(offset)); "
            if let entry = process.pageTable[page], entry.present, let frame = entry.frame {
                line +=
                    "page \(hex(page)) is in frame \(frame), so the physical address is \(frame) x \(pageSize) + \(hex(offset)) = \(hex(frame * pageSize + offset))."
                key.append(hex(frame * pageSize + offset))
            } else if process.mapping(containing: page) != nil {
                line += "page \(hex(page)) is mapped but not valid: a page fault (the kernel gives it a frame first)."
                key.append("page fault")
            } else {
                line += "page \(hex(page)) is outside every mapping: a segmentation fault."
                key.append("segmentation fault")
            }
            answers.append(line)
        }
        return Exercise(
            topic: .translation, seed: seed, title: "Address translation", problem: problem, answers: answers, key: key, scenario: scenario)
    }

    static func tlb(seed: UInt64, _ random: inout SeededGenerator) -> Exercise {
        let entries = [2, 3, 4][random.index(below: 3)]
        let policy: TLBReplacement = random.index(below: 2) == 0 ? .lru : .fifo
        let string = (0..<12).map { _ in random.index(below: entries + 3) }
        let text =
            "title TLB hits and misses\nframes 16\ntlb \(entries) \(policy.rawValue)\nprocess P\n  alloc 0x0 pages \(entries + 3)\n  refs \(string.map(String.init).joined(separator: " "))\n"
        let scenario = parse(text, .tlb, seed)
        var answers: [String] = [], key: [String] = []
        var hits = 0
        var machine = scenario.makeMachine()
        machine.step()
        for (index, page) in string.enumerated() {
            let result = machine.step()
            let hit = result.events.contains { $0.kind == .tlbHit }
            if hit { hits += 1 }
            key.append(hit ? "hit" : "miss")
            let contents = machine.tlb.slots.compactMap { $0.map { hex($0.page) } }.joined(separator: " ")
            answers.append(
                "reference \(index + 1), page \(page): \(hit ? "hit" : "miss")\(result.events.first { $0.kind == .tlbFill }.map { " - " + clause($0.explanation) } ?? ""); TLB holds \(contents)"
            )
        }
        answers.append("Total: \(hits) hits, \(string.count - hits) misses.")
        key.append("\(hits) hits, \(string.count - hits) misses")
        let rule =
            policy == .lru
            ? "LRU: when every entry is full, a miss replaces the entry used longest ago"
            : "FIFO: when every entry is full, a miss replaces the entry loaded longest ago"
        let problem = [
            "A fully associative TLB has \(entries) entries and replaces by \(rule).",
            "It starts empty; every miss loads the referenced page's translation. Memory is large enough that no page is evicted.",
            "For each reference to a virtual page, in turn, answer hit or miss; then count the hits and misses:",
            "  " + string.map(String.init).joined(separator: " "),
        ]
        return Exercise(
            topic: .tlb, seed: seed, title: "TLB hits and misses", problem: problem, answers: answers, key: key, scenario: scenario)
    }

    static func replacement(seed: UInt64, _ random: inout SeededGenerator, policy chosen: ReplacementPolicy? = nil) -> Exercise {
        let frames = 3 + random.index(below: 2)
        // Drawn whatever is chosen, so a seed's string is the same under every policy.
        let drawn = [ReplacementPolicy.fifo, .lru, .opt, .clock][random.index(below: 4)]
        let policy = chosen ?? drawn
        let string = (0..<15).map { _ in random.index(below: frames + 3) }
        let text =
            "title Page replacement\nframes \(frames)\nreplacement \(policy.rawValue)\nprocess P\n  alloc 0x0 pages \(frames + 3)\n  refs \(string.map(String.init).joined(separator: " "))\n"
        let scenario = parse(text, .replacement, seed)
        var machine = scenario.makeMachine()
        machine.step()
        var answers: [String] = [], key: [String] = []
        for (index, page) in string.enumerated() {
            let result = machine.step()
            let fault = result.events.contains { $0.isFault }
            let victim = result.events.first { $0.kind == .eviction }
            let contents = machine.frames.map { frame -> String in
                if case let .anonymous(_, held) = frame.content { return "\(held)" }
                return "-"
            }.joined(separator: " ")
            var line = "reference \(index + 1), page \(page): \(fault ? "fault" : "hit")"
            if let ghost = result.events.first(where: { $0.kind == .ghostHit }) { line += "; " + clause(ghost.explanation) }
            if let victim { line += "; " + clause(victim.explanation) }
            answers.append(line + "; frames: [\(contents)]" + listsLine(machine))
            key.append("\(fault ? "fault" : "hit") [\(contents)]")
        }
        answers.append("Total: \(machine.counters.pageFaults) page faults (\(frames) of them fill empty frames).")
        key.append("\(machine.counters.pageFaults) faults")
        let rule =
            switch policy {
            case .twoQ:
                "2Q (full version): Kin = \(ReplacementParameters().newFrames(.twoQ, of: frames)) (25% of the frames, rounded down), Kout = \(ReplacementParameters().ghostPages(.twoQ, of: frames)) (50%). A page faulting in for the first time enters A1in, a FIFO; a page named in A1out enters Am, an LRU list. A hit in A1in changes nothing; a hit in Am makes the page Am's most recent. With every frame full: if A1in holds more than Kin pages, its oldest page is the victim and its name goes to A1out (which keeps the last Kout names, forgetting the oldest); otherwise Am's least recently used page is the victim, forgotten."
            case .arc:
                "ARC: T1 and T2 are LRU lists (T1: pages used once since they came in; T2: used again); B1 and B2 name pages evicted from them. The target p starts at 0. A hit moves the page to T2's most recent end. A fault on a page named in B1 raises p by max(|B2|/|B1|, 1), at most \(frames); one named in B2 lowers it by max(|B1|/|B2|, 1), at least 0 (sizes before the name is taken out); the name is taken out, REPLACE runs if every frame is full, and the page enters T2. Any other fault with every frame full: if T1 and B1 hold \(frames) pages together, forget B1's oldest name and REPLACE, or, if B1 is empty, evict T1's least recently used page and remember it nowhere; else, if all four lists hold \(2 * frames), forget B2's oldest name; then REPLACE; the page enters T1. REPLACE: if T1 is not empty and holds more than p pages (or exactly p, the page coming from B2), or T2 is empty, T1's least recently used page is the victim and its name goes to B1; otherwise T2's, into B2."
            case .linux:
                "Linux (two lists, every page anonymous): a faulting page enters the head of the inactive list with its accessed bit set; each use sets the bit again. With every frame full, reclaim looks at pages until it finds a victim. Before each look, while the active list holds more pages than the inactive list, the active list's tail moves to the inactive list's head, its bit and mark cleared. A look is at the inactive list's tail: accessed and already marked (PG_referenced), it is activated (to the active list's head, bit and mark cleared) and reclaim looks again; accessed, not marked, its bit is cleared, it is marked and moved to the inactive list's head, and reclaim looks again; not accessed, it is the victim and leaves a shadow entry with the count E of evictions and activations so far (E starts at 0; each eviction and activation adds one). A fault on a page with a shadow entry: if E now minus its entry's E is at most the active list's size, the page enters the active list's head (an activation), else the inactive list's. (In the answers, p' is a page whose accessed bit is set, p* one marked, and p E3 a shadow entry made at E = 3.)"
            case .sieve:
                "SIEVE: pages in one queue in load order, each with a visited bit, clear when it is loaded; a hit sets it. With every frame full, the hand (starting at the oldest page) walks toward newer pages: a visited page has its bit cleared and is passed; the first unvisited page is the victim, and the hand stays at the next newer page for the next eviction (after the newest it starts again at the oldest)."
            case .fifo: "FIFO: the victim is the page loaded longest ago."
            case .lru: "LRU: the victim is the page used longest ago."
            case .opt:
                "OPT: the victim is the page whose next use is farthest ahead; a page never used again goes first, and ties go to the page used longest ago."
            default:
                "Clock (second chance): every use, the loading one included, sets the page's referenced bit. With every frame full, the hand (which starts at frame 0) looks at its frame: a set bit is cleared and the hand moves on; a clear bit makes that page the victim, the new page takes its frame, and the hand moves one past it. Filling an empty frame does not move the hand."
            }
        let problem = [
            "\(frames) frames, initially empty, \(policy.label) replacement. A page fault fills the lowest-numbered empty frame;",
            "once every frame is full, the new page replaces the victim in its frame. " + rule,
            "For each reference to a virtual page, in turn, answer hit or fault and give the frames after it (frame 0 first, - for empty);",
            "then count the page faults:",
            "  " + string.map(String.init).joined(separator: " "),
        ]
        return Exercise(
            topic: .replacement, seed: seed, title: "Page replacement (\(policy.label))", problem: problem,
            answers: answers, key: key, scenario: scenario)
    }

    /// A list policy's lists and ghost queues after a reference, by page number ("; T1 [3 1] T2 [2] B1 [4] B2 []"); nothing for the others.
    static func listsLine(_ machine: Machine) -> String {
        let view = machine.policyView
        guard !view.lists.isEmpty else { return "" }
        func number(_ label: String) -> String {
            // "anon P@0x3" -> "3": the exercise's pages are its one process's anonymous pages.
            guard let at = label.split(separator: "@").last, at.hasPrefix("0x") else { return label }
            let digits = at.dropFirst(2).prefix { $0.isHexDigit }
            guard let page = Int(digits, radix: 16) else { return label }
            return "\(page)" + at.dropFirst(2 + digits.count)
        }
        let lists = view.lists.filter { !$0.name.hasSuffix("file") }
        return "; " + (lists + view.ghosts).map { "\($0.name) [\($0.pages.map(number).joined(separator: ", "))]" }.joined(separator: " ")
    }

    /// The write-policy exercises' script: writes to a file of 2 or 3 pages, now and then a sync
    /// (spelled `syncing`: `sync data`, or `fsync data` on Linux).
    static func writeScript(syncing: String, _ random: inout SeededGenerator) -> (pages: Int, script: [String]) {
        let pages = 2 + random.index(below: 2)
        var script: [String] = []
        for _ in 0..<(6 + random.index(below: 5)) {
            if random.index(below: 6) == 0 {
                script.append("  \(syncing)")
            } else {
                script.append(
                    "  write \(hex(0x10000 + random.index(below: pages) * 4096 + random.index(below: 4) * 1024)) \(1 + random.index(below: 9))"
                )
            }
        }
        return (pages, script)
    }

    static func writePolicy(seed: UInt64, _ random: inout SeededGenerator) -> Exercise {
        let (pages, script) = writeScript(syncing: "sync data", &random)
        let body =
            "file data pages \(pages)\nprocess P\n  map data at 0x10000 shared\n" + script.joined(separator: "\n") + "\n  close data\n"
        let through = parse("title Write policies\nframes 8\nwrite through\n" + body, .writePolicy, seed)
        let back = parse("title Write policies\nframes 8\nwrite back\n" + body, .writePolicy, seed)
        let (t, b) = (run(through).machine, run(back).machine)
        let contents = t.files[0].pages.map { $0.map(String.init).joined(separator: " ") }.joined(separator: " | ")
        let problem =
            [
                "A process maps a \(pages)-page file, every word 0, shared at 0x10000 (pages of 4096 bytes and 4 words: word w of",
                "page p is at 0x10000 + p x 4096 + w x 1024), then runs:", "  map data at 0x10000 shared",
            ] + script + [
                "  close data",
                "Memory holds every page. Under write-through every write also goes straight to disk (one disk write each), so",
                "sync and close find nothing to write. Under write-back a write only dirties its page in memory; sync data and",
                "close data write each dirty page of the file to disk (one disk write per page), and the page is clean until written again.",
                "  1. How many disk writes under write-through?",
                "  2. How many under write-back?",
                "  3. What does the file hold at the end (its words, page by page)?",
            ]
        let answers = [
            "Write-through: every write also goes to disk: \(t.counters.diskWrites) disk writes.",
            "Write-back: a dirty page is written once when synced or closed (then clean until written again): \(b.counters.diskWrites) disk writes.",
            "The file ends the same either way: " + contents,
        ]
        return Exercise(
            topic: .writePolicy, seed: seed, title: "Write-through versus write-back", problem: problem, answers: answers,
            key: ["\(t.counters.diskWrites)", "\(b.counters.diskWrites)", contents], scenario: back)
    }

    static func sharing(seed: UInt64, _ random: inout SeededGenerator) -> Exercise {
        let order = ["close", "open"][random.index(below: 2)]
        var a: [String] = [], b: [String] = []
        for _ in 0..<2 { a.append("write \(hex(0x10000 + random.index(below: 4) * 1024)) \(10 + random.index(below: 10))") }
        for _ in 0..<2 { b.append("write \(hex(0x20000 + random.index(below: 4) * 1024)) \(20 + random.index(below: 10))") }
        let scripts = [
            ["map data at 0x10000 shared"] + a + ["close data", "exit"], ["map data at 0x20000 shared"] + b + ["close data", "exit"],
        ]
        // A random interleaving of their turns, A first (so A opens the file first).
        let turns = ["A"] + shuffled(Array(repeating: 0, count: 4) + Array(repeating: 1, count: 5), &random).map { $0 == 0 ? "A" : "B" }
        let text = """
            title Private copies written back at close
            sharing private-\(order)
            schedule order \(turns.joined(separator: " "))
            file data 0 0 0 0
            process A
            \(scripts[0].dropLast().map { "  " + $0 }.joined(separator: "\n"))
            process B
            \(scripts[1].dropLast().map { "  " + $0 }.joined(separator: "\n"))

            """
        let scenario = parse(text, .sharing, seed)
        let (machine, steps) = run(scenario)
        let events = steps.flatMap(\.events)
        let lost = events.filter { $0.kind == .lostUpdate }
        let rule =
            order == "close"
            ? "Write-backs happen as each process closes."
            : "Write-backs happen in the order the processes opened the file (ran their map): a process that has changes and closes while an earlier opener still has the file open must wait; its turn passes, and it closes again at its next turn."
        let problem =
            [
                "A file of one page, 4 words all 0, is opened by A and B, each at its own address; word w is at offset w x 1024.",
                "At its first write a process gets a private copy of the page as the file holds it then; its writes change only",
                "its copy, and at close it writes back only the words it changed. " + rule,
                "A write-back that overwrites a word another process wrote back after the copy was taken loses that process's update.",
                "They run one operation per turn, in the order " + turns.joined(separator: ", ") + "; every line below is one operation.",
                "A name whose process waits or has finished is skipped; after the order, the next ready process after the last to run goes (B after A, A after B).",
                "A:",
            ] + scripts[0].map { "  " + $0 } + ["B:"] + scripts[1].map { "  " + $0 }
            + ["  1. What does the file hold at the end?", "  2. How many updates are lost, and whose?"]
        var answers = events.filter { [.writeBack, .closeWait, .lostUpdate].contains($0.kind) }.map(\.explanation)
        let words = machine.files[0].pages[0].map(String.init).joined(separator: " ")
        answers.append("The file ends as: \(words).")
        let losers = lost.compactMap { $0.otherProcess.map(machine.name) }
        answers.append(
            lost.isEmpty
                ? "No update is lost." : "\(lost.count) lost update\(lost.count == 1 ? "" : "s"): \(losers.joined(separator: ", "))'s.")
        return Exercise(
            topic: .sharing, seed: seed, title: "Private copies and lost updates", problem: problem, answers: answers,
            key: [words, "\(lost.count)" + (losers.isEmpty ? "" : " (" + losers.joined(separator: ", ") + ")")], scenario: scenario)
    }
}
