/// Page faults: bringing pages in, and making them writable.
extension Machine {
    /// Brings a page into a frame. Returns false if the process was killed because memory ran out.
    mutating func pageIn(_ pid: ProcessID, page: VirtualPageNumber, mapping: Mapping, writing: Bool = false) -> Bool {
        guard ensureTables(pid, page: page) else { return false }
        if let slot = processes[pid].pageTable[page]?.swapSlot, let held = swap[slot] {
            return swapIn(pid, page: page, from: slot, held)
        }
        switch mapping.kind {
        case .anonymous:
            if configuration.kernel.zeroPage && !writing { return mapZeroPage(pid, page: page) }
            return zeroFill(pid, page: page)
        case let .file(file, mode):
            guard mapFilePage(pid, page: page, of: file, mode: mode, mapping: mapping, writing: writing) else { return false }
            if !writing { faultAround(pid, page: page, mapping: mapping) }
            return true
        }
    }

    /// A major fault on a page in swap: read back into a frame, into every page table that shared it.
    private mutating func swapIn(_ pid: ProcessID, page: VirtualPageNumber, from slot: SwapSlotNumber, _ held: SwapSlot) -> Bool {
        let who = name(pid)
        count(\.majorFaults, pid)
        emit(
            Event(
                .majorFault, process: pid, page: page, swapSlot: slot,
                "Major page fault: \(who)'s page \(hex(page)) is in swap slot \(slot) and must be read back from the swap device."))
        guard let frame = obtainFrame(for: pid, pinned: [], incoming: held.content) else { return outOfMemory(pid) }
        load(frame, with: held.content, words: held.words, dirty: true, owner: pid)
        for owner in held.owners {
            processes[owner.process].pageTable[owner.page]!.swapSlot = nil
            attach(owner.process, page: owner.page, to: frame)
            processes[owner.process].pageTable[owner.page]!.dirty = true
        }
        swap[slot] = nil
        freeSwapSlots.free(slot)
        count(\.swapIns, pid)
        let sharers =
            held.owners.count > 1
            ? " (and into every page table that shared it: \(held.owners.map { name($0.process) }.joined(separator: ", ")))" : ""
        emit(
            Event(
                .swapIn, process: pid, page: page, frame: frame, swapSlot: slot,
                "Swap-in: slot \(slot) is read into frame \(frame)\(sharers) and freed; the page is dirty again, since it has no copy anywhere else now."
            ))
        return true
    }

    /// A minor fault on an anonymous page never saved: a zero-filled frame. `why`: the fault's
    /// sentence, when it is not the textbook's first touch.
    mutating func zeroFill(_ pid: ProcessID, page: VirtualPageNumber, why: String? = nil) -> Bool {
        let who = name(pid)
        count(\.minorFaults, pid)
        emit(
            Event(
                .minorFault, process: pid, page: page,
                why
                    ?? "Minor page fault: \(who)'s anonymous page \(hex(page)) has no saved contents; the kernel gives it a zero-filled frame (no disk I/O)."
            ))
        guard let frame = obtainFrame(for: pid, pinned: [], incoming: .anonymous(owner: pid, page: page)) else { return outOfMemory(pid) }
        load(frame, with: .anonymous(owner: pid, page: page), words: nil, dirty: false, owner: pid)
        var entry = processes[pid].pageTable[page] ?? PageTableEntry()
        entry.writable = true
        entry.sharing = .private
        entry.zeroPage = false
        processes[pid].pageTable[page] = entry
        attach(pid, page: page, to: frame)
        emit(Event(.map, process: pid, page: page, frame: frame, "\(who)'s page \(hex(page)) now maps frame \(frame)."))
        return true
    }

