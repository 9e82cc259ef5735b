/// Creating and tearing down address spaces: map, alloc, fork, exit.
extension Machine {
    mutating func mapFile(_ pid: ProcessID, file: FileID, address: VirtualAddress, pages: Int?, mode: MappingMode) -> Outcome {
        let who = name(pid)
        let first = address / configuration.pageSize
        let count = max(1, pages ?? files[file].pages.count)
        if processes[pid].mappingIndex(ofFile: file) != nil {
            emit(Event(.map, process: pid, file: file, "\(who) already has \(fileName(file)) open; the second map is refused."))
            return .completed
        }
        if let clash = overlap(pid, first: first, count: count) {
            emit(
                Event(
                    .map, process: pid, file: file,
                    "Mapping \(fileName(file)) at \(hex(address)) is refused: it overlaps \(who)'s mapping at page \(hex(clash.firstPage))."
                ))
            return .completed
        }
        files[file].extend(toPages: count, wordsPerPage: configuration.wordsPerPage)
        let rank: UInt64 = configuration.sharing == .privateCopies(.random) && mode == .shared ? generator.next() : 0
        processes[pid].mappings.append(
            Mapping(kind: .file(file, mode), firstPage: first, pageCount: count, openedAt: tick, closeRank: rank))
        fileUsersChanged(file)
        let how = mode == .shared ? "shared" : "private (copy on write, never written back)"
        emit(
            Event(
                .map, process: pid, page: first, file: file,
                "\(who) opens \(fileName(file)) and maps \(plural(count, "page")) \(how) at \(hex(first * configuration.pageSize)) (\(pageRange(first, count))). Nothing is loaded yet: pages come in when first touched."
            ))
        return .completed
    }

    mutating func allocate(_ pid: ProcessID, address: VirtualAddress, pages: Int) -> Outcome {
        let first = address / configuration.pageSize
        let count = max(1, pages)
        if let clash = overlap(pid, first: first, count: count) {
            emit(
                Event(
                    .alloc, process: pid,
                    "Allocation at \(hex(address)) is refused: it overlaps \(name(pid))'s mapping at page \(hex(clash.firstPage))."))
            return .completed
        }
        processes[pid].mappings.append(Mapping(kind: .anonymous, firstPage: first, pageCount: count, openedAt: tick, closeRank: 0))
        emit(
            Event(
                .alloc, process: pid, page: first,
                "\(name(pid)) allocates \(plural(count, "page")) of anonymous memory at \(hex(first * configuration.pageSize)); frames are given on first touch, zero-filled."
            ))
        return .completed
    }

    func overlap(_ pid: ProcessID, first: VirtualPageNumber, count: Int) -> Mapping? {
        processes[pid].mappings.first { $0.firstPage < first + count && first < $0.firstPage + $0.pageCount }
    }

    mutating func fork(_ parent: ProcessID, child: ProcessID) -> Outcome {
        guard processes[child].state == .notStarted else {
            emit(Event(.fork, process: parent, otherProcess: child, "\(name(child)) has already been started; fork does nothing."))
            return .completed
        }
        processes[child].mappings = processes[parent].mappings.map { mapping in
            var copy = mapping
            copy.openedAt = tick
            if case .file(_, .shared) = mapping.kind, configuration.sharing == .privateCopies(.random) { copy.closeRank = generator.next() }
            return copy
        }
        for file in processes[child].mappings.compactMap(\.kind.file) { fileUsersChanged(file) }
        var cowPages = 0
        let skipped = configuration.kernel.fork == .linux ? mappingsNotCopied(parent) : []
        for page in processes[parent].sortedPages {
            guard let mapping = processes[parent].mapping(containing: page), !skipped.contains(mapping.firstPage) else { continue }
            // The child's own page tables must reach every page it inherits.
            guard ensureTables(child, page: page) else { break }
            // Making room for those tables may have evicted this very page; a clean anonymous
            // page evicted is simply gone, and the child inherits nothing for it.
            guard var entry = processes[parent].pageTable[page] else { continue }
            switch mapping.kind {
            case .anonymous, .file(_, .private):
                if entry.writable || entry.sharing != .copyOnWrite {
                    entry.writable = false
                    entry.sharing = .copyOnWrite
                    processes[parent].pageTable[page] = entry
                    shootDown(parent, page: page, why: "fork made the page copy-on-write")
                }
                // Counted whether or not it was copy-on-write already: the child shares it too now.
                cowPages += 1
                var childEntry = entry
                childEntry.dirty = false
                childEntry.referenced = false
                childEntry.present = false
                childEntry.frame = nil
                childEntry.swapSlot = nil
                processes[child].pageTable[page] = childEntry
                if let frame = entry.frame, entry.present {
                    attach(child, page: page, to: frame)
                } else if entry.zeroPage {
                    attachZeroPage(child, page: page)
                } else if let slot = entry.swapSlot {
                    processes[child].pageTable[page]!.swapSlot = slot
                    let owner = ReverseMapEntry(process: child, page: page)
                    swap[slot]!.owners.append(owner)
                    swap[slot]!.owners.sort()
                }
            case .file(let file, .shared):
                guard entry.present, let frame = entry.frame, case .filePage = frames[frame].content else { continue }
                _ = file
                var childEntry = PageTableEntry()
                childEntry.sharing = .shared
                // Shared entries are copied as they are (write-notify may have left one read-only).
                childEntry.writable = configuration.sharing == .sharedCopy && entry.writable
                processes[child].pageTable[page] = childEntry
                attach(child, page: page, to: frame)
            }
        }
        guard !processes[child].state.isDone else { return .completed }
        processes[child].state = .ready
        let notCopied =
            skipped.isEmpty
            ? ""
            : "; \(plural(skipped.count, "file mapping")) without private copies \(skipped.count == 1 ? "is" : "are") not copied (Linux's vma_needs_copy): \(name(child)) faults \(skipped.count == 1 ? "its" : "their") pages in from the page cache"
        emit(
            Event(
                .fork, process: parent, otherProcess: child,
                "\(name(parent)) forks \(name(child)): \(name(child)) gets a copy of \(name(parent))'s page table; \(plural(cowPages, "private page")) \(cowPages == 1 ? "is" : "are") now copy-on-write in both, shared mappings stay shared\(notCopied)."
            ))
        return .completed
    }

