/// What one policy did with one reference stream.
public struct SimulationResult: Hashable, Sendable, Codable {
    public var policy: ReplacementPolicy
    public var frames: Int
    public var references = 0
    public var faults = 0
    public var evictions = 0
    /// Dirty pages written back when evicted (write-back), or at the end of the stream (none: it is not flushed).
    public var writebacks = 0
    /// Every write to disk: write-backs, plus each store under write-through.
    public var diskWrites = 0
    public var tlbHits = 0
    public var tlbMisses = 0
    /// Memory references made by page walks: one per level per walk.
    public var walkReferences = 0
    /// Page-table pages created (multi-level tables).
    public var pageTablePages = 0
    /// References to pages beyond the address space of the page table, skipped.
    public var outsideAddressSpace = 0
    /// True once every frame held a page table and nothing more could run (the engine kills the process).
    public var outOfMemory = false

    public var hits: Int { references - faults }
    public var hitRatio: Double { references == 0 ? 0 : Double(hits) / Double(references) }
}

/// The reference path without the scenario machinery: one process's stream of page references
/// through a TLB and page replacement, at tens of millions of references a second.
///
/// It makes exactly the choices the scenario engine makes for one process whose memory is a
/// file mapped shared (lowest free frame first; LRU, FIFO, Clock, OPT and seeded random victims
/// with the engine's tie-breaks; TLB fills, victims and shootdowns), so the two can be checked
/// against each other. Nothing on the per-reference path allocates.
public struct PagingSimulator: Sendable {
    public let policy: ReplacementPolicy
    public let frameCount: Int
    public let tlbConfiguration: TLBConfiguration
    public let writePolicy: WritePolicy
    public let parameters: ReplacementParameters
    public private(set) var result: SimulationResult

    static let free = Int.min
    /// framePage of a frame that holds a page table.
    static let table = Int.min + 1
    private var framePage: [Int]
    private var dirty: [Bool]
    private var referenced: [Bool]
    private var loadedAt: [Int]
    private var lastReference: [Int]
    private var nextUse: [Int]
    private var uses: [Int]
    private var age: [UInt64]
    private var count: [Int]
    private var sinceTimer = 0
    /// Bits of the page number at each page-table level; empty: one level, not modelled in memory.
    public let levels: [Int]
    private let walkCost: Int
    private let addressLimit: Int
    private var pinned: [Bool]
    private var tables = Set<Int>()
    /// An inverted page table's chains (pages, newest first), when simulating one.
    public let inverted: Bool
    private var chains: [[Int]]
    private let bucketMask: Int
    private var hasTables: Bool { !tables.isEmpty }
    private let countLimit: Int
    private let ageTop: UInt64
    // LRU order as a doubly linked list of frames: head is least recently used.
    private var previous: [Int32]
    private var following: [Int32]
    private var head: Int32 = -1
    private var tail: Int32 = -1
    private var map: PageMap
    private var used = 0
    private var hand = 0
    private var tick = 0
    private var generator: SeededGenerator
    // The TLB: slot s is in set s / ways.
    private var tlbPage: [Int]
    private var tlbLastUsed: [Int]
    private var tlbLoadedAt: [Int]
    private let tlbSets: Int
    private let tlbWays: Int

