/// The fast simulator's state and reference path for one replacement rule, specialised for it:
/// the TLB, the page tables' cost, the frames and the rule's own order.
struct SimulatedMachine<Rule: SimulatedReplacement> {
    private(set) var result: SimulationResult
    private var rule: Rule
    private let frames: FrameTable
    private let frameCount: Int
    private var map: PageMap
    private var used = 0
    /// Frames holding data (not page tables): none, and a fault has nowhere to go.
    private var dataFrames = 0
    private var tick = 0
    private var sinceTimer = 0
    private let usesTimer: Bool
    private let interval: Int
    private let writeBack: Bool
    // Page tables.
    private let levels: [Int]
    private let walkCost: Int
    private let addressLimit: Int
    private var tables = Set<Int>()
    private let inverted: Bool
    private var chains: [[Int]]
    private let bucketMask: Int
    // The TLB: slot s is in set s / ways.
    private let tlbReplacement: TLBReplacement
    private let tlbPage: FrameColumn<Int>
    private let tlbLastUsed: FrameColumn<Int>
    private let tlbLoadedAt: FrameColumn<Int>
    private let tlbSets: Int
    private let tlbWays: Int
    /// Random replacement and a random TLB draw from one generator, as in the engine.
    private var generator: SeededGenerator

    init(_ shape: MachineShape) {
        frameCount = shape.frames
        frames = FrameTable(count: shape.frames, free: PagingSimulator.free)
        rule = Rule(frames, parameters: shape.parameters, seed: shape.seed)
        result = SimulationResult(policy: shape.policy, frames: shape.frames)
        map = PageMap(capacityFor: shape.frames)
        usesTimer = shape.policy.usesTimer
        interval = shape.parameters.interval
        writeBack = shape.writePolicy == .writeBack
        levels = shape.levels
        walkCost = max(1, levels.count)
        addressLimit = levels.isEmpty ? Int.max : 1 << levels.reduce(0, +)
        inverted = shape.inverted
        let buckets = MachineConfiguration(frames: shape.frames).hashBuckets
        chains = inverted ? Array(repeating: [], count: buckets) : []
        bucketMask = buckets - 1
        let tlb = shape.tlb
        tlbReplacement = tlb.replacement
        tlbPage = FrameColumn(count: tlb.entries, repeating: PagingSimulator.free)
        tlbLastUsed = FrameColumn(count: tlb.entries, repeating: 0)
        tlbLoadedAt = FrameColumn(count: tlb.entries, repeating: 0)
        tlbWays = tlb.entries == 0 ? 0 : tlb.waysPerSet
        tlbSets = tlb.entries == 0 ? 0 : tlb.sets
        generator = SeededGenerator(seed: shape.seed)
    }

    func deallocate() {
        rule.deallocate()
        frames.deallocate()
        tlbPage.deallocate()
        tlbLastUsed.deallocate()
        tlbLoadedAt.deallocate()
    }

    mutating func run(pages: UnsafeBufferPointer<Int>, writes: UnsafeBufferPointer<Bool>, nextUses: UnsafeBufferPointer<Int>?) {
        if let nextUses {
            for index in pages.indices { access(page: pages[index], write: writes[index], nextUse: nextUses[index]) }
        } else {
            for index in pages.indices { access(page: pages[index], write: writes[index], nextUse: .max) }
        }
    }

    @inline(__always)
    private mutating func access(page: Int, write: Bool, nextUse: Int) {
        guard !result.outOfMemory else { return }
        guard levels.isEmpty || page < addressLimit else {
            result.outsideAddressSpace &+= 1
            return
        }
        tick &+= 1
        result.references &+= 1
        var frame: Int
        var tlbSlot = -1
        if tlbWays > 0 {
            let base = (page % tlbSets) * tlbWays
            for slot in base..<(base + tlbWays) where tlbPage[slot] == page {
                tlbSlot = slot
                break
            }
        }
        if tlbSlot >= 0 {
            result.tlbHits &+= 1
            tlbLastUsed[tlbSlot] = tick
            frame = Int(map.find(page))
        } else {
            if tlbWays > 0 { result.tlbMisses &+= 1 }
            if inverted {
                // The engine's bucket for process 0: the bucket head, then each entry up to the page.
                let chain = chains[page & bucketMask]
                result.walkReferences &+= 1 + (chain.firstIndex(of: page).map { $0 + 1 } ?? chain.count)
            } else if levels.count > 1 {
                result.walkReferences &+= multiLevelWalkCost(page)
            } else {
                result.walkReferences &+= walkCost
            }
            frame = Int(map.find(page))
            if frame < 0 {
                guard let loaded = fault(page) else {
                    result.outOfMemory = true
                    return
                }
                frame = loaded
            }
            if tlbWays > 0 { fillTLB(page) }
        }
        if write {
            if writeBack { frames.dirty[frame] = true } else { result.diskWrites &+= 1 }
        }
        rule.referenced(frame, now: tick, nextUse: nextUse, frames)
        if usesTimer {
            sinceTimer += 1
            if sinceTimer >= interval {
                sinceTimer = 0
                rule.timer(used: used, frames)
            }
        }
    }

