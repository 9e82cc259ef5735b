import VMM

/// One prediction a student makes before an operation runs.
public struct QuizQuestion: Hashable, Sendable {
    public enum Topic: String, Hashable, Sendable, CaseIterable {
        case tlb = "TLB"
        case faults = "page faults"
        case replacement
        case writePolicy = "write policy"
        case sharing
    }

    public var topic: Topic
    public var prompt: String
    public var choices: [String]
    /// Index of the right choice.
    public var correct: Int
    /// The event explanation that settles it, shown after the answer.
    public var because: String
}

/// Makes the questions for the next step by running it on a copy of the machine:
/// the engine is deterministic, so the copy's events are exactly what will happen.
public enum QuizMaker {
    public static let faultChoices = [
        "no page fault", "a minor fault (no disk I/O)", "a major fault (disk or swap)", "a protection fault", "a segmentation fault",
    ]

    public static func questions(for machine: Machine) -> [QuizQuestion] {
        prediction(for: machine).questions
    }

    /// The questions, and the step they are about (as the copy ran it).
    public static func prediction(for machine: Machine) -> (questions: [QuizQuestion], step: StepResult?) {
        guard !machine.isFinished else { return ([], nil) }
        let (_, result) = machine.stepped()
        return (questions(for: machine, result: result), result)
    }

    static func questions(for machine: Machine, result: StepResult) -> [QuizQuestion] {
        guard let pid = result.process else { return [] }
        let operation = machine.currentOperation(of: pid)
        var questions: [QuizQuestion?] = []
        if let address = operation.accessedAddress {
            let asked = Access(
                machine: machine, result: result, pid: pid, address: address,
                verb: operation == .read(address: address) ? "read of" : "write to")
            questions += [
                tlbQuestion(asked), faultQuestion(asked), replacementQuestion(asked), shootdownQuestion(asked),
                operation.isWrite ? writePolicyQuestion(asked) : nil,
            ]
        }
        if case .privateCopies = machine.configuration.sharing, operation.isCloseOrExit, hasSessionChanges(machine, pid) {
            questions.append(lostUpdateQuestion(machine, result: result, pid: pid))
        }
        if operation.isCloseOrExit, !machine.configuration.sharing.usesSessionCopies, mapsDirtyPages(machine, pid) {
            questions.append(closeWriteBackQuestion(machine, result: result, pid: pid))
        }
        return questions.compactMap { $0 }
    }

    /// The access a step makes, as the questions about it say it.
    struct Access {
        var machine: Machine
        var result: StepResult
        var pid: ProcessID
        var address: VirtualAddress
        var verb: String
        var who: String { machine.name(pid) }
        var events: [Event] { result.events }
    }

    static func tlbQuestion(_ access: Access) -> QuizQuestion? {
        let machine = access.machine
        guard machine.configuration.tlb.entries > 0,
            let tlbEvent = access.events.first(where: { $0.kind == .tlbHit || $0.kind == .tlbMiss })
        else { return nil }
        let cpu = machine.cpus.count > 1 ? access.result.cpu.map { " on CPU \($0)" } ?? "" : ""
        return QuizQuestion(
            topic: .tlb, prompt: "\(access.who)'s \(access.verb) \(hex(access.address))\(cpu): TLB hit or miss?",
            choices: ["hit", "miss"], correct: tlbEvent.kind == .tlbHit ? 0 : 1, because: tlbEvent.explanation)
    }

    static func faultQuestion(_ access: Access) -> QuizQuestion? {
        let fault = access.events.first { $0.isFault }
        let faultIndex: Int =
            switch fault?.kind {
            case .minorFault: 1
            case .majorFault: 2
            case .protectionFault: 3
            case .segmentationFault: 4
            default: 0
            }
        return QuizQuestion(
            topic: .faults, prompt: "Does \(access.who)'s \(access.verb) \(hex(access.address)) cause a page fault, and of which kind?",
            choices: faultChoices, correct: faultIndex,
            because: fault?.explanation ?? "The page is present and the access is allowed: no fault.")
    }

    static func replacementQuestion(_ access: Access) -> QuizQuestion? {
        let machine = access.machine
        guard let eviction = access.events.first(where: { $0.kind == .eviction }), let victim = eviction.frame else { return nil }
        let occupied = machine.frames.indices.filter { !machine.frames[$0].isFree }
        guard occupied.count > 1, let correct = occupied.firstIndex(of: victim) else { return nil }
        let choices = occupied.map { "frame \($0): \(machine.label(machine.frames[$0].content))" }
        return QuizQuestion(
            topic: .replacement,
            prompt:
                "\(access.who) needs a frame and may not take a free one. Which frame does \(machine.configuration.replacement.label) evict?",
            choices: choices, correct: correct, because: eviction.explanation)
    }

