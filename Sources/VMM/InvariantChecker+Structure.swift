// MARK: Structure

extension InvariantChecker {
    /// Reverse maps, page tables, the page cache, swap, the TLB, locks and counters agree.
    public static func structuralProblems(_ machine: Machine) -> [String] {
        var problems: [String] = []
        let say = { (text: String) in problems.append(text) }
        processesProblems(machine, say)
        framesProblems(machine, say)
        filesProblems(machine, say)
        indexesProblems(machine, say)
        swapProblems(machine, say)
        tlbsProblems(machine, say)
        invertedTableProblems(machine, say)
        countersProblems(machine, say)
        return problems
    }

    /// Each process's page table entries, waits, page tables.
    private static func processesProblems(_ machine: Machine, _ say: (String) -> Void) {
        for process in machine.processes {
            for page in process.sortedPages {
                let entry = process.pageTable[page]!
                let at = "\(process.name)'s page \(hex(page))"
                if process.mapping(containing: page) == nil { say("\(at) has an entry but no mapping") }
                if entry.zeroPage {
                    zeroPageProblems(machine, entry, at: at, anonymous: process.mapping(containing: page)?.kind == .anonymous, say)
                } else if entry.present {
                    guard let frame = entry.frame, machine.frames.indices.contains(frame) else {
                        say("\(at) is present with no frame"); continue
                    }
                    if !machine.frames[frame].mappers.contains(ReverseMapEntry(process: process.id, page: page)) {
                        say("\(at) maps frame \(frame), whose reverse map does not list it")
                    }
                    if entry.swapSlot != nil { say("\(at) is both present and in swap") }
                    if entry.dirty && !machine.frames[frame].dirty { say("\(at) is dirty but frame \(frame) is clean") }
                    if entry.referenced && !machine.frames[frame].referenced { say("\(at) is referenced but frame \(frame) is not") }
                    if entry.writable && entry.sharing == .copyOnWrite { say("\(at) is copy-on-write yet writable") }
                    if writeNotifyProtects(machine), entry.sharing == .shared, entry.writable,
                        case .filePage = machine.frames[frame].content,
                        !machine.frames[frame].dirty
                    {
                        say("\(at) is writable while its page is clean, which write-notify forbids: its next write would go unnoticed")
                    }
                    if case .filePage(let file, _) = machine.frames[frame].content, entry.writable,
                        machine.configuration.sharing.usesSessionCopies || process.mapping(containing: page)?.kind == .file(file, .private)
                    {
                        say("\(at) may write the page-cache frame \(frame) directly, which its policy forbids")
                    }
                } else if let slot = entry.swapSlot {
                    if entry.frame != nil { say("\(at) is in swap but names a frame") }
                    if machine.swap[slot]?.owners.contains(ReverseMapEntry(process: process.id, page: page)) != true {
                        say("\(at) points to swap slot \(slot), which does not list it")
                    }
                }
            }
            if case .blocked(let reason) = process.state {
                switch reason {
                case let .writeLock(file, page, holder):
                    if machine.files[file].writeLocks[page] != holder {
                        say("\(process.name) waits for a lock \(machine.name(holder)) does not hold")
                    }
                case let .orderedClose(file, until):
                    if machine.processes[until].mappingIndex(ofFile: file) == nil || machine.processes[until].state.isDone {
                        say("\(process.name) waits for \(machine.name(until)) to close a file it has already closed")
                    }
                }
            }
            if process.state.isDone && (!process.mappings.isEmpty || !process.pageTable.isEmpty || !process.tablePages.isEmpty) {
                say("\(process.name) is done but still has mappings or page tables")
            }
            for (key, frame) in process.tablePages
            where machine.frames[frame].content != .pageTable(owner: process.id, level: key.level, prefix: key.prefix) {
                say("\(process.name)'s level-\(key.level) table is said to be in frame \(frame), which holds something else")
            }
            if !machine.configuration.pageTableLevels.isEmpty {
                for page in process.sortedPages where machine.tablePath(page).contains(where: { process.tablePages[$0.key] == nil }) {
                    say("\(process.name)'s page \(hex(page)) has an entry but its page tables do not all exist")
                }
            }
        }
    }