    /// As the engine: the root is read, then each deeper table on the page's path while the entry
    /// above points to one; the walk stops at the first that does not.
    private func multiLevelWalkCost(_ page: Int) -> Int {
        var below = levels.reduce(0, +) - levels[0]
        var cost = 1
        for level in 1..<levels.count {
            let bits = levels[level]
            below -= bits
            guard tables.contains(level << 56 | page >> (below + bits)) else { break }
            cost += 1
        }
        return cost
    }

    /// A page fault: first any missing page tables, then a frame for the page; each is the
    /// lowest free frame or the policy's victim. nil when every frame holds a page table.
    private mutating func fault(_ page: Int) -> Int? {
        result.faults &+= 1
        if !levels.isEmpty {
            var below = levels.reduce(0, +)
            for (level, bits) in levels.enumerated() {
                below -= bits
                let key = level << 56 | page >> (below + bits)
                guard !tables.contains(key) else { continue }
                guard let frame = obtainFrame() else { return nil }
                frames.page[frame] = PagingSimulator.table
                frames.pinned[frame] = true
                rule.pinned(frame)
                tables.insert(key)
                result.pageTablePages &+= 1
            }
        }
        rule.arriving(page)
        guard let frame = obtainFrame() else { return nil }
        frames.page[frame] = page
        frames.dirty[frame] = false
        frames.loadedAt[frame] = tick
        dataFrames += 1
        rule.loaded(frame, frames)
        map.insert(page, Int32(frame))
        if inverted { chains[page & bucketMask].insert(page, at: 0) }
        return frame
    }

    private mutating func obtainFrame() -> Int? {
        if used < frameCount {
            used += 1
            return used - 1
        }
        guard dataFrames > 0 else { return nil }
        let frame = rule.victim(now: tick, frames, &result, &generator)
        evict(frame)
        return frame
    }

    private mutating func evict(_ frame: Int) {
        result.evictions &+= 1
        dataFrames -= 1
        let page = frames.page[frame]
        if frames.dirty[frame] {
            result.writebacks &+= 1
            result.diskWrites &+= 1
            frames.dirty[frame] = false
        }
        rule.evicted(frame)
        map.remove(page)
        if inverted { chains[page & bucketMask].removeAll { $0 == page } }
        // Shootdown: the TLB must not keep a translation to a frame that changed hands.
        if tlbWays > 0 {
            let base = (page % tlbSets) * tlbWays
            for slot in base..<(base + tlbWays) where tlbPage[slot] == page { tlbPage[slot] = PagingSimulator.free }
        }
    }

    private mutating func fillTLB(_ page: Int) {
        let base = (page % tlbSets) * tlbWays
        var chosen = -1
        for slot in base..<(base + tlbWays) where tlbPage[slot] == PagingSimulator.free {
            chosen = slot
            break
        }
        if chosen < 0 {
            switch tlbReplacement {
            case .lru:
                chosen = base
                for slot in base..<(base + tlbWays) where tlbLastUsed[slot] < tlbLastUsed[chosen] { chosen = slot }
            case .fifo:
                chosen = base
                for slot in base..<(base + tlbWays) where tlbLoadedAt[slot] < tlbLoadedAt[chosen] { chosen = slot }
            case .random:
                chosen = base + generator.index(below: tlbWays)
            }
        }
        tlbPage[chosen] = page
        tlbLastUsed[chosen] = tick
        tlbLoadedAt[chosen] = tick
    }
}
