/// Reads and writes: the TLB, the page walk, the kernel's fault paths and the access itself.
extension Machine {
    mutating func access(_ pid: ProcessID, address: VirtualAddress, writing value: Int?) -> Outcome {
        let (page, word) = split(address)
        guard let mapping = mappingOrSegmentationFault(pid, address: address, page: page) else { return .completed }
        let who = name(pid)
        tick += 1
        count(\.references, pid)
        count(value == nil ? \.reads : \.writes, pid)

        let frame: FrameNumber
        if let slot = tlb.lookup(asid: pid, page: page), value == nil || tlb.slots[slot]!.writable,
            !translationHolds(slot, writing: value != nil)
        {
            useStaleTranslation(slot, address: address, writing: value)
            timerAfterReference()
            return .completed
        }
        if let slot = tlb.lookup(asid: pid, page: page), value == nil || tlb.slots[slot]!.writable {
            count(\.tlbHits, pid)
            frame = tlb.slots[slot]!.frame
            tlb.slots[slot]!.lastUsed = tick
            emit(
                Event(
                    .tlbHit, process: pid, page: page, frame: frame,
                    "TLB hit: \(who)'s page \(hex(page)) is in TLB entry \(slot), frame \(frame); no page-table walk needed."
                ).inTLB(slot))
        } else {
            if let outcome = translateWithoutTLB(pid, page: page, mapping: mapping, writing: value != nil) { return outcome }
            guard let mapped = processes[pid].pageTable[page]!.frame else {
                readZeroPage(pid, address: address)
                timerAfterReference()
                return .completed
            }
            frame = mapped
        }
        if value == nil, configuration.flushBeforeRead, case .file(let file, _) = mapping.kind {
            forceOtherWriters(before: pid, reads: file, page: mapping.filePage(of: page), frame: frame)
        }
        if let value {
            store(value, pid: pid, page: page, word: word, frame: frame, mapping: mapping)
        } else {
            use(frame)
            processes[pid].pageTable[page]!.referenced = true
            let read = frames[frame].words[word]
            emit(
                Event(
                    .read, process: pid, page: page, frame: frame, word: word, value: read,
                    "\(who) reads \(hex(address)) (page \(hex(page)), word \(word)) = \(read) from frame \(frame)."))
        }
        timerAfterReference()
        return .completed
    }

    /// The mapping `address` falls in; or, beyond what the page table can map or in no mapping, a
    /// segmentation fault that kills the process (nil).
    private mutating func mappingOrSegmentationFault(_ pid: ProcessID, address: VirtualAddress, page: VirtualPageNumber) -> Mapping? {
        let who = name(pid)
        let levelBits = configuration.pageTableLevels.reduce(0, +)
        let beyondTables = !configuration.pageTableLevels.isEmpty && levelBits < 62 && page >= 1 << levelBits
        if !beyondTables, address >= 0, let mapping = processes[pid].mapping(containing: page) { return mapping }
        let why =
            beyondTables
            ? "beyond the address space its \(configuration.pageTableLevels.count)-level page table can map"
            : "which no mapping of \(who)'s covers"
        emit(
            Event(
                .segmentationFault, process: pid, page: beyondTables || address >= 0 ? page : nil,
                "Segmentation fault: \(who) touches \(hex(address)), \(why); \(who) is killed."))
        count(\.protectionFaults, pid)
        kill(pid, reason: .segmentationFault)
        return nil
    }

