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
        let who = machine.name(pid)
        let operation = machine.currentOperation(of: pid)
        let events = result.events
        var questions: [QuizQuestion] = []
        if let address = operation.accessedAddress {
            let verb = operation == .read(address: address) ? "read of" : "write to"
            if machine.configuration.tlb.entries > 0,
                let tlbEvent = events.first(where: { $0.kind == .tlbHit || $0.kind == .tlbMiss })
            {
                questions.append(
                    QuizQuestion(
                        topic: .tlb,
                        prompt:
                            "\(who)'s \(verb) \(hex(address))\(machine.cpus.count > 1 ? result.cpu.map { " on CPU \($0)" } ?? "" : ""): TLB hit or miss?",
                        choices: ["hit", "miss"], correct: tlbEvent.kind == .tlbHit ? 0 : 1, because: tlbEvent.explanation))
            }
            let fault = events.first { $0.isFault }
            let faultIndex: Int =
                switch fault?.kind {
                case .minorFault: 1
                case .majorFault: 2
                case .protectionFault: 3
                case .segmentationFault: 4
                default: 0
                }
            questions.append(
                QuizQuestion(
                    topic: .faults, prompt: "Does \(who)'s \(verb) \(hex(address)) cause a page fault, and of which kind?",
                    choices: faultChoices, correct: faultIndex,
                    because: fault?.explanation ?? "The page is present and the access is allowed: no fault."))
            if let eviction = events.first(where: { $0.kind == .eviction }), let victim = eviction.frame {
                let occupied = machine.frames.indices.filter { !machine.frames[$0].isFree }
                if occupied.count > 1, let correct = occupied.firstIndex(of: victim) {
                    let choices = occupied.map { "frame \($0): \(machine.label(machine.frames[$0].content))" }
                    questions.append(
                        QuizQuestion(
                            topic: .replacement,
                            prompt:
                                "\(who) needs a frame and may not take a free one. Which frame does \(machine.configuration.replacement.rawValue.uppercased()) evict?",
                            choices: choices, correct: correct, because: eviction.explanation))
                }
            }
            // Several CPUs: an eviction makes the other CPUs forget the page (or, without
            // shootdowns, does not).
            if machine.cpus.count > 1, events.contains(where: { $0.kind == .eviction }), let cpu = result.cpu {
                let ipis = events.filter { $0.kind == .ipi }
                questions.append(
                    QuizQuestion(
                        topic: .tlb,
                        prompt:
                            "The eviction changes a mapping. How many other CPUs does CPU \(cpu) interrupt (\(machine.configuration.shootdown.rawValue) shootdown)?",
                        choices: (0..<machine.cpus.count).map(String.init), correct: min(ipis.count, machine.cpus.count - 1),
                        because: ipis.first?.explanation
                            ?? events.first { $0.kind == .ipiDeferred }?.explanation
                            ?? (machine.configuration.shootdown == .none
                                ? "None: without shootdowns nobody is told, and any other CPU's entry for the page goes stale."
                                : "None: no other CPU has run a process that maps the evicted page since its TLB last dropped it.")))
            }
            if case .write = operation, let mapping = machine.processes[pid].mapping(containing: address / machine.configuration.pageSize),
                case .file(_, .shared) = mapping.kind
            {
                let disk = events.first { $0.kind == .diskWrite || $0.kind == .writeBack }
                questions.append(
                    QuizQuestion(
                        topic: .writePolicy, prompt: "Does this write reach the disk now?",
                        choices: ["yes, now", "no, not yet"], correct: disk == nil ? 1 : 0,
                        because: disk?.explanation
                            ?? "It stays in memory: the page is dirty and goes to disk later (write-back), or the write went to a private copy."
                    ))
            }
        }
        if case .privateCopies = machine.configuration.sharing, operation.isCloseOrExit, hasSessionChanges(machine, pid) {
            let others = machine.processes.filter { $0.id != pid }.map(\.name)
            let lost = events.first { $0.kind == .lostUpdate }
            let correct = lost?.otherProcess.flatMap { other in others.firstIndex(of: machine.name(other)).map { $0 + 1 } } ?? 0
            questions.append(
                QuizQuestion(
                    topic: .sharing, prompt: "When \(who)'s changes are written back, whose update is lost?",
                    choices: ["nobody's"] + others, correct: correct,
                    because: lost?.explanation
                        ?? "No word \(who) writes back was changed by anyone else since \(who) took its copy (or \(who) must wait its turn)."
                ))
        }
        return questions
    }

    static func hasSessionChanges(_ machine: Machine, _ pid: ProcessID) -> Bool {
        machine.processes[pid].sessionCopies.values.contains { $0.hasChanges }
    }
}

extension Operation {
    var isCloseOrExit: Bool {
        switch self {
        case .close, .exit: true
        default: false
        }
    }
}