    public init(
        policy: ReplacementPolicy, frames: Int, tlb: TLBConfiguration = TLBConfiguration(entries: 0), writePolicy: WritePolicy = .writeBack,
        seed: UInt64 = 1, parameters: ReplacementParameters = ReplacementParameters(), levels: [Int] = [], inverted: Bool = false
    ) {
        precondition(frames > 0, "at least one frame")
        precondition(!(inverted && !levels.isEmpty), "a page table is either inverted or multi-level")
        self.levels = levels
        self.inverted = inverted
        let buckets = MachineConfiguration(frames: frames).hashBuckets
        chains = inverted ? Array(repeating: [], count: buckets) : []
        bucketMask = buckets - 1
        walkCost = max(1, levels.count)
        addressLimit = levels.isEmpty ? Int.max : 1 << levels.reduce(0, +)
        pinned = Array(repeating: false, count: frames)
        self.policy = policy
        self.parameters = parameters
        countLimit = (1 << parameters.bits(for: .gclock)) - 1
        ageTop = 1 << UInt64(parameters.bits(for: .aging) - 1)
        uses = Array(repeating: 0, count: frames)
        age = Array(repeating: 0, count: frames)
        count = Array(repeating: 0, count: frames)
        frameCount = frames
        tlbConfiguration = tlb
        self.writePolicy = writePolicy
        result = SimulationResult(policy: policy, frames: frames)
        framePage = Array(repeating: Self.free, count: frames)
        dirty = Array(repeating: false, count: frames)
        referenced = Array(repeating: false, count: frames)
        loadedAt = Array(repeating: 0, count: frames)
        lastReference = Array(repeating: 0, count: frames)
        nextUse = Array(repeating: Int.max, count: frames)
        previous = Array(repeating: -1, count: frames)
        following = Array(repeating: -1, count: frames)
        map = PageMap(capacityFor: frames)
        generator = SeededGenerator(seed: seed)
        tlbPage = Array(repeating: Self.free, count: tlb.entries)
        tlbLastUsed = Array(repeating: 0, count: tlb.entries)
        tlbLoadedAt = Array(repeating: 0, count: tlb.entries)
        tlbWays = tlb.entries == 0 ? 0 : tlb.waysPerSet
        tlbSets = tlb.entries == 0 ? 0 : tlb.sets
    }

