/// The frames a replacement may take now: each whose page has somewhere to go and that the
/// operation under way has not pinned, and under local replacement only the faulting process's
/// own. Asked frame by frame, so a policy that finds its victim without looking at every frame
/// (an order, a clock hand) never lists them.
struct VictimCandidates {
    let pinned: [FrameNumber]
    /// Whether swap has a free slot, asked once per choice: a scan of swap for every candidate
    /// made a full machine with a large swap quadratic.
    let swapHasRoom: Bool
    /// Under local replacement, the process whose own frames (those it loaded) are the candidates.
    let owner: ProcessID?

    /// Whether `frame` may be evicted now.
    @inline(__always) func contains(_ frame: FrameNumber, in machine: Machine) -> Bool {
        if let owner, machine.frames[frame].owner != owner { return false }
        // Fields read in place: a copy of the frame would retain its words and reverse map.
        let content = machine.frames[frame].content
        if content == .free || pinned.contains(frame) { return false }
        if case .pageTable = content { return false }
        if !content.needsSwap { return true }
        if case .anonymous = content, !machine.frames[frame].dirty { return true }
        return swapHasRoom
    }

    /// Every candidate, ascending: for the policies that weigh them all (OPT, random).
    func list(in machine: Machine) -> [FrameNumber] {
        var found: [FrameNumber] = []
        found.reserveCapacity(machine.frames.count)
        for frame in machine.frames.indices where contains(frame, in: machine) { found.append(frame) }
        return found
    }
}

/// Page replacement: which frame a full memory gives up, and what giving it up costs.
extension Machine {
    /// The policy's victim and a sentence saying why it was chosen; under local replacement,
    /// `owner` is the process whose own frames are the candidates.
    mutating func chooseVictim(pinned: [FrameNumber], owner: ProcessID?) -> (FrameNumber, String)? {
        let candidates = VictimCandidates(pinned: pinned, swapHasRoom: !freeSwapSlots.isEmpty, owner: owner)
        evictionOrder.prepareForChoice(frames)
        return configuration.replacement.rule.victim(in: &self, among: candidates)
    }

    /// The first candidate in the policy's eviction order: from the kept order, or by comparing
    /// the candidates while the order waits to be rebuilt.
    func firstInEvictionOrder(_ candidates: VictimCandidates) -> FrameNumber? {
        guard let key = evictionOrder.key, evictionOrder.isStale else {
            return evictionOrder.first(of: candidates.owner) { candidates.contains($0, in: self) }
        }
        var best: (key: EvictionOrder.Key, frame: FrameNumber)?
        for frame in frames.indices where candidates.contains(frame, in: self) {
            // Ascending frames: a tie keeps the lower.
            let rank = key(frames[frame].ranks)
            if best.map({ rank < $0.key }) ?? true { best = (rank, frame) }
        }
        return best?.frame
    }

    /// Takes a change to a frame (its use, dirty or referenced bit, load or release) into the
    /// policy's index of the frames: its eviction order, or WSClock's stops. (OPT's index changes
    /// with a frame's content and users, and is told of those itself: `reindexNextUse`.)
    @inline(__always) mutating func reorder(_ frame: FrameNumber) {
        if evictionOrder.isKept { evictionOrder.update(frame, frames[frame].ranks) }
        if sweepStops.isKept { sweepStops.update(frame, frames[frame].ranks) }
        if insertionQueue.isKept { insertionQueue.update(frame, frames[frame].ranks) }
    }

    /// What the frames pane shows of each frame under the machine's replacement policy.
    public var policyView: PolicyView { configuration.replacement.rule.view(of: self) }
    /// What follows the policy's name in the frames pane's title (Clock's hand), as its rule says.
    public var policyTitleNote: String { configuration.replacement.rule.titleNote(self) }

    /// The frame under the clock hand, as the hand moves on past it (Clock, GCLOCK, WSClock).
    mutating func advanceClockHand() -> FrameNumber {
        let hand = clockHand
        // A wrap, not a remainder: the division was a third of a WSClock sweep.
        clockHand = hand + 1 == frames.count ? 0 : hand + 1
        return hand
    }

