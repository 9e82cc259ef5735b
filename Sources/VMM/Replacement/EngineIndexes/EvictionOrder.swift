/// The engine's data frames in the order its replacement policy gives them up, for the policies
/// that rank frames by what each frame records (LRU, MRU, FIFO, LFU, MFU, Aging, NRU): an indexed
/// binary heap keyed by the policy's `ReplacementRule.evictionKey`, then the frame number. A
/// reference moves its frame in O(log frames), and the victim is the first frame in this order
/// that may be evicted now, so a fault compares a few frames instead of every candidate. Under
/// local replacement there is a heap per process (of the frames it loaded), so a process replacing
/// one of its own finds it in its own heap; a global choice then compares the heads.
///
/// It is derived from the frames (`InvariantChecker` holds the two together), so, like OPT's
/// `NextUseIndex`, it is not part of the machine's state: equality and hashing ignore it.
struct EvictionOrder: Hashable, Sendable {
    /// What a policy compares, smallest first: LRU's last use, FIFO's load time, LFU's uses then
    /// load time, NRU's class. Ties go to the lower frame number.
    struct Key: Hashable, Comparable, Sendable {
        var primary: Int
        var secondary = 0

        static func < (a: Key, b: Key) -> Bool { (a.primary, a.secondary) < (b.primary, b.secondary) }
    }

    /// The policy's key for a frame; nil for a policy that keeps no such order (the clock hands,
    /// OPT, random), which then costs nothing here.
    let key: (@Sendable (Frame.Ranks) -> Key)?
    /// Frame numbers, min-heaps by (key, frame): one, or one per process under local replacement.
    private var heaps: [FramePriorityQueue]
    /// Under local replacement, the heap each frame is in (its owner's).
    private var home: [Int]
    /// Each frame's key while it is in the heap.
    private var keys: [Key]
    /// Each frame's index in `heap`, or -1.
    private var position: [Int]
    /// Set when every key moved at once (Aging's timer): changes need not be placed until the
    /// order is rebuilt, in O(frames). The first few choices after the timer compare the
    /// candidates instead (a rebuild costs about three such scans, and the timer may well move
    /// every key again before the next fault); a further choice before the next tick rebuilds.
    private(set) var isStale = false
    private var choicesWhileStale = 0
    private static let scansBeforeRebuild = 3

    /// `processes`: under local replacement, how many there are, for an order each.
    init(frames: Int, key: (@Sendable (Frame.Ranks) -> Key)?, processes: Int? = nil) {
        self.key = key
        keys = key == nil ? [] : Array(repeating: Key(primary: 0), count: frames)
        position = key == nil ? [] : Array(repeating: -1, count: frames)
        heaps = Array(repeating: FramePriorityQueue(), count: key == nil ? 0 : max(1, processes ?? 1))
        home = key == nil || processes == nil ? [] : Array(repeating: 0, count: frames)
        if key != nil, processes == nil { heaps[0].reserve(frames) }
    }

    static func == (_: EvictionOrder, _: EvictionOrder) -> Bool { true }
    func hash(into hasher: inout Hasher) {}

    var isKept: Bool { key != nil }
    var count: Int { heaps.reduce(0) { $0 + $1.count } }
    var isPerProcess: Bool { !home.isEmpty }
    /// The frames in order, for checks and tests (O(frames log frames)).
    var ordered: [FrameNumber] { heaps.flatMap(\.frames).sorted { ByKey(keys: keys).before($0, $1) } }
    func key(of frame: FrameNumber) -> Key? { position.isEmpty || position[frame] < 0 ? nil : keys[frame] }

    /// Takes a frame's new state into account: a data frame is placed by its key; a free frame
    /// or one holding a page table leaves the order.
    mutating func update(_ frame: FrameNumber, _ state: Frame.Ranks) {
        guard let key, !isStale else { return }
        if state.holdsData { set(frame, key(state), in: isPerProcess ? state.owner ?? 0 : 0) } else { remove(frame) }
    }

    mutating func markStale() { isStale = key != nil }

    /// Before a choice: rebuilds a stale order once enough choices have scanned instead.
    mutating func prepareForChoice(_ frames: [Frame]) {
        guard isStale else { return }
        if choicesWhileStale >= Self.scansBeforeRebuild { rebuild(frames) } else { choicesWhileStale += 1 }
    }

    /// Every frame anew, in O(frames), after the timer changed every Aging counter at once.
    mutating func rebuild(_ frames: [Frame]) {
        guard let key else { return }
        isStale = false
        choicesWhileStale = 0
        for heap in heaps.indices { heaps[heap].removeAll(&position) }
        for frame in frames.indices {
            let state = frames[frame].ranks
            guard state.holdsData else { continue }
            keys[frame] = key(state)
            let heap = isPerProcess ? state.owner ?? 0 : 0
            if isPerProcess { home[frame] = heap }
            heaps[heap].appendUnordered(frame)
        }
        for heap in heaps.indices { heaps[heap].heapify(&position, ByKey(keys: keys)) }
    }

    /// The first frame in order that passes `test`, in O(log frames) when it is near the front:
    /// among one process's frames (`owner`, under local replacement), or among all (the first of
    /// each process's, compared, when there is an order per process).
    func first(of owner: ProcessID? = nil, where test: (FrameNumber) -> Bool) -> FrameNumber? {
        let order = ByKey(keys: keys)
        if let owner, isPerProcess { return heaps[owner].first(where: test, order) }
        var best: FrameNumber?
        for heap in heaps {
            guard let first = heap.first(where: test, order) else { continue }
            if best.map({ order.before(first, $0) }) ?? true { best = first }
        }
        return best
    }

    /// Whether every frame is placed no earlier than its parent: for the invariant checker.
    var isHeapOrdered: Bool { heaps.allSatisfy { $0.isOrdered(position, ByKey(keys: keys)) } }

    /// Smallest key first, ties to the lower frame.
    private struct ByKey: FrameOrder {
        let keys: [Key]
        @inline(__always) func before(_ a: FrameNumber, _ b: FrameNumber) -> Bool {
            let (x, y) = (keys[a], keys[b])
            return x != y ? x < y : a < b
        }
    }

    private mutating func set(_ frame: FrameNumber, _ newKey: Key, in heap: Int) {
        guard position[frame] >= 0 else {
            keys[frame] = newKey
            if isPerProcess { home[frame] = heap }
            heaps[heap].insert(frame, &position, ByKey(keys: keys))
            return
        }
        guard keys[frame] != newKey else { return }
        keys[frame] = newKey
        heaps[heap].update(frame, &position, ByKey(keys: keys))
    }

    private mutating func remove(_ frame: FrameNumber) {
        guard position[frame] >= 0 else { return }
        heaps[isPerProcess ? home[frame] : 0].remove(frame, &position, ByKey(keys: keys))
    }
}
