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

    public init(policy: ReplacementPolicy, frames: Int, tlb: TLBConfiguration = TLBConfiguration(entries: 0), writePolicy: WritePolicy = .writeBack,
                seed: UInt64 = 1, parameters: ReplacementParameters = ReplacementParameters()) {
        precondition(frames > 0, "at least one frame")
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
            frame = Int(map.find(page))
            if frame < 0 {
                frame = fault(page)
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

    /// The engine's timer interrupt, every `interval` references (NRU and Aging).
    private mutating func timer() {
        sinceTimer += 1
        guard sinceTimer >= parameters.interval else { return }
        sinceTimer = 0
        for frame in 0..<used {
            if policy == .aging { age[frame] = (age[frame] >> 1) | (referenced[frame] ? ageTop : 0) }
            referenced[frame] = false
        }
    }

    /// A page fault: the lowest free frame, or the policy's victim.
    private mutating func fault(_ page: Int) -> Int {
        result.faults &+= 1
        let frame: Int
        if used < frameCount {
            frame = used
            used += 1
        } else {
            frame = victim()
            evict(frame)
        }
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
        return frame
    }

    private mutating func victim() -> Int {
        switch policy {
        case .lru:
            return Int(head)
        case .fifo:
            // Loaded longest ago. Frames fill in order and none is ever freed here, so the oldest
            // is always the next in turn: the same choice as the engine's scan, without the scan.
            let frame = hand
            hand = (hand + 1) % frameCount
            return frame
        case .random:
            return generator.index(below: frameCount)
        case .clock:
            while true {
                let frame = hand
                hand = (hand + 1) % frameCount
                if referenced[frame] { referenced[frame] = false } else { return frame }
            }
        case .opt, .unopt:
            let farthest = policy == .opt
            var best = 0
            for frame in 1..<frameCount {
                let (d, b) = (nextUse[frame], nextUse[best])
                if (farthest ? d > b : d < b) || (d == b && loadedAt[frame] < loadedAt[best]) { best = frame }
            }
            return best
        case .mru:
            return Int(tail)
        case .lfu:
            var best = 0
            for frame in 1..<frameCount where (uses[frame], loadedAt[frame]) < (uses[best], loadedAt[best]) { best = frame }
            return best
        case .nru:
            var best = 0
            func kind(_ frame: Int) -> Int { (referenced[frame] ? 2 : 0) + (dirty[frame] ? 1 : 0) }
            for frame in 1..<frameCount where kind(frame) < kind(best) { best = frame }
            return best
        case .aging:
            var best = 0
            for frame in 1..<frameCount where age[frame] < age[best] { best = frame }
            return best
        case .gclock:
            while true {
                let frame = hand
                hand = (hand + 1) % frameCount
                if count[frame] > 0 { count[frame] -= 1 } else { return frame }
            }
        case .wsclock:
            for _ in 0..<(2 * frameCount + 1) {
                let frame = hand
                hand = (hand + 1) % frameCount
                if referenced[frame] {
                    referenced[frame] = false
                } else if tick - lastReference[frame] > parameters.window {
                    if !dirty[frame] { return frame }
                    // Cleaned now, passed over: the engine writes a dirty file page back here.
                    dirty[frame] = false
                    result.writebacks &+= 1
                    result.diskWrites &+= 1
                }
            }
            var oldest = 0
            for frame in 1..<frameCount where lastReference[frame] < lastReference[oldest] { oldest = frame }
            return oldest
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
