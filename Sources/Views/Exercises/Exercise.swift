import Scenario
import VMM

/// A generated, reproducible exercise: a problem for a handout and its worked answer, which
/// the engine computes by running the exercise as a scenario.
public struct Exercise: Sendable {
    public enum Topic: String, CaseIterable, Sendable {
        case translation, tlb, replacement
        case writePolicy = "write-policy"
        case sharing
    }

    public var topic: Topic
    public var seed: UInt64
    public var title: String
    public var problem: [String]
    /// The worked solution, step by step.
    public var answers: [String]
    /// The exercise as a scenario, so it can also be opened and stepped through.
    public var scenario: Scenario

    public static func make(_ topic: Topic, seed: UInt64) -> Exercise {
        var random = SeededGenerator(seed: seed &* 0x9E37_79B9 &+ UInt64(Topic.allCases.firstIndex(of: topic)!))
        switch topic {
        case .translation: return translation(seed: seed, &random)
        case .tlb: return tlb(seed: seed, &random)
        case .replacement: return replacement(seed: seed, &random)
        case .writePolicy: return writePolicy(seed: seed, &random)
        case .sharing: return sharing(seed: seed, &random)
        }
    }

    /// Runs a generated scenario to its end, returning every step's result.
    static func run(_ scenario: Scenario) -> (machine: Machine, steps: [StepResult]) {
        var machine = scenario.makeMachine()
        var steps: [StepResult] = []
        while !machine.isFinished { steps.append(machine.step()) }
        return (machine, steps)
    }

    static func parse(_ text: String, _ topic: Topic, _ seed: UInt64) -> Scenario {
        // Generated text always parses; a failure here is a bug in the generator, said plainly.
        do { return try ScenarioParser.parse(text, path: "exercise-\(topic.rawValue)-\(seed).vmm") } catch {
            fatalError("generated exercise does not parse: \(error)")
        }
    }

    static func shuffled(_ values: [Int], _ random: inout SeededGenerator) -> [Int] {
        var values = values
        for index in stride(from: values.count - 1, to: 0, by: -1) { values.swapAt(index, random.index(below: index + 1)) }
        return values
    }

    // MARK: Topics

    static func translation(seed: UInt64, _ random: inout SeededGenerator) -> Exercise {
        let pageSize = [256, 512, 1024, 4096][random.index(below: 4)]
        let pages = 6
        let touched = Array(shuffled(Array(0..<pages), &random).prefix(4))
        var text = "title Address translation\npage-size \(pageSize)\nframes 8\nprocess P\n  alloc 0x0 pages \(pages)\n"
        for page in touched { text += "  read \(hex(page * pageSize))\n" }
        let scenario = parse(text, .translation, seed)
        let machine = run(scenario).machine.afterSteps(1 + touched.count, scenario)
        let process = machine.processes[0]
        let addresses = (0..<5).map { index -> Int in
            let page = index < 3 ? touched[random.index(below: touched.count)] : random.index(below: pages + 2)
            return page * pageSize + random.index(below: pageSize)
        }
        let table = process.sortedPages.map { "  page \(hex($0)) -> frame \(process.pageTable[$0]!.frame!)" }
        let problem = ["A process's pages are \(pageSize) bytes (offsets take \(pageSize.trailingZeroBitCount) bits). Its page table:"] + table
            + ["Every other page is not present. Translate each virtual address to a physical address, or say why it cannot be:"]
            + addresses.map { "  \(hex($0))" }
        var answers: [String] = []
        for address in addresses {
            let page = address / pageSize, offset = address % pageSize
            var line = "\(hex(address)): page = \(hex(address)) >> \(pageSize.trailingZeroBitCount) = \(hex(page)), offset = \(hex(offset)); "
            if let entry = process.pageTable[page], entry.present, let frame = entry.frame {
                line += "page \(hex(page)) is in frame \(frame), so the physical address is \(frame) x \(pageSize) + \(hex(offset)) = \(hex(frame * pageSize + offset))."
            } else if process.mapping(containing: page) != nil {
                line += "page \(hex(page)) is mapped but not present: a page fault (the kernel gives it a frame first)."
            } else {
                line += "page \(hex(page)) is outside every mapping: a segmentation fault."
            }
            answers.append(line)
        }
        return Exercise(topic: .translation, seed: seed, title: "Address translation", problem: problem, answers: answers, scenario: scenario)
    }