    /// One reference. `nextUse` is the stream index of this page's next reference (Int.max if
    /// none is known); only OPT looks at it.
    @inline(__always)
    public mutating func access(page: Int, write: Bool, nextUse upcoming: Int = Int.max) {
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
        switch policy {
        case .lru, .mru: touch(Int32(frame))
        case .clock, .nru, .aging, .wsclock:
            referenced[frame] = true
        case .opt, .unopt: nextUse[frame] = upcoming
        case .lfu: uses[frame] &+= 1
        case .gclock: count[frame] = min(count[frame] + 1, countLimit)
        case .fifo, .random: break
        }
        if policy == .wsclock { lastReference[frame] = tick }
        if write {
            if writePolicy == .writeThrough {
                result.diskWrites &+= 1
            } else {
                dirty[frame] = true
            }
        }
        if policy.usesTimer { timer() }
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

    /// The engine's timer interrupt, every `interval` references (NRU and Aging).
    private mutating func timer() {
        sinceTimer += 1
        guard sinceTimer >= parameters.interval else { return }
        sinceTimer = 0
        for frame in 0..<used where !pinned[frame] {
            if policy == .aging { age[frame] = (age[frame] >> 1) | (referenced[frame] ? ageTop : 0) }
            referenced[frame] = false
        }
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
                framePage[frame] = Self.table
                pinned[frame] = true
                tables.insert(key)
                result.pageTablePages &+= 1
            }
        }
        guard let frame = obtainFrame() else { return nil }
        framePage[frame] = page
        dirty[frame] = false
        referenced[frame] = false
        loadedAt[frame] = tick
        uses[frame] = 0
        age[frame] = 0
        count[frame] = 0
        lastReference[frame] = tick
        map.insert(page, Int32(frame))
        if policy == .lru || policy == .mru { append(Int32(frame)) }
        if inverted { chains[page & bucketMask].insert(page, at: 0) }
        return frame
    }

    private mutating func obtainFrame() -> Int? {
        if used < frameCount {
            used += 1
            return used - 1
        }
        guard let frame = victim() else { return nil }
        evict(frame)
        return frame
    }

    /// The policy's victim among the frames that are not page tables (the engine's candidates).
    private mutating func victim() -> Int? {
        guard let first = (0..<frameCount).first(where: { !pinned[$0] }) else { return nil }
        switch policy {
        case .lru:
            return Int(head)
        case .mru:
            return Int(tail)
        case .fifo:
            // Loaded longest ago. Frames fill in order and none is freed, so the oldest is the next
            // unpinned frame in turn: the same choice as the engine's scan, without the scan.
            while pinned[hand] { hand = (hand + 1) % frameCount }
            let frame = hand
            hand = (hand + 1) % frameCount
            return frame
        case .random:
            guard hasTables else { return generator.index(below: frameCount) }
            let candidates = (0..<frameCount).filter { !pinned[$0] }
            return candidates[generator.index(below: candidates.count)]
        case .clock:
            while true {
                let frame = hand
                hand = (hand + 1) % frameCount
                if pinned[frame] { continue }
                if referenced[frame] { referenced[frame] = false } else { return frame }
            }
        case .gclock:
            while true {
                let frame = hand
                hand = (hand + 1) % frameCount
                if pinned[frame] { continue }
                if count[frame] > 0 { count[frame] -= 1 } else { return frame }
            }
        case .opt, .unopt:
            let farthest = policy == .opt
            var best = first
            for frame in (first + 1)..<frameCount where !pinned[frame] {
                let (d, b) = (nextUse[frame], nextUse[best])
                if (farthest ? d > b : d < b) || (d == b && loadedAt[frame] < loadedAt[best]) { best = frame }
            }
            return best
        case .lfu:
            var best = first
            for frame in (first + 1)..<frameCount where !pinned[frame] && (uses[frame], loadedAt[frame]) < (uses[best], loadedAt[best]) {
                best = frame
            }
            return best
        case .nru:
            var best = first
            func kind(_ frame: Int) -> Int { (referenced[frame] ? 2 : 0) + (dirty[frame] ? 1 : 0) }
            for frame in (first + 1)..<frameCount where !pinned[frame] && kind(frame) < kind(best) { best = frame }
            return best
        case .aging:
            var best = first
            for frame in (first + 1)..<frameCount where !pinned[frame] && age[frame] < age[best] { best = frame }
            return best
        case .wsclock:
            // The engine's rule (Machine.workingSetClock): a second sweep only if the first wrote pages back.
            var cleanedAny = false
            var firstClean = -1
            for position in 0..<(2 * frameCount) {
                if position == frameCount && !cleanedAny { break }
                let frame = hand
                hand = (hand + 1) % frameCount
                if pinned[frame] { continue }
                if referenced[frame] {
                    referenced[frame] = false
                } else if tick - lastReference[frame] > parameters.window {
                    if !dirty[frame] { return frame }
                    // Cleaned now, passed over: the engine writes a dirty file page back here.
                    dirty[frame] = false
                    cleanedAny = true
                    result.writebacks &+= 1
                    result.diskWrites &+= 1
                }
                if firstClean < 0 && !dirty[frame] { firstClean = frame }
            }
            var victim = firstClean
            if victim < 0 {
                victim = hand
                while pinned[victim] { victim = (victim + 1) % frameCount }
            }
            hand = (victim + 1) % frameCount
            return victim
        }
    }

    private mutating func evict(_ frame: Int) {
        result.evictions &+= 1
        let page = framePage[frame]
        if dirty[frame] {
            result.writebacks &+= 1
            result.diskWrites &+= 1
        }
        map.remove(page)
        if policy == .lru || policy == .mru { unlink(Int32(frame)) }
        if inverted { chains[page & bucketMask].removeAll { $0 == page } }
        // Shootdown: the TLB must not keep a translation to a frame that changed hands.
        if tlbWays > 0 {
            let base = (page % tlbSets) * tlbWays
            for slot in base..<(base + tlbWays) where tlbPage[slot] == page { tlbPage[slot] = Self.free }
        }
    }

    private mutating func fillTLB(_ page: Int) {
        let base = (page % tlbSets) * tlbWays
        var chosen = -1
        for slot in base..<(base + tlbWays) where tlbPage[slot] == Self.free {
            chosen = slot
            break
        }
        if chosen < 0 {
            switch tlbConfiguration.replacement {
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

    // MARK: The LRU list

    @inline(__always) private mutating func touch(_ frame: Int32) {
        guard tail != frame else { return }
        unlink(frame)
        append(frame)
    }

    @inline(__always) private mutating func unlink(_ frame: Int32) {
        let (p, n) = (previous[Int(frame)], following[Int(frame)])
        if p >= 0 { following[Int(p)] = n } else { head = n }
        if n >= 0 { previous[Int(n)] = p } else { tail = p }
        previous[Int(frame)] = -1
        following[Int(frame)] = -1
    }

    @inline(__always) private mutating func append(_ frame: Int32) {
        previous[Int(frame)] = tail
        following[Int(frame)] = -1
        if tail >= 0 { following[Int(tail)] = frame } else { head = frame }
        tail = frame
    }
}