    /// A translation the TLB cannot give (a miss, no TLB, or a read-only entry for a write): the
    /// walk, a page fault if the page is not present, a write fault if it may not be written, then
    /// the TLB filled. Nil when the access goes on; otherwise how it ended (blocked on a lock, or
    /// done: the process was killed or the page could not come in).
    private mutating func translateWithoutTLB(
        _ pid: ProcessID, page: VirtualPageNumber, mapping: Mapping, writing: Bool
    ) -> Outcome? {
        let who = name(pid)
        if let slot = tlb.lookup(asid: pid, page: page) {
            count(\.tlbHits, pid)
            emit(
                Event(
                    .tlbHit, process: pid, page: page, frame: tlb.slots[slot]!.frame,
                    "TLB hit in entry \(slot), but the entry is read-only and this is a write: the CPU traps to the kernel."
                ).inTLB(slot))
        } else if tlb.slots.isEmpty {
            // No TLB at all: not a miss, just the walk every access makes.
            count(\.walkReferences, pid, by: walkCost(pid, page))
            emit(
                Event(
                    .pageWalk, process: pid, page: page, frame: processes[pid].pageTable[page]?.frame,
                    "No TLB: every access walks the page table. " + walkDescription(pid, page)))
        } else {
            count(\.tlbMisses, pid)
            count(\.walkReferences, pid, by: walkCost(pid, page))
            emit(
                Event(
                    .tlbMiss, process: pid, page: page,
                    "TLB miss: \(who)'s page \(hex(page)) is not cached in the TLB; walking \(who)'s page table."))
            emit(Event(.pageWalk, process: pid, page: page, frame: processes[pid].pageTable[page]?.frame, walkDescription(pid, page)))
        }
        var faulted = false
        if processes[pid].pageTable[page]?.present != true {
            faulted = processes[pid].pageTable[page]?.swapSlot == nil
            guard pageIn(pid, page: page, mapping: mapping, writing: writing) else { return .completed }
        }
        if writing, processes[pid].pageTable[page]?.writable != true {
            let sameFault = faulted && configuration.kernel.fork == .linux && mapping.kind.isPrivateFile
            switch makeWritable(pid, page: page, mapping: mapping, sameFault: sameFault) {
            case .completed: break
            case .blocked:
                // The write runs again from the start once the lock is free, and is counted then:
                // a retried write is one write.
                count(\.references, pid, by: -1)
                count(\.writes, pid, by: -1)
                return .blocked
            }
            if processes[pid].state.isDone { return .completed }
        }
        fillTLB(pid, page: page)
        return nil
    }

    /// What every access does to its frame: the R bit, recency, and what the policy keeps (its rule says).
    mutating func use(_ frame: FrameNumber) {
        frames[frame].referenced = true
        frames[frame].lastUsed = tick
        let rule = configuration.replacement.rule
        if rule.touchesData {
            rule.touch(
                &frames[frame].replacementData, references: counters.references, parameters: configuration.replacementParameters)
        }
        if lists.isKept, frames[frame].loadedAt != tick { rule.listHit(frame, in: &self) }
        reorder(frame)
        // The page's next use is this operation, where the index has it already: only the tie-break moves.
        if nextUses.isKept { nextUses.used(frame, at: tick) }
    }

    /// A timer interrupt every `interval` references, for the policies that use one: the rule
    /// ages each frame's data from its R bit (Aging shifts its counter), then every R bit is cleared.
    mutating func timerAfterReference() {
        let rule = configuration.replacement.rule
        guard rule.usesTimer else { return }
        sinceTimer += 1
        let parameters = configuration.replacementParameters
        guard sinceTimer >= parameters.interval else { return }
        sinceTimer = 0
        // A rule whose tick moves every frame's data has the order rebuilt when victims are next
        // wanted. (NRU's timer moves only the frames referenced since the last tick, each placed
        // as its bit is cleared: marking the order stale there too cost NRU a third of its speed.)
        if rule.ticksData { evictionOrder.markStale() }
        for frame in frames.indices where !frames[frame].isFree {
            if rule.ticksData { rule.tick(&frames[frame].replacementData, referenced: frames[frame].referenced, parameters: parameters) }
            // A page table entry is referenced only if its frame is (InvariantChecker), so a clear
            // frame has nothing to clear: the walk of its mappers' tables is skipped.
            if frames[frame].referenced { clearReferenced(frame) }
        }
        emit(Event(.timerTick, "Timer interrupt (every \(parameters.interval) references): \(rule.timerSentence(parameters))."))
    }