    static func tlb(seed: UInt64, _ random: inout SeededGenerator) -> Exercise {
        let entries = [2, 3, 4][random.index(below: 3)]
        let policy: TLBReplacement = random.index(below: 2) == 0 ? .lru : .fifo
        let string = (0..<12).map { _ in random.index(below: entries + 3) }
        let text = "title TLB hits and misses\nframes 16\ntlb \(entries) \(policy.rawValue)\nprocess P\n  alloc 0x0 pages \(entries + 3)\n  refs \(string.map(String.init).joined(separator: " "))\n"
        let scenario = parse(text, .tlb, seed)
        let (_, steps) = run(scenario)
        var answers: [String] = []
        var hits = 0
        var machine = scenario.makeMachine()
        machine.step()
        for (index, page) in string.enumerated() {
            let result = machine.step()
            let hit = result.events.contains { $0.kind == .tlbHit }
            if hit { hits += 1 }
            let contents = machine.tlb.slots.compactMap { $0.map { hex($0.page) } }.joined(separator: " ")
            answers.append("reference \(index + 1), page \(page): \(hit ? "hit" : "miss")\(result.events.first { $0.kind == .tlbFill }.map { " - " + clause($0.explanation) } ?? ""); TLB holds \(contents)")
        }
        _ = steps
        answers.append("Total: \(hits) hits, \(string.count - hits) misses.")
        let problem = ["A fully associative TLB has \(entries) entries and replaces by \(policy.rawValue.uppercased()). It starts empty. Memory is large enough that nothing is evicted.",
                       "For each reference to a virtual page, say whether it hits in the TLB, and count the hits and misses:",
                       "  " + string.map(String.init).joined(separator: " ")]
        return Exercise(topic: .tlb, seed: seed, title: "TLB hits and misses", problem: problem, answers: answers, scenario: scenario)
    }