    /// Each frame's reverse map and content.
    private static func framesProblems(_ machine: Machine, _ say: (String) -> Void) {
        for (number, frame) in machine.frames.enumerated() {
            if frame.isFree {
                if !frame.mappers.isEmpty { say("free frame \(number) has mappers") }
                continue
            }
            for mapper in frame.mappers {
                let entry = machine.processes[mapper.process].pageTable[mapper.page]
                if entry?.present != true || entry?.frame != number {
                    say(
                        "frame \(number)'s reverse map lists \(machine.name(mapper.process))'s page \(hex(mapper.page)), which does not map it"
                    )
                }
            }
            if frame.mappers != frame.mappers.sorted() { say("frame \(number)'s reverse map is out of order") }
            switch frame.content {
            case let .filePage(file, page):
                if machine.files[file].pageCache[page] != number {
                    say("frame \(number) holds page \(page) of \(machine.fileName(file)) but the page cache does not point to it")
                }
            case .sessionCopy(let owner, _, _):
                if frame.mappers.map(\.process) != [owner] {
                    say("frame \(number) is \(machine.name(owner))'s own copy but is mapped by others")
                }
            case .anonymous, .privateCopy:
                if frame.mappers.isEmpty { say("private frame \(number) is mapped by nobody and was not freed") }
            case let .pageTable(owner, level, prefix):
                if machine.processes[owner].tablePages[TableKey(level: level, prefix: prefix)] != number {
                    say("frame \(number) holds a page table \(machine.name(owner)) does not know of")
                }
                if !frame.mappers.isEmpty { say("page-table frame \(number) is mapped as data") }
            case .free:
                break
            }
        }
    }

    /// The page cache and the write locks.
    private static func filesProblems(_ machine: Machine, _ say: (String) -> Void) {
        for file in machine.files {
            for (page, frame) in file.pageCache where machine.frames[frame].content != .filePage(file: file.id, page: page) {
                say("the page cache says page \(page) of \(file.name) is in frame \(frame), which holds something else")
            }
            for (page, holder) in file.writeLocks where machine.processes[holder].mappingIndex(ofFile: file.id) == nil {
                say("\(machine.name(holder)) holds the lock on page \(page) of \(file.name) without having the file open")
            }
        }
    }

