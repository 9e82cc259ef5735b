/// Checks, after every step, that the machine is self-consistent and that no written word
/// has vanished unless a policy event said so.
///
/// It keeps its own ledger of the last value written to every word (from the step's write
/// events, forks and write-backs) and looks each one up where the machine says it lives.
/// It is part of the engine so that every layer's tests can run it.
public struct InvariantChecker: Sendable {
    enum Location: Hashable {
        /// A word of a file, seen through the page cache or on disk.
        case file(FileID, Int, Int)
        /// A word of a process's own page (anonymous, private copy or session copy).
        case own(ProcessID, VirtualPageNumber, Int)
    }

    struct Expectation {
        var value: Int
        var writer: ProcessID
        var at: Int
    }

    var ledger: [Location: Expectation] = [:]

    public init() {}

    /// Words the ledger tracks (for tests that want to know the checker had work to do).
    public var trackedWords: Int { ledger.count }

    /// Checks the step from `before` to `after`; returns each violation in words (empty when all is well).
    public mutating func check(before: Machine, after: Machine, result: StepResult) -> [String] {
        var problems: [String] = []
        updateLedger(before: before, after: after, result: result, problems: &problems)
        problems += Self.structuralProblems(after)
        problems += Self.linuxCloseProblems(after: after, result: result)
        problems += ledgerProblems(after)
        return problems.map { "step \(after.stepCount): \($0)" }
    }

    // MARK: The write ledger

    mutating func updateLedger(before: Machine, after: Machine, result: StepResult, problems: inout [String]) {
        // A write through a stale translation lands in whatever its frame holds now.
        var staleFrame: FrameNumber?
        for event in result.events {
            switch event.kind {
            case .staleTLB:
                if after.configuration.shootdown != .none || after.cpus.count == 1 {
                    problems.append("a stale TLB entry was used, but shootdowns are \(after.configuration.shootdown.rawValue)")
                }
                staleFrame = event.frame
            case .ipi, .ipiAck, .ipiDeferred:
                if after.configuration.shootdown == .none || after.cpus.count == 1 {
                    problems.append("an inter-processor interrupt on a machine that sends none")
                }
            case .write where staleFrame != nil:
                guard let frame = staleFrame, let pid = event.process, let word = event.word, let value = event.value else { continue }
                staleFrame = nil
                // A page-cache page is the file's whether or not anyone maps it now (its last mapper
                // may have closed it); a private page is each of its mappers'.
                if case let .filePage(file, filePage) = after.frames[frame].content {
                    ledger[.file(file, filePage, word)] = Expectation(value: value, writer: pid, at: after.tick)
                    continue
                }
                for mapper in after.frames[frame].mappers {
                    ledger[.own(mapper.process, mapper.page, word)] = Expectation(value: value, writer: pid, at: after.tick)
                }
            case .write:
                guard let pid = event.process, let page = event.page, let word = event.word, let value = event.value else { continue }
                if let frame = after.processes[pid].pageTable[page]?.frame, case let .filePage(file, filePage) = after.frames[frame].content
                {
                    ledger[.file(file, filePage, word)] = Expectation(value: value, writer: pid, at: after.tick)
                } else {
                    ledger[.own(pid, page, word)] = Expectation(value: value, writer: pid, at: after.tick)
                }
            case .fork:
                guard let parent = event.process, let child = event.otherProcess, before.processes[child].state == .notStarted else {
                    continue
                }
                for (location, expectation) in ledger {
                    guard case let .own(owner, page, word) = location, owner == parent,
                        let entry = after.processes[child].pageTable[page], entry.sharing != .shared
                    else { continue }
                    ledger[.own(child, page, word)] = expectation
                }
            default:
                continue
            }
        }
        ledgerWrittenBack(before: before, after: after, result: result, problems: &problems)
        // Own pages whose mapping is gone (closed, exited, killed) are no longer expected anywhere.
        for location in ledger.keys {
            guard case let .own(pid, page, _) = location else { continue }
            if after.processes[pid].state.isDone || after.processes[pid].mapping(containing: page) == nil {
                ledger[location] = nil
            }
        }
    }

    /// Session copies whose changes went to the file in this step: each word written back is now
    /// the file's, and one that overwrote another process's later write must have said so (a
    /// lost-update event), unless a merge conflict kept it out.
    mutating func ledgerWrittenBack(before: Machine, after: Machine, result: StepResult, problems: inout [String]) {
        for process in before.processes {
            let pid = process.id
            let killed = if case .done(let reason) = after.processes[pid].state { reason != .exited } else { false }
            for (key, session) in process.sessionCopies where session.hasChanges && !killed {
                let later = after.processes[pid].sessionCopies[key]
                guard let words = before.sessionWords(pid, key: key) else {
                    problems.append(
                        "\(process.name)'s copy of page \(key.page) of \(before.fileName(key.file)) has changes but no frame or swap slot")
                    continue
                }
                for word in words.indices where session.changed[word] && later?.changed[word] != true {
                    let location = Location.file(key.file, key.page, word)
                    let conflicted = result.events.contains {
                        $0.kind == .mergeConflict && $0.process == pid && $0.file == key.file && $0.filePage == key.page && $0.word == word
                    }
                    if conflicted { continue }
                    if let old = ledger[location], old.writer != pid, old.value != words[word], old.at > session.takenAt {
                        let said = result.events.contains {
                            $0.kind == .lostUpdate && $0.process == pid && $0.otherProcess == old.writer
                                && $0.file == key.file && $0.filePage == key.page && $0.word == word
                        }
                        if !said {
                            problems.append(
                                "\(before.name(old.writer))'s \(old.value) in word \(word) of page \(key.page) of \(before.fileName(key.file)) was overwritten by \(process.name) with no lost-update event"
                            )
                        }
                    }
                    ledger[location] = Expectation(value: words[word], writer: pid, at: after.tick)
                }
            }
        }
    }

    func ledgerProblems(_ machine: Machine) -> [String] {
        var problems: [String] = []
        for (location, expected) in ledger {
            switch location {
            case let .file(file, page, word):
                let disk = machine.files[file].pages[page][word]
                let found = machine.files[file].pageCache[page].map { machine.frames[$0].words[word] } ?? disk
                if found != expected.value {
                    problems.append(
                        "word \(word) of page \(page) of \(machine.fileName(file)) should hold \(machine.name(expected.writer))'s \(expected.value) but holds \(found)"
                    )
                }
            case let .own(pid, page, word):
                guard let entry = machine.processes[pid].pageTable[page] else {
                    problems.append("\(machine.name(pid))'s written page \(hex(page)) has vanished from its page table")
                    continue
                }
                let found: Int? =
                    if entry.present, let frame = entry.frame { machine.frames[frame].words[word] } else if let slot = entry.swapSlot {
                        machine.swap[slot]?.words[word]
                    } else { nil }
                if found != expected.value {
                    problems.append(
                        "\(machine.name(pid))'s page \(hex(page)) word \(word) should hold \(expected.value) but holds \(found.map(String.init) ?? "nothing")"
                    )
                }
            }
        }
        return problems.sorted()
    }
}