    /// A fault on a file page: minor if it is in the page cache, major (a disk read) if not; then
    /// mapped as the mapping's mode and the sharing policy allow.
    private mutating func mapFilePage(
        _ pid: ProcessID, page: VirtualPageNumber, of file: FileID, mode: MappingMode, mapping: Mapping, writing: Bool
    ) -> Bool {
        let who = name(pid)
        let filePage = mapping.filePage(of: page)
        let frame: FrameNumber
        if let cached = files[file].pageCache[filePage] {
            frame = cached
            count(\.minorFaults, pid)
            emit(
                Event(
                    .minorFault, process: pid, page: page, frame: frame, file: file, filePage: filePage,
                    "Minor page fault: page \(filePage) of \(fileName(file)) is already in the page cache in frame \(frame)\(sharersNote(frame)); \(who) just maps it (no disk I/O)."
                ))
        } else {
            count(\.majorFaults, pid)
            emit(
                Event(
                    .majorFault, process: pid, page: page, file: file, filePage: filePage,
                    "Major page fault: page \(filePage) of \(fileName(file)) is not in memory and must be read from disk."))
            guard let free = obtainFrame(for: pid, pinned: [], incoming: .filePage(file: file, page: filePage)) else {
                return outOfMemory(pid)
            }
            frame = free
            load(frame, with: .filePage(file: file, page: filePage), words: files[file].pages[filePage], dirty: false, owner: pid)
            files[file].pageCache[filePage] = frame
            count(\.diskReads, pid)
            let around = readAround(file, page: filePage, for: pid)
            emit(
                Event(
                    .diskRead, process: pid, frame: frame, file: file, filePage: filePage,
                    around.isEmpty
                        ? "Disk read: page \(filePage) of \(fileName(file)) is loaded into frame \(frame) and enters the page cache."
                        : "Disk read with readahead: one read brings page \(filePage) of \(fileName(file)) into frame \(frame) and "
                            + around.map { "page \($0.page) into frame \($0.frame)" }.joined(separator: ", ")
                            + "; all enter the page cache, unmapped until touched."
                ))
        }
        var entry = processes[pid].pageTable[page] ?? PageTableEntry()
        setPermissions(&entry, mode: mode, file: file, filePage: filePage, pid: pid, writing: writing)
        processes[pid].pageTable[page] = entry
        attach(pid, page: page, to: frame)
        return true
    }

    /// A file page table entry's sharing and write permission as the mapping's mode and the
    /// sharing policy give them. Under write-notify a shared page is writable only when mapped
    /// for a write (the fault that marks it dirty: `do_shared_fault`); a read maps it read-only.
    func setPermissions(
        _ entry: inout PageTableEntry, mode: MappingMode, file: FileID, filePage: Int, pid: ProcessID, writing: Bool
    ) {
        switch mode {
        case .private:
            entry.writable = false
            entry.sharing = .copyOnWrite
        case .shared:
            entry.sharing = .shared
            switch configuration.sharing {
            case .sharedCopy: entry.writable = !configuration.kernel.writeNotify || writing
            case .exclusiveLock: entry.writable = files[file].writeLocks[filePage] == pid
            case .privateCopies, .versioned: entry.writable = false
            }
        }
    }

    func sharersNote(_ frame: FrameNumber) -> String {
        let others = frames[frame].mappers
        guard !others.isEmpty else { return "" }
        return ", where " + others.map { "\(name($0.process)) maps it at page \(hex($0.page))" }.joined(separator: " and ")
    }

    /// A write to a read-only page: copy on write, take the write lock, or make a session copy.
    /// `sameFault`: the page came in for this very write, and Linux reads and copies a private
    /// file page in one fault (`do_cow_fault`): no second trap, and the copy is not counted apart.
    mutating func makeWritable(_ pid: ProcessID, page: VirtualPageNumber, mapping: Mapping, sameFault: Bool = false) -> Outcome {
        let entry = processes[pid].pageTable[page]!
        if entry.zeroPage {
            replaceZeroPage(pid, page: page)
            return .completed
        }
        let frame = entry.frame!
        if !sameFault {
            count(\.protectionFaults, pid)
            emit(Event(.protectionFault, process: pid, page: page, frame: frame, protectionFaultSentence(pid, page: page, entry: entry)))
        }
        switch entry.sharing {
        case .copyOnWrite: return copyOnWrite(pid, page: page, frame: frame, mapping: mapping, counted: !sameFault)
        case .shared:
            guard case .file(let file, _) = mapping.kind else { return .completed }
            return writeShared(pid, page: page, frame: frame, file: file, filePage: mapping.filePage(of: page))
        case .private:
            processes[pid].pageTable[page]!.writable = true
            return .completed
        }
    }