    mutating func clearReferenced(_ frame: FrameNumber) {
        frames[frame].referenced = false
        reorder(frame)
        for mapper in frames[frame].mappers { processes[mapper.process].pageTable[mapper.page]!.referenced = false }
    }

    /// OPT's look into the future: how many of its own operations until some user of the frame touches it.
    public func nextUse(of frame: FrameNumber) -> Int {
        var nearest = Int.max
        forEachUser(of: frame) { process, page in
            let from = processes[process].programCounter
            if let use = futureUses[process].nextUse(of: page, from: from) { nearest = min(nearest, use - from) }
        }
        return nearest
    }

    /// Each process (not done) that may touch the frame next, and at which of its pages: those in
    /// its reverse map and, for a page-cache page, every process that maps that file page (which
    /// includes those in its reverse map: a process maps a file's page only through its mapping).
    func forEachUser(of frame: FrameNumber, _ body: (ProcessID, VirtualPageNumber) -> Void) {
        guard case let .filePage(file, filePage) = frames[frame].content else {
            for user in frames[frame].mappers where !processes[user.process].state.isDone { body(user.process, user.page) }
            return
        }
        // By index, reading fields in place: a copy of each process would retain its script,
        // page table and mappings.
        for process in processes.indices where !processes[process].state.isDone {
            for mapping in processes[process].mappings where mapping.kind.file == file && filePage < mapping.pageCount {
                body(process, mapping.firstPage + filePage)
            }
        }
    }

    /// Frees a frame: a dirty file page goes to disk, a private page to swap, every mapper loses it.
    /// `why` opens the explanation ("Memory is full: LRU evicts ...").
    mutating func evict(_ frame: FrameNumber, for pid: ProcessID, why: String) {
        let held = frames[frame]
        count(\.evictions, pid)
        // One event per eviction; a clean anonymous page has nowhere to go, and the same event says so.
        let dropped =
            if case .anonymous = held.content, !held.dirty {
                " The page was never written, so it is simply dropped; touching it again gives a fresh zero-filled page."
            } else { "" }
        emit(
            Event(
                .eviction, process: pid, frame: frame,
                "\(why): frame \(frame), holding \(describe(held.content))\(held.dirty ? " (dirty)" : "").\(dropped)"))
        var slot: SwapSlotNumber?
        switch held.content {
        case let .filePage(file, filePage):
            if held.dirty {
                files[file].pages[filePage] = held.words
                count(\.writeBacks, pid)
                count(\.diskWrites, pid)
                emit(
                    Event(
                        .writeBack, process: pid, frame: frame, file: file, filePage: filePage,
                        "Write-back: frame \(frame) is dirty, so page \(filePage) of \(fileName(file)) is written to disk before the frame is reused."
                    ))
            }
            files[file].pageCache[filePage] = nil
        case .anonymous where !held.dirty:
            break
        case .anonymous, .privateCopy, .sessionCopy:
            let free = freeSwapSlots.lowest!
            slot = free
            swap[free] = SwapSlot(content: held.content, words: held.words, owners: held.mappers)
            freeSwapSlots.take(free)
            count(\.swapOuts, pid)
            emit(
                Event(
                    .swapOut, process: pid, frame: frame, swapSlot: free,
                    "Swap-out: \(describe(held.content)) has no file to go back to, so it is written to swap slot \(free)."))
        case .free, .pageTable:
            break
        }
        if lists.isKept { lists.evicted(frame) }
        for mapper in held.mappers {
            unhash(mapper.process, page: mapper.page)
            var entry = processes[mapper.process].pageTable[mapper.page]!
            entry.present = false
            entry.frame = nil
            entry.swapSlot = slot
            entry.referenced = false
            entry.dirty = false
            if slot == nil, case .anonymous = held.content {
                processes[mapper.process].pageTable[mapper.page] = nil
            } else {
                processes[mapper.process].pageTable[mapper.page] = entry
            }
            shootDown(mapper.process, page: mapper.page, why: "frame \(frame) no longer holds that page")
        }
        freeFrame(frame)
    }
}
