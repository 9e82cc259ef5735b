/// Page replacement: which frame a full memory gives up, and what giving it up costs.
extension Machine {
    /// Whether a frame can be evicted now (its page has somewhere to go). `swapHasRoom` is asked
    /// once per choice, not once per frame: a scan of swap for every candidate made a full
    /// machine with a large swap quadratic.
    func isEvictable(_ frame: FrameNumber, pinned: [FrameNumber], swapHasRoom: Bool) -> Bool {
        // Fields read in place: a copy of the frame would retain its words and reverse map.
        let content = frames[frame].content
        if content == .free || pinned.contains(frame) { return false }
        if case .pageTable = content { return false }
        if !content.needsSwap { return true }
        if case .anonymous = content, !frames[frame].dirty { return true }
        return swapHasRoom
    }

    /// The policy's victim and a sentence saying why it was chosen.
    mutating func chooseVictim(pinned: [FrameNumber], among allowed: [FrameNumber]?) -> (FrameNumber, String)? {
        let swapHasRoom = !freeSwapSlots.isEmpty
        let candidates = (allowed ?? Array(frames.indices)).filter { isEvictable($0, pinned: pinned, swapHasRoom: swapHasRoom) }
        guard !candidates.isEmpty else { return nil }
        switch configuration.replacement {
        case .fifo:
            let victim = candidates.min { (frames[$0].loadedAt, $0) < (frames[$1].loadedAt, $1) }!
            return (victim, "FIFO evicts the page loaded longest ago (tick \(frames[victim].loadedAt))")
        case .lru:
            let victim = candidates.min { (frames[$0].lastUsed, $0) < (frames[$1].lastUsed, $1) }!
            return (victim, "LRU evicts the page used longest ago (tick \(frames[victim].lastUsed))")
        case .random:
            let victim = candidates[generator.index(below: candidates.count)]
            return (victim, "random replacement picks frame \(victim) (seeded)")
        case .opt, .unopt:
            // OPT: the farthest next use; UNOPT: the nearest. Ties go to the page loaded first.
            let farthest = configuration.replacement == .opt
            let distances = candidates.map { nextUse(of: $0) }
            var best = 0
            for index in candidates.indices.dropFirst() {
                let (d, b) = (distances[index], distances[best])
                let better = farthest ? d > b : d < b
                if better || (d == b && frames[candidates[index]].loadedAt < frames[candidates[best]].loadedAt) { best = index }
            }
            let distance = distances[best]
            let when = distance == .max ? "is never used again" : "is next used \(distance) operations from now"
            return (
                candidates[best],
                farthest
                    ? "OPT evicts the page that \(when), later than any other"
                    : "UNOPT evicts the page that \(when), sooner than any other (the worst choice there is)"
            )
        case .mru:
            let victim = candidates.max { (frames[$0].lastUsed, -$0) < (frames[$1].lastUsed, -$1) }!
            return (victim, "MRU evicts the page used most recently (tick \(frames[victim].lastUsed))")
        case .lfu:
            let victim = candidates.min { (frames[$0].uses, frames[$0].loadedAt, $0) < (frames[$1].uses, frames[$1].loadedAt, $1) }!
            return (victim, "LFU evicts the page used least often since it was loaded (\(plural(frames[victim].uses, "use")))")
        case .nru:
            let victim = candidates.min { (nruClass($0), $0) < (nruClass($1), $1) }!
            let names = ["not referenced, not modified", "not referenced, modified", "referenced, not modified", "referenced, modified"]
            return (
                victim,
                "NRU evicts from the lowest non-empty class, class \(nruClass(victim)) (\(names[nruClass(victim)])), the lowest frame first"
            )
        case .aging:
            let victim = candidates.min { (frames[$0].age, $0) < (frames[$1].age, $1) }!
            return (victim, "Aging evicts the page with the smallest age counter (\(ageBits(frames[victim].age)))")
        case .wsclock:
            return workingSetClock(candidates)
        case .gclock:
            let isCandidate = candidateMask(candidates)
            var passed: [FrameNumber] = []
            for _ in 0..<((1 << configuration.replacementParameters.bits(for: .gclock)) * frames.count + 1) {
                let hand = clockHand
                clockHand = (clockHand + 1) % frames.count
                guard isCandidate[hand] else { continue }
                if frames[hand].count > 0 {
                    frames[hand].count -= 1
                    passed.append(hand)
                } else {
                    let note =
                        passed.isEmpty
                        ? ""
                        : " after taking one from the counts of frame\(Set(passed).count == 1 ? "" : "s") \(Set(passed).sorted().map(String.init).joined(separator: ", "))"
                    return (hand, "GCLOCK: the hand stops at frame \(hand), whose count is zero\(note)")
                }
            }
            return nil
        case .clock:
            let isCandidate = candidateMask(candidates)
            var cleared: [FrameNumber] = []
            for _ in 0..<(2 * frames.count + 1) {
                let hand = clockHand
                clockHand = (clockHand + 1) % frames.count
                guard isCandidate[hand] else { continue }
                if frames[hand].referenced {
                    clearReferenced(hand)
                    cleared.append(hand)
                } else {
                    let passed =
                        cleared.isEmpty
                        ? ""
                        : " after giving frame\(cleared.count == 1 ? "" : "s") \(cleared.map(String.init).joined(separator: ", ")) a second chance (referenced bit cleared)"
                    return (hand, "Clock: the hand stops at frame \(hand), whose referenced bit is clear\(passed)")
                }
            }
            return nil
        }
    }