    /// A write to a copy-on-write page: the last user just gets it writable; otherwise a copy.
    private mutating func copyOnWrite(
        _ pid: ProcessID, page: VirtualPageNumber, frame: FrameNumber, mapping: Mapping, counted: Bool
    ) -> Outcome {
        let who = name(pid)
        let content = frames[frame].content
        let soleUser =
            frames[frame].mappers.count == 1 && content != .filePage(file: mapping.kind.file ?? -1, page: mapping.filePage(of: page))
        if soleUser {
            processes[pid].pageTable[page]!.writable = true
            processes[pid].pageTable[page]!.sharing = .private
            emit(
                Event(
                    .copyOnWrite, process: pid, page: page, frame: frame,
                    "Copy-on-write: \(who) is the last process mapping frame \(frame), so no copy is needed; the page just becomes writable."
                ))
            shootDown(pid, page: page, why: "its permission changed")
            return .completed
        }
        let copyContent: FrameContent
        switch content {
        case let .filePage(file, filePage), let .privateCopy(_, file, filePage), let .sessionCopy(_, file, filePage):
            copyContent = .privateCopy(owner: pid, file: file, page: filePage)
        case .anonymous, .free, .pageTable:
            copyContent = .anonymous(owner: pid, page: page)
        }
        guard let copy = copyFrame(frame, into: copyContent, for: pid, page: page) else {
            _ = outOfMemory(pid)
            return .completed
        }
        if counted { count(\.minorFaults, pid) }
        let when = counted ? "" : " in the same fault that read it (Linux's do_cow_fault: one fault, not two)"
        emit(
            Event(
                .copyOnWrite, process: pid, page: page, frame: copy,
                "Copy-on-write: frame \(frame) is shared, so the kernel copies it into frame \(copy) for \(who) alone\(when); the write goes to the copy."
            ))
        return .completed
    }

    /// A write to a shared file mapping, as the sharing policy has it: straight to the page
    /// cache, under the page's exclusive lock (or blocked waiting for it), or to a session copy.
    private mutating func writeShared(
        _ pid: ProcessID, page: VirtualPageNumber, frame: FrameNumber, file: FileID, filePage: Int
    ) -> Outcome {
        let who = name(pid)
        switch configuration.sharing {
        case .sharedCopy:
            processes[pid].pageTable[page]!.writable = true
        case .exclusiveLock:
            if let holder = files[file].writeLocks[filePage], holder != pid {
                count(\.lockWaits, pid)
                processes[pid].state = .blocked(.writeLock(file: file, filePage: filePage, holder: holder))
                emit(
                    Event(
                        .lockWait, process: pid, otherProcess: holder, page: page, file: file, filePage: filePage,
                        "Lock wait: \(name(holder)) holds the write lock on page \(filePage) of \(fileName(file)); \(who) blocks until \(name(holder)) closes the file."
                    ))
                return .blocked
            }
            files[file].writeLocks[filePage] = pid
            processes[pid].pageTable[page]!.writable = true
            emit(
                Event(
                    .lockAcquired, process: pid, page: page, file: file, filePage: filePage,
                    "\(who) takes the exclusive write lock on page \(filePage) of \(fileName(file)); any other writer of this page must wait until \(who) closes the file."
                ))
            shootDown(pid, page: page, why: "its permission changed")
        case .privateCopies, .versioned:
            let snapshot = frames[frame].words
            guard let copy = copyFrame(frame, into: .sessionCopy(owner: pid, file: file, page: filePage), for: pid, page: page) else {
                _ = outOfMemory(pid)
                return .completed
            }
            processes[pid].sessionCopies[FilePageKey(file: file, page: filePage)] = SessionCopy(
                snapshot: snapshot, changed: Array(repeating: false, count: snapshot.count), takenAt: tick,
                baseVersion: files[file].currentVersion)
            count(\.minorFaults, pid)
            let when =
                configuration.sharing == .versioned
                ? "at close its changes are merged into a new version of the file"
                : "only the words it changes are written back when it closes"
            emit(
                Event(
                    .privateCopy, process: pid, page: page, frame: copy, file: file, filePage: filePage,
                    "\(who) gets its own copy of page \(filePage) of \(fileName(file)) in frame \(copy); \(when)."))
        }
        return .completed
    }

    /// Gives `pid` its own copy of `frame` at `page`; nil when no frame can be had.
    mutating func copyFrame(_ frame: FrameNumber, into content: FrameContent, for pid: ProcessID, page: VirtualPageNumber) -> FrameNumber? {
        guard let copy = obtainFrame(for: pid, pinned: [frame], incoming: content) else { return nil }
        load(copy, with: content, words: frames[frame].words, dirty: false, owner: pid)
        detach(pid, page: page, from: frame)
        attach(pid, page: page, to: copy)
        processes[pid].pageTable[page]!.writable = true
        processes[pid].pageTable[page]!.sharing = .private
        processes[pid].pageTable[page]!.dirty = false
        shootDown(pid, page: page, why: "the page moved to frame \(copy)")
        return copy
    }