    /// Several CPUs: an eviction makes the other CPUs forget the page (or, without shootdowns, does not).
    static func shootdownQuestion(_ access: Access) -> QuizQuestion? {
        let machine = access.machine, events = access.events
        guard machine.cpus.count > 1, events.contains(where: { $0.kind == .eviction }), let cpu = access.result.cpu else { return nil }
        let ipis = events.filter { $0.kind == .ipi }
        return QuizQuestion(
            topic: .tlb,
            prompt:
                "The eviction changes a mapping. How many other CPUs does CPU \(cpu) interrupt (\(machine.configuration.shootdown.rawValue) shootdown)?",
            choices: (0..<machine.cpus.count).map(String.init), correct: min(ipis.count, machine.cpus.count - 1),
            because: ipis.first?.explanation
                ?? events.first { $0.kind == .ipiDeferred }?.explanation
                ?? (machine.configuration.shootdown == .none
                    ? "None: without shootdowns nobody is told, and any other CPU's entry for the page goes stale."
                    : "None: no other CPU has run a process that maps the evicted page since its TLB last dropped it."))
    }

    /// A write through a shared file mapping: does it reach the disk now?
    static func writePolicyQuestion(_ access: Access) -> QuizQuestion? {
        let machine = access.machine
        guard let mapping = machine.processes[access.pid].mapping(containing: access.address / machine.configuration.pageSize),
            case .file(_, .shared) = mapping.kind
        else { return nil }
        let disk = access.events.first { $0.kind == .diskWrite || $0.kind == .writeBack }
        return QuizQuestion(
            topic: .writePolicy, prompt: "Does this write reach the disk now?",
            choices: ["yes, now", "no, not yet"], correct: disk == nil ? 1 : 0,
            because: disk?.explanation
                ?? "It stays in memory: the page is dirty and goes to disk later (write-back), or the write went to a private copy.")
    }

    /// A close (or exit) writing private copies back: whose update is lost?
    static func lostUpdateQuestion(_ machine: Machine, result: StepResult, pid: ProcessID) -> QuizQuestion {
        let who = machine.name(pid)
        let others = machine.processes.filter { $0.id != pid }.map(\.name)
        let lost = result.events.first { $0.kind == .lostUpdate }
        let correct = lost?.otherProcess.flatMap { other in others.firstIndex(of: machine.name(other)).map { $0 + 1 } } ?? 0
        return QuizQuestion(
            topic: .sharing, prompt: "When \(who)'s changes are written back, whose update is lost?",
            choices: ["nobody's"] + others, correct: correct,
            because: lost?.explanation
                ?? "No word \(who) writes back was changed by anyone else since \(who) took its copy (or \(who) must wait its turn).")
    }

    /// A close (or exit) of a file with dirty pages in the page cache: does it write them? The
    /// textbook says yes; Linux writes nothing until a sync, an eviction or the daemon.
    static func closeWriteBackQuestion(_ machine: Machine, result: StepResult, pid: ProcessID) -> QuizQuestion {
        let who = machine.name(pid)
        let written = result.events.first { $0.kind == .writeBack && $0.process == pid }
        let close = result.events.last { $0.kind == .close }
        return QuizQuestion(
            topic: .writePolicy, prompt: "\(who) closes a file whose pages it dirtied. Does the close write them to disk?",
            choices: ["yes, at the close", "no, they stay dirty in the page cache"], correct: written == nil ? 1 : 0,
            because: written?.explanation ?? close?.explanation ?? "Nothing is written at this close.")
    }

    /// Whether `pid` maps a shared file page that is dirty in the page cache.
    static func mapsDirtyPages(_ machine: Machine, _ pid: ProcessID) -> Bool {
        let process = machine.processes[pid]
        return process.mappings.contains { mapping in
            guard case .file(_, .shared) = mapping.kind else { return false }
            return mapping.pages.contains { page in
                guard let frame = process.pageTable[page]?.frame, case .filePage = machine.frames[frame].content else { return false }
                return machine.frames[frame].dirty
            }
        }
    }

    static func hasSessionChanges(_ machine: Machine, _ pid: ProcessID) -> Bool {
        machine.processes[pid].sessionCopies.values.contains { $0.hasChanges }
    }
}

extension Operation {
    var isWrite: Bool { if case .write = self { true } else { false } }

    var isCloseOrExit: Bool {
        switch self {
        case .close, .exit: true
        default: false
        }
    }
}