    /// The indexes kept beside the frames: free bitmaps, the eviction order, OPT's heaps, the frames each process holds, WSClock's stops.
    private static func indexesProblems(_ machine: Machine, _ say: (String) -> Void) {
        // The bitmaps of free swap slots and free frames against the slots and frames themselves.
        for (what, counted, free) in [
            ("swap slots", machine.freeSwapSlots, machine.swap.indices.filter { machine.swap[$0] == nil }),
            ("frames", machine.freeFrames, machine.frames.indices.filter { machine.frames[$0].isFree }),
        ] where counted.count != free.count || counted.lowest != free.first {
            say(
                "the free \(what) are counted as \(counted.count) (lowest \(counted.lowest.map(String.init) ?? "none")) but \(free.count) are free (lowest \(free.first.map(String.init) ?? "none"))"
            )
        }
        // The kept eviction order against the frames: every data frame in it, at its current rank.
        if let key = machine.evictionOrder.key, !machine.evictionOrder.isStale {
            var expected = 0
            for frame in machine.frames.indices {
                let placed = machine.evictionOrder.key(of: frame)
                switch machine.frames[frame].content {
                case .free, .pageTable:
                    if placed != nil { say("frame \(frame) holds no data but is in the eviction order") }
                default:
                    expected += 1
                    if placed != key(machine.frames[frame].ranks) {
                        say(
                            "frame \(frame) is ranked \(placed.map { "\($0)" } ?? "nowhere") in the eviction order, not \(key(machine.frames[frame].ranks))"
                        )
                    }
                }
            }
            if machine.evictionOrder.count != expected || !machine.evictionOrder.isHeapOrdered {
                say(
                    "the eviction order holds \(machine.evictionOrder.count) frames (heap-ordered: \(machine.evictionOrder.isHeapOrdered)), not \(expected)"
                )
            }
        }
        // OPT's index against the frames: each frame filed where its content and users say, at
        // its page's next use from where its users stand now.
        if machine.nextUses.isKept {
            let index = machine.nextUses
            var indexed = 0
            var neverUsed = Array(repeating: 0, count: machine.processes.count + 1)
            for frame in machine.frames.indices {
                let expected = machine.nextUseEntry(frame)
                let entry = index.entries[frame]
                if let expected {
                    indexed += 1
                    neverUsed[expected.heap] += expected.use == .max ? 1 : 0
                    if entry != expected { say("frame \(frame) is indexed for OPT as \(entry), not \(expected)") }
                } else if entry.isIndexed {
                    say("frame \(frame) is in next-use heap \(entry.heap) but holds no data")
                }
            }
            if index.indexedCount != indexed || !index.isHeapOrdered || index.neverUsedAgain != neverUsed {
                say(
                    "OPT's heaps hold \(index.indexedCount) frames (in order: \(index.isHeapOrdered)), never used again \(index.neverUsedAgain), not \(indexed) and \(neverUsed)"
                )
            }
        }
        for (pid, owned) in machine.framesOwned.enumerated() {
            let held = machine.frames.indices.filter { !machine.frames[$0].isFree && machine.frames[$0].owner == pid }
            if owned.count != held.count || held.contains(where: { !owned.contains($0) }) {
                say("\(machine.name(pid)) is counted as holding \(owned.count) frames, not \(held.count) (\(held))")
            }
        }
        if machine.sweepStops.isKept {
            for frame in machine.frames.indices
            where machine.sweepStops.frames.contains(frame) != SweepStops.isStop(machine.frames[frame].ranks) {
                say(
                    "WSClock's hand would \(machine.sweepStops.frames.contains(frame) ? "stop at" : "pass") frame \(frame), not the other way"
                )
            }
        }
        if machine.insertionQueue.isKept {
            // SIEVE's queue: every page in it once, in load order, and nothing else current.
            let keys = machine.insertionQueue.keys
            if zip(keys, keys.dropFirst()).contains(where: { $0 >= $1 }) { say("SIEVE's queue is not in load order") }
            let current = Set(keys.filter(machine.insertionQueue.isCurrent))
            let held = Set(
                machine.frames.indices.filter { machine.frames[$0].holdsData }.map {
                    InsertionQueue.key(loadedAt: machine.frames[$0].loadedAt, frame: $0)
                })
            if current != held { say("SIEVE's queue does not hold exactly the frames holding pages") }
        }
        if machine.lists.isKept {
            // A list policy's lists: every frame holding a page in exactly one, under its own page;
            // each list's links agree with its count; no ghost queue over its size.
            let state = machine.lists
            var listed = 0
            for list in state.lists.counts.indices {
                let frames = state.lists.frames(in: list)
                if frames.count != state.lists.counts[list] {
                    say("list \(list) links \(frames.count) frames but counts \(state.lists.counts[list])")
                }
                listed += frames.count
            }
            for frame in machine.frames.indices {
                let holds = machine.frames[frame].holdsData
                if holds != (state.lists.list(of: frame) != nil) {
                    say("frame \(frame) \(holds ? "holds a page but is in no list" : "is in a list but holds no page")")
                }
                if holds, state.pages[frame] != machine.frames[frame].content {
                    say("frame \(frame)'s list entry names another page than the one it holds")
                }
            }
            if listed != machine.frames.filter(\.holdsData).count {
                say("the lists hold \(listed) frames, not every frame holding a page once")
            }
            for ghost in state.ghosts where ghost.count > ghost.capacity {
                say("a ghost queue holds \(ghost.count) pages, over its \(ghost.capacity)")
            }
        }
    }

    /// Each swap slot's owners.
    private static func swapProblems(_ machine: Machine, _ say: (String) -> Void) {
        for (number, slot) in machine.swap.enumerated() {
            guard let slot else { continue }
            if slot.owners.isEmpty { say("swap slot \(number) is used by nobody") }
            for owner in slot.owners where machine.processes[owner.process].pageTable[owner.page]?.swapSlot != number {
                say("swap slot \(number) lists \(machine.name(owner.process))'s page \(hex(owner.page)), which does not point to it")
            }
        }
    }