    /// Memory references a walk to `page` makes: one per table it reads, stopping at the first
    /// entry that points to no table (as MMUs and OSTEP do); for an inverted table, the bucket
    /// head and then each entry of its chain up to the page (or all of them).
    func walkCost(_ pid: ProcessID, _ page: VirtualPageNumber) -> Int {
        if !configuration.pageTableLevels.isEmpty {
            // The root is always read; each deeper table is read only if the entry above points to it.
            let path = tablePath(page).dropFirst()
            return 1 + (path.firstIndex { processes[pid].tablePages[$0.key] == nil }.map { $0 - path.startIndex } ?? path.count)
        }
        guard configuration.invertedPageTable else { return configuration.walkReferences }
        let chain = hashChains[configuration.hashBucket(process: pid, page: page)]
        return 1 + (chain.firstIndex(of: ReverseMapEntry(process: pid, page: page)).map { $0 + 1 } ?? chain.count)
    }

    func walkDescription(_ pid: ProcessID, _ page: VirtualPageNumber) -> String {
        if configuration.invertedPageTable {
            let bucket = configuration.hashBucket(process: pid, page: page)
            let chain = hashChains[bucket]
            let target = ReverseMapEntry(process: pid, page: page)
            let probed = chain.firstIndex(of: target).map { Array(chain[...$0]) } ?? chain
            let path = probed.map { "(\(name($0.process)), \(hex($0.page)))" }.joined(separator: " → ")
            let found = chain.contains(target) ? "found" : "not in the table, so not in memory"
            return
                "Inverted page table walk (\(walkCost(pid, page)) memory references): bucket (\(hex(page)) + \(pid)) mod \(configuration.hashBuckets) = \(bucket)"
                + (path.isEmpty ? " is empty" : ": " + path) + "; " + found + "."
        }
        guard !configuration.pageTableLevels.isEmpty else { return leafDescription(pid, page) }
        let references = walkCost(pid, page)
        return "Page walk (\(references) memory reference\(references == 1 ? "" : "s")): " + multiLevelWalk(pid, page) + ". "
            + leafDescription(pid, page).replacingPrefix("Page walk: ", with: "")
    }

    func leafDescription(_ pid: ProcessID, _ page: VirtualPageNumber) -> String {
        let who = name(pid)
        guard let entry = processes[pid].pageTable[page] else {
            return "Page walk: \(who)'s page \(hex(page)) has no entry (never touched, or dropped clean)."
        }
        if entry.present, let frame = entry.frame {
            return "Page walk: \(who)'s page \(hex(page)) is present in frame \(frame)\(entry.writable ? "" : " (read-only)")."
        }
        if entry.zeroPage { return "Page walk: \(who)'s page \(hex(page)) is present and maps the shared zero page (read-only)." }
        if let slot = entry.swapSlot {
            return "Page walk: \(who)'s page \(hex(page)) is not present; it was swapped out to swap slot \(slot)."
        }
        return "Page walk: \(who)'s page \(hex(page)) is not present in memory."
    }