    /// Which frames are candidates, by frame number: the clock hands ask of every frame they pass,
    /// and a search of the candidate list there made each choice quadratic in the frames.
    func candidateMask(_ candidates: [FrameNumber]) -> [Bool] {
        var mask = [Bool](repeating: false, count: frames.count)
        for frame in candidates { mask[frame] = true }
        return mask
    }

    /// NRU's class: 2 x referenced + modified (the one formula, `NRURule.nruClass`).
    public func nruClass(_ frame: FrameNumber) -> Int { NRURule.nruClass(referenced: frames[frame].referenced, dirty: frames[frame].dirty) }

    /// An Aging counter in binary, as wide as the configured bits.
    public func ageBits(_ age: UInt64) -> String {
        let bits = configuration.replacementParameters.bits(for: .aging)
        let text = String(age, radix: 2)
        return String(repeating: "0", count: max(0, bits - text.count)) + text
    }

    /// WSClock, as Tanenbaum's Modern Operating Systems (3.4.9) gives it: the hand passes a
    /// referenced page (clearing R); a page idle longer than the window is evicted if clean, or,
    /// if it is a dirty file page, written back (so clean) and passed. After one full sweep: if
    /// writes were made, the hand sweeps on and takes the first clean page outside the window (a
    /// page it just cleaned at the latest); if none were, every page is in the working set, and
    /// it claims the first clean page it passed, or else the page at the hand. The hand then
    /// points just past the victim.
    mutating func workingSetClock(_ candidates: [FrameNumber]) -> (FrameNumber, String)? {
        let window = configuration.replacementParameters.window
        let isCandidate = candidateMask(candidates)
        var cleaned: [FrameNumber] = []
        var firstClean: FrameNumber?
        for position in 0..<(2 * frames.count) {
            if position == frames.count, cleaned.isEmpty { break }
            let hand = clockHand
            clockHand = (clockHand + 1) % frames.count
            guard isCandidate[hand] else { continue }
            let idle = counters.references - frames[hand].lastReference
            if frames[hand].referenced {
                clearReferenced(hand)
            } else if idle > window {
                if !frames[hand].dirty {
                    let note =
                        cleaned.isEmpty
                        ? ""
                        : " (on the way it wrote back dirty frame\(cleaned.count == 1 ? "" : "s") \(cleaned.map(String.init).joined(separator: ", ")))"
                    return (
                        hand,
                        "WSClock: frame \(hand) has been idle for \(idle) references, outside the working-set window of \(window), and is clean\(note)"
                    )
                }
                if case let .filePage(file, filePage) = frames[hand].content,
                    let writer = frames[hand].lastWriter ?? frames[hand].mappers.first?.process
                {
                    writeToDisk(frame: hand, file: file, filePage: filePage, by: writer)
                    cleaned.append(hand)
                    emit(
                        Event(
                            .writeBack, process: writer, frame: hand, file: file, filePage: filePage,
                            "WSClock: frame \(hand) is outside the working set but dirty, so it is written back now and passed over."))
                }
            }
            if firstClean == nil, !frames[hand].dirty { firstClean = hand }
        }
        let (hand, count) = (clockHand, frames.count)
        let atHand = (0..<count).lazy.map { (hand + $0) % count }.first { isCandidate[$0] }!
        let victim = firstClean ?? atHand
        clockHand = (victim + 1) % frames.count
        let why =
            firstClean != nil
            ? "so it claims the first clean page it passed: frame \(victim)"
            : "and none is clean, so it takes the page at the hand: frame \(victim)"
        return (victim, "WSClock: every page is in the working set (none idle longer than \(window) references), \(why)")
    }

    mutating func clearReferenced(_ frame: FrameNumber) {
        frames[frame].referenced = false
        for mapper in frames[frame].mappers { processes[mapper.process].pageTable[mapper.page]!.referenced = false }
    }

    /// OPT's look into the future: how many of its own operations until some user of the frame touches it.
    /// Users are the processes in its reverse map and, for a page-cache page, every process that maps that file page.
    public func nextUse(of frame: FrameNumber) -> Int {
        var users = frames[frame].mappers
        if case let .filePage(file, filePage) = frames[frame].content {
            for process in processes where !process.state.isDone {
                for mapping in process.mappings where mapping.kind.file == file && filePage < mapping.pageCount {
                    users.append(ReverseMapEntry(process: process.id, page: mapping.firstPage + filePage))
                }
            }
        }
        var nearest = Int.max
        for user in users where !processes[user.process].state.isDone {
            guard let uses = futureUses[user.process][user.page] else { continue }
            let from = processes[user.process].programCounter
            // First use at or after the program counter: a binary search over sorted indices.
            var low = 0, high = uses.count
            while low < high {
                let mid = (low + high) / 2
                if uses[mid] < from { low = mid + 1 } else { high = mid }
            }
            if low < uses.count { nearest = min(nearest, uses[low] - from) }
        }
        return nearest
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
        frames[frame] = Frame(wordsPerPage: configuration.wordsPerPage)
    }
}