    /// Each CPU's TLB entries against the page tables.
    private static func tlbsProblems(_ machine: Machine, _ say: (String) -> Void) {
        for cpu in machine.cpus {
            let which = machine.cpus.count == 1 ? "" : "CPU \(cpu.id)'s "
            for (number, entry) in cpu.tlb.slots.enumerated() {
                guard let entry else { continue }
                let pte = machine.processes[entry.asid].pageTable[entry.page]
                let dead = machine.processes[entry.asid].state.isDone
                // A stale entry is allowed only where a shootdown has not reached yet: nowhere under
                // eager; under lazy, on a CPU that owes this address space a flush; anywhere without
                // shootdowns (each use is then a stale-TLB event); and for an exited process, whose
                // translations nobody can use again.
                let staleAllowed =
                    dead || machine.configuration.shootdown == .none && machine.cpus.count > 1 || cpu.deferredFlushes.contains(entry.asid)
                if pte?.present != true || pte?.frame != entry.frame {
                    if !staleAllowed {
                        say(
                            "\(which)TLB entry \(number) maps \(machine.name(entry.asid))'s page \(hex(entry.page)) to frame \(entry.frame), which it no longer occupies"
                        )
                    }
                } else if entry.writable && pte?.writable != true && !staleAllowed {
                    say("\(which)TLB entry \(number) allows writes its page table entry forbids")
                }
                if cpu.tlb.set(of: entry.page) != number / machine.configuration.tlb.waysPerSet {
                    say("\(which)TLB entry \(number) is in the wrong set")
                }
                if !cpu.asidOwners.isEmpty && !cpu.asidOwners.contains(entry.asid) {
                    say(
                        "\(which)TLB holds \(machine.name(entry.asid))'s page \(hex(entry.page)), but \(machine.name(entry.asid)) has none of the CPU's \(cpu.asidOwners.count) address-space ids: its entries should have gone with its id"
                    )
                }
                if !dead && !machine.processes[entry.asid].cpuMask.contains(cpu.id) {
                    say(
                        "\(which)TLB holds \(machine.name(entry.asid))'s page \(hex(entry.page)), but \(machine.name(entry.asid))'s CPU mask leaves CPU \(cpu.id) out: a shootdown would miss it"
                    )
                }
            }
        }
    }

    /// The inverted page table: exactly the present translations, each in its bucket.
    private static func invertedTableProblems(_ machine: Machine, _ say: (String) -> Void) {
        if machine.configuration.invertedPageTable {
            // The inverted table holds exactly the present translations, each in its bucket.
            var hashed = Set<ReverseMapEntry>()
            for (bucket, chain) in machine.hashChains.enumerated() {
                for entry in chain {
                    if machine.configuration.hashBucket(process: entry.process, page: entry.page) != bucket {
                        say("inverted table entry in the wrong bucket")
                    }
                    if !hashed.insert(entry).inserted {
                        say("\(machine.name(entry.process))'s page \(hex(entry.page)) is in the inverted table twice")
                    }
                }
            }
            let present = Set(
                machine.processes.flatMap { process in
                    process.pageTable.filter { $0.value.present }.keys.map { ReverseMapEntry(process: process.id, page: $0) }
                })
            if hashed != present { say("the inverted page table does not hold exactly the present pages") }
        }
    }

    /// The counters: per process and per CPU add up; deferred flushes only under lazy shootdowns.
    private static func countersProblems(_ machine: Machine, _ say: (String) -> Void) {
        var sum = Counters()
        for process in machine.processes { sum = sum.adding(process.counters) }
        if sum != machine.counters { say("per-process counters do not add up to the totals") }
        let perCPU = machine.cpus.map(\.counters)
        let c = machine.counters
        if perCPU.map(\.ipis).reduce(0, +) != c.ipis || perCPU.map(\.tlbShootdowns).reduce(0, +) != c.tlbShootdowns
            || perCPU.map(\.staleTLBUses).reduce(0, +) != c.staleTLBUses || perCPU.map(\.contextSwitches).reduce(0, +) != c.contextSwitches
        {
            say("per-CPU counters do not add up to the totals")
        }
        if ![.lazy, .linux].contains(machine.configuration.shootdown) || machine.cpus.count == 1,
            machine.cpus.contains(where: { !$0.deferredFlushes.isEmpty })
        {
            say("a CPU owes a deferred flush, but shootdowns are not lazy")
        }
        if !machine.batchedFlushes.isEmpty { say("a batched TLB flush was left unsent at the end of the step") }
    }
}