    /// Writes one word; where it goes and whether disk sees it depend on the frame and the write policy.
    mutating func store(_ value: Int, pid: ProcessID, page: VirtualPageNumber, word: Int, frame: FrameNumber, mapping: Mapping) {
        let who = name(pid)
        let old = frames[frame].words[word]
        frames[frame].words[word] = value
        use(frame)
        frames[frame].lastWriter = pid
        processes[pid].pageTable[page]!.referenced = true
        var note = ""
        switch frames[frame].content {
        case let .filePage(file, filePage):
            let previousWriter = files[file].lastWriters[filePage][word]
            if let previousWriter, previousWriter != pid, old != value {
                // Under the lock policy the writer holds the page's lock; otherwise nothing orders the writers.
                let rule =
                    configuration.sharing == .exclusiveLock ? "\(who) holds the page's write lock now" : "one shared copy, no locking"
                note = ", replacing the \(old) that \(name(previousWriter)) wrote: \(rule)"
            }
            files[file].lastWriters[filePage][word] = pid
            files[file].changedAt[filePage][word] = tick
            if configuration.writePolicy == .writeThrough {
                files[file].pages[filePage][word] = value
                emit(
                    Event(
                        .write, process: pid, page: page, frame: frame, file: file, filePage: filePage, word: word, value: value,
                        "\(who) writes \(value) to \(hex(page * configuration.pageSize + word * configuration.wordSize)) (page \(hex(page)), word \(word)) in frame \(frame), page \(filePage) of \(fileName(file))\(note)."
                    ))
                count(\.diskWrites, pid)
                emit(
                    Event(
                        .diskWrite, process: pid, frame: frame, file: file, filePage: filePage, word: word, value: value,
                        "Write-through: the write also goes to disk at once, so page \(filePage) of \(fileName(file)) stays clean."))
                return
            }
            if !frames[frame].dirty { frames[frame].dirtiedAt = stepCount }
        case let .sessionCopy(_, file, filePage):
            processes[pid].sessionCopies[FilePageKey(file: file, page: filePage)]?.changed[word] = true
            note = "; \(fileName(file)) sees it only when \(who) closes"
        case .privateCopy:
            note = "; a private mapping, so the file never sees it"
        case .anonymous, .free, .pageTable:
            break
        }
        frames[frame].dirty = true
        reorder(frame)
        processes[pid].pageTable[page]!.dirty = true
        if let slot = tlb.lookup(asid: pid, page: page) { tlb.slots[slot]!.dirty = true }
        emit(
            Event(
                .write, process: pid, page: page, frame: frame, file: mapping.kind.file, word: word, value: value,
                "\(who) writes \(value) to \(hex(page * configuration.pageSize + word * configuration.wordSize)) (page \(hex(page)), word \(word)) in frame \(frame); the frame is now dirty\(note)."
            ))
    }

    /// Caches a present page's translation, replacing a stale entry or evicting one by the TLB's policy.
    mutating func fillTLB(_ pid: ProcessID, page: VirtualPageNumber) {
        guard !tlb.slots.isEmpty, let entry = processes[pid].pageTable[page], let frame = entry.frame else { return }
        let fresh = TLBEntry(
            asid: pid, page: page, frame: frame, writable: entry.writable, dirty: entry.dirty, loadedAt: tick, lastUsed: tick)
        if let slot = tlb.lookup(asid: pid, page: page) {
            tlb.slots[slot] = fresh
            emit(
                Event(
                    .tlbFill, process: pid, page: page, frame: frame,
                    "TLB entry \(slot) updated: \(name(pid))'s page \(hex(page)) → frame \(frame)\(entry.writable ? ", now writable" : "")."
                ).inTLB(slot))
            return
        }
        let slot = tlb.slotForFill(page: page, generator: &generator)!
        var evicting = ""
        if let old = tlb.slots[slot] {
            evicting = ", evicting \(name(old.asid))'s page \(hex(old.page)) (\(configuration.tlb.replacement.label))"
        }
        tlb.slots[slot] = fresh
        emit(
            Event(
                .tlbFill, process: pid, page: page, frame: frame,
                "Loaded into TLB entry \(slot): \(name(pid))'s page \(hex(page)) → frame \(frame)\(evicting)."
            ).inTLB(slot))
    }

    /// Drops a translation because the page moved or lost a permission: from this CPU's TLB at
    /// once, and from the other CPUs' by the shootdown policy.
    /// `why` is built only when some TLB holds the page (after an eviction, mostly none does).
    mutating func shootDown(_ pid: ProcessID, page: VirtualPageNumber, why: @autoclosure () -> String) {
        if let slot = tlb.lookup(asid: pid, page: page) {
            tlb.slots[slot] = nil
            count(\.tlbShootdowns, pid)
            cpus[cpu].counters.tlbShootdowns += 1
            emit(
                Event(
                    .tlbShootdown, process: pid, page: page,
                    "\(onCPU(cpu))TLB shootdown: entry \(slot) (\(name(pid))'s page \(hex(page))) is invalidated because \(why())."
                ).inTLB(slot))
        }
        if cpus.count > 1 { shootDownElsewhere(pid, pages: [page], why: why()) }
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