    /// Under Linux's fork: the first pages of the parent's file mappings that hold no private copy
    /// (no anon_vma), whose entries fork does not copy (`vma_needs_copy` in mm/memory.c).
    func mappingsNotCopied(_ parent: ProcessID) -> Set<VirtualPageNumber> {
        var skipped: Set<VirtualPageNumber> = []
        for mapping in processes[parent].mappings where mapping.kind.file != nil {
            let hasPrivateCopy = mapping.pages.contains { page in
                guard let entry = processes[parent].pageTable[page] else { return false }
                if entry.swapSlot != nil { return true }
                guard let frame = entry.frame, case .privateCopy = frames[frame].content else { return false }
                return true
            }
            if !hasPrivateCopy { skipped.insert(mapping.firstPage) }
        }
        return skipped
    }

    mutating func exit(_ pid: ProcessID) -> Outcome {
        processes[pid].leaving = true
        // Close files first: under ordered write-back a close may have to wait.
        while let index = processes[pid].mappings.firstIndex(where: { $0.kind.file != nil }) {
            if close(pid, file: processes[pid].mappings[index].kind.file!) == .blocked { return .blocked }
        }
        for mapping in processes[pid].mappings { unmap(pid, mapping) }
        processes[pid].mappings = []
        freeTables(pid)
        processes[pid].state = .done(.exited)
        emit(Event(.exit, process: pid, "\(name(pid)) exits: its anonymous pages and swap slots are freed."))
        discardTranslationsElsewhere(pid)
        return .completed
    }

    /// Ends a process at once: private changes vanish, no write-back of session copies happens.
    mutating func kill(_ pid: ProcessID, reason: ExitReason) {
        processes[pid].leaving = true
        let files = processes[pid].mappings.compactMap(\.kind.file)
        for mapping in processes[pid].mappings { unmap(pid, mapping) }
        processes[pid].mappings = []
        for file in files { fileUsersChanged(file) }
        processes[pid].sessionCopies = [:]
        freeTables(pid)
        processes[pid].state = .done(reason)
        for file in files { releaseLocks(pid, file: file) }
        for file in files { wakeWaiters(onFile: file, because: "\(name(pid)) is gone") }
        discardTranslationsElsewhere(pid)
    }

    /// Removes every page of a mapping from a process's page table, TLB and the reverse maps.
    mutating func unmap(_ pid: ProcessID, _ mapping: Mapping) {
        var dropped = 0
        for page in mapping.pages {
            guard let entry = processes[pid].pageTable[page] else { continue }
            if let slot = tlb.lookup(asid: pid, page: page) {
                tlb.slots[slot] = nil
                dropped += 1
            }
            if entry.present, let frame = entry.frame {
                detach(pid, page: page, from: frame)
            } else if entry.zeroPage {
                unhash(pid, page: page)
            } else if let slot = entry.swapSlot {
                swap[slot]!.owners.removeAll { $0 == ReverseMapEntry(process: pid, page: page) }
                if swap[slot]!.owners.isEmpty {
                    swap[slot] = nil
                    freeSwapSlots.free(slot)
                }
            }
            processes[pid].pageTable[page] = nil
        }
        if dropped > 0 {
            count(\.tlbShootdowns, pid, by: dropped)
            cpus[cpu].counters.tlbShootdowns += dropped
            emit(
                Event(
                    .tlbShootdown, process: pid,
                    "\(onCPU(cpu))\(dropped == 1 ? "1 TLB entry" : "\(dropped) TLB entries") for \(name(pid))'s unmapped \(pageRange(mapping.firstPage, mapping.pageCount)) \(dropped == 1 ? "is" : "are") invalidated."
                ))
        }
        if !processes[pid].leaving {
            shootDownUnmapped(pid, mapping, why: "\(name(pid)) unmapped \(pageRange(mapping.firstPage, mapping.pageCount))")
        }
    }
}