    /// A free frame, or one freed by the replacement policy; nil when nothing can be evicted.
    /// Under local allocation, a process holding its whole allotment replaces one of its own frames.
    /// `incoming` is the page that will enter the frame, for the policies that look for it in their ghost queues.
    mutating func obtainFrame(for pid: ProcessID, pinned: [FrameNumber], incoming: FrameContent? = nil) -> FrameNumber? {
        if lists.isKept, let incoming { configuration.replacement.rule.listArrive(incoming, for: pid, in: &self) }
        if configuration.allocation.scope == .local {
            if framesOwned[pid].count >= allotments[pid], let (victim, why) = chooseVictim(pinned: pinned, owner: pid) {
                evict(
                    victim, for: pid,
                    why:
                        "\(name(pid)) holds all \(plural(allotments[pid], "frame")) of its allotment and replacement is local, so only its own frames are candidates: \(why)"
                )
                return victim
            }
        }
        if let free = freeFrames.lowest { return free }
        guard let (victim, why) = chooseVictim(pinned: pinned, owner: nil) else { return nil }
        evict(victim, for: pid, why: "Memory is full: " + why)
        return victim
    }

    mutating func load(_ frame: FrameNumber, with content: FrameContent, words: [Int]?, dirty: Bool, owner: ProcessID) {
        freeFrames.take(frame)
        if !framesOwned.isEmpty { framesOwned[owner].set(frame, true) }
        frames[frame].owner = owner
        frames[frame].content = content
        frames[frame].words = words ?? Array(repeating: 0, count: configuration.wordsPerPage)
        frames[frame].dirty = dirty
        frames[frame].referenced = false
        frames[frame].loadedAt = tick
        frames[frame].lastUsed = tick
        frames[frame].mappers = []
        frames[frame].lastWriter = nil
        frames[frame].replacementData = configuration.replacement.rule.loadedData(references: counters.references)
        if lists.isKept, frames[frame].holdsData { configuration.replacement.rule.listEnter(frame, in: &self) }
        reorder(frame)
        reindexNextUse(frame)
    }

    /// Points a page table entry at a frame and records it in the frame's reverse map.
    mutating func attach(_ pid: ProcessID, page: VirtualPageNumber, to frame: FrameNumber) {
        processes[pid].pageTable[page, default: PageTableEntry()].present = true
        processes[pid].pageTable[page]!.frame = frame
        let entry = ReverseMapEntry(process: pid, page: page)
        let at = frames[frame].mappers.firstIndex { $0 > entry } ?? frames[frame].mappers.count
        frames[frame].mappers.insert(entry, at: at)
        mappersChanged(frame)
        if configuration.invertedPageTable {
            hashChains[configuration.hashBucket(process: pid, page: page)].insert(entry, at: 0)
        }
    }

    /// Takes a translation out of the inverted page table (its page left memory or was unmapped).
    mutating func unhash(_ pid: ProcessID, page: VirtualPageNumber) {
        guard configuration.invertedPageTable else { return }
        hashChains[configuration.hashBucket(process: pid, page: page)].removeAll { $0 == ReverseMapEntry(process: pid, page: page) }
    }

    /// Empties a frame and counts it free again.
    mutating func freeFrame(_ frame: FrameNumber) {
        if !framesOwned.isEmpty, let owner = frames[frame].owner { framesOwned[owner].set(frame, false) }
        frames[frame] = Frame(wordsPerPage: configuration.wordsPerPage)
        if lists.isKept { lists.removed(frame) }
        freeFrames.free(frame)
        reorder(frame)
        reindexNextUse(frame)
    }

    /// Removes a page's mapping of a frame; a private frame nobody maps any more is freed.
    mutating func detach(_ pid: ProcessID, page: VirtualPageNumber, from frame: FrameNumber) {
        frames[frame].mappers.removeAll { $0 == ReverseMapEntry(process: pid, page: page) }
        unhash(pid, page: page)
        processes[pid].pageTable[page]?.present = false
        processes[pid].pageTable[page]?.frame = nil
        if frames[frame].mappers.isEmpty, frames[frame].content.needsSwap { freeFrame(frame) } else { mappersChanged(frame) }
    }

    /// The faulting process is killed: nothing could be evicted to make room.
    mutating func outOfMemory(_ pid: ProcessID) -> Bool {
        emit(
            Event(
                .outOfMemory, process: pid,
                "Out of memory: every frame holds a page that would need a swap slot, and swap is full; \(name(pid)) is killed."))
        kill(pid, reason: .outOfMemory)
        return false
    }
}