    static func replacement(seed: UInt64, _ random: inout SeededGenerator) -> Exercise {
        let frames = 3 + random.index(below: 2)
        let policy = [ReplacementPolicy.fifo, .lru, .opt, .clock][random.index(below: 4)]
        let string = (0..<15).map { _ in random.index(below: frames + 3) }
        let text = "title Page replacement\nframes \(frames)\nreplacement \(policy.rawValue)\nprocess P\n  alloc 0x0 pages \(frames + 3)\n  refs \(string.map(String.init).joined(separator: " "))\n"
        let scenario = parse(text, .replacement, seed)
        var machine = scenario.makeMachine()
        machine.step()
        var answers: [String] = []
        for (index, page) in string.enumerated() {
            let result = machine.step()
            let fault = result.events.contains { $0.isFault }
            let victim = result.events.first { $0.kind == .eviction }
            let contents = machine.frames.map { frame -> String in
                if case let .anonymous(_, held) = frame.content { return "\(held)" }
                return "-"
            }.joined(separator: " ")
            var line = "reference \(index + 1), page \(page): \(fault ? "fault" : "hit")"
            if let victim { line += "; " + clause(victim.explanation) }
            answers.append(line + "; frames: [\(contents)]")
        }
        answers.append("Total: \(machine.counters.pageFaults) page faults (\(frames) of them fill empty frames).")
        let problem = ["\(frames) frames, initially empty, \(policy.rawValue.uppercased()) replacement\(policy == .clock ? " (second chance; the hand starts at frame 0, and a page's referenced bit is set when it is used)" : "").",
                       "Fill in the frames after each reference and count the page faults:",
                       "  " + string.map(String.init).joined(separator: " ")]
        return Exercise(topic: .replacement, seed: seed, title: "Page replacement (\(policy.rawValue.uppercased()))", problem: problem, answers: answers, scenario: scenario)
    }

    static func writePolicy(seed: UInt64, _ random: inout SeededGenerator) -> Exercise {
        let pages = 2 + random.index(below: 2)
        var script: [String] = []
        for _ in 0..<(6 + random.index(below: 5)) {
            if random.index(below: 6) == 0 { script.append("  sync data") } else {
                script.append("  write \(hex(0x10000 + random.index(below: pages) * 4096 + random.index(below: 4) * 1024)) \(1 + random.index(below: 9))")
            }
        }
        let body = "file data pages \(pages)\nprocess P\n  map data at 0x10000 shared\n" + script.joined(separator: "\n") + "\n  close data\n"
        let through = parse("title Write policies\nframes 8\nwrite through\n" + body, .writePolicy, seed)
        let back = parse("title Write policies\nframes 8\nwrite back\n" + body, .writePolicy, seed)
        let (t, b) = (run(through).machine, run(back).machine)
        let problem = ["A process maps a \(pages)-page file shared at 0x10000 (4096-byte pages, 4 words each), then runs:"] + script + ["  close data",
                       "Memory holds every page. How many times is the disk written under write-through, and under write-back?"]
        let answers = ["Write-through: every write also goes to disk: \(t.counters.diskWrites) disk writes.",
                       "Write-back: a dirty page is written once when synced or closed (then clean until written again): \(b.counters.diskWrites) disk writes.",
                       "The file ends the same either way: " + t.files[0].pages.map { $0.map(String.init).joined(separator: " ") }.joined(separator: " | ")]
        return Exercise(topic: .writePolicy, seed: seed, title: "Write-through versus write-back", problem: problem, answers: answers, scenario: back)
    }

    static func sharing(seed: UInt64, _ random: inout SeededGenerator) -> Exercise {
        let order = ["close", "open"][random.index(below: 2)]
        var a: [String] = [], b: [String] = []
        for _ in 0..<2 { a.append("  write \(hex(0x10000 + random.index(below: 4) * 1024)) \(10 + random.index(below: 10))") }
        for _ in 0..<2 { b.append("  write \(hex(0x20000 + random.index(below: 4) * 1024)) \(20 + random.index(below: 10))") }
        let bFirst = random.index(below: 2) == 0
        let schedule = bFirst ? "A B A B A B B A" : "A B A B A B A B"
        let text = """
        title Private copies written back at close
        sharing private-\(order)
        schedule order \(schedule)
        file data 0 0 0 0
        process A
          map data at 0x10000 shared
        \(a.joined(separator: "\n"))
          close data
        process B
          map data at 0x20000 shared
        \(b.joined(separator: "\n"))
          close data

        """
        let scenario = parse(text, .sharing, seed)
        let (machine, steps) = run(scenario)
        let lost = steps.flatMap(\.events).filter { $0.kind == .lostUpdate }
        let problem = ["A file of one page (4 words, all 0) is opened by A (first) and B. Each writes to its own private copy; at close only the words it changed are written back, in \(order == "close" ? "the order the processes close" : "the order they opened the file (a closer waits for earlier openers)").",
                       "Word w is at offset w x 1024. They run in the order \(schedule.split(separator: " ").joined(separator: ", ")) (one operation each):",
                       "A:"] + a + ["  close data", "B:"] + b + ["  close data", "What does the file hold at the end, and whose updates are lost?"]
        var answers = steps.flatMap(\.events).filter { [.writeBack, .closeWait, .lostUpdate].contains($0.kind) }.map(\.explanation)
        answers.append("The file ends as: " + machine.files[0].pages[0].map(String.init).joined(separator: " ") + ".")
        answers.append(lost.isEmpty ? "No update is lost." : "\(lost.count) lost update\(lost.count == 1 ? "" : "s").")
        return Exercise(topic: .sharing, seed: seed, title: "Private copies and lost updates", problem: problem, answers: answers, scenario: scenario)
    }
}

/// An explanation used inside a longer line: without its closing full stop.
func clause(_ sentence: String) -> String { sentence.hasSuffix(".") ? String(sentence.dropLast()) : sentence }

extension Machine {
    /// The machine of `scenario` after `count` steps (for exercises that ask about a moment).
    func afterSteps(_ count: Int, _ scenario: Scenario) -> Machine {
        var machine = scenario.makeMachine()
        for _ in 0..<count { machine.step() }
        return machine
    }
}

extension Exercise {
    public func text(answers withAnswers: Bool) -> String {
        var out = ["Exercise: \(title) (topic \(topic.rawValue), seed \(seed))", ""] + problem
        if withAnswers { out += ["", "Answer"] + answers.map { "  " + $0 } }
        return out.joined(separator: "\n") + "\n"
    }

    public func markdown(answers withAnswers: Bool) -> String {
        var out = ["## Exercise: \(MarkdownReport.escape(title))", "", "*Topic \(topic.rawValue), seed \(seed)*", ""]
        out += problem.map { $0.hasPrefix("  ") ? "    " + $0.dropFirst(2) : MarkdownReport.escape($0) + "  " }
        if withAnswers { out += ["", "### Answer", ""] + answers.map { "1. " + MarkdownReport.escape($0) } }
        return out.joined(separator: "\n") + "\n"
    }
}
