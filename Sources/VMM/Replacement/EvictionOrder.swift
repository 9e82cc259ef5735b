/// The engine's data frames in the order its replacement policy gives them up, for the policies
/// that rank frames by what each frame records (LRU, MRU, FIFO, LFU, MFU, Aging, NRU): an indexed
/// binary heap keyed by the policy's `ReplacementRule.evictionKey`, then the frame number. A
/// reference moves its frame in O(log frames), and the victim is the first frame in this order
/// that may be evicted now, so a fault compares a few frames instead of every candidate.
///
/// It is derived from the frames (`InvariantChecker` holds the two together), so, like the OPT
/// memo, it is not part of the machine's state: equality and hashing ignore it.
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
    /// Frame numbers, a min-heap by (key, frame).
    private var heap: [FrameNumber] = []
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

    init(frames: Int, key: (@Sendable (Frame.Ranks) -> Key)?) {
        self.key = key
        keys = key == nil ? [] : Array(repeating: Key(primary: 0), count: frames)
        position = key == nil ? [] : Array(repeating: -1, count: frames)
        heap.reserveCapacity(key == nil ? 0 : frames)
    }

    static func == (_: EvictionOrder, _: EvictionOrder) -> Bool { true }
    func hash(into hasher: inout Hasher) {}

    var isKept: Bool { key != nil }
    var count: Int { heap.count }
    /// The frames in order, for checks and tests (O(frames log frames)).
    var ordered: [FrameNumber] { heap.sorted { before($0, $1) } }
    func key(of frame: FrameNumber) -> Key? { position.isEmpty || position[frame] < 0 ? nil : keys[frame] }

    /// Takes a frame's new state into account: a data frame is placed by its key; a free frame
    /// or one holding a page table leaves the order.
    mutating func update(_ frame: FrameNumber, _ state: Frame.Ranks) {
        guard let key, !isStale else { return }
        if state.holdsData { set(frame, key(state)) } else { remove(frame) }
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
        heap.removeAll(keepingCapacity: true)
        for frame in frames.indices {
            let state = frames[frame].ranks
            position[frame] = -1
            guard state.holdsData else { continue }
            keys[frame] = key(state)
            position[frame] = heap.count
            heap.append(frame)
        }
        for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
    }

    /// The first frame in order that passes `test`: a best-first walk down the heap that opens a
    /// frame's children only when the frame itself fails, so it looks at the frames ahead of the
    /// answer and their children, O(log frames) when the answer is near the front.
    func first(where test: (FrameNumber) -> Bool) -> FrameNumber? {
        guard let top = heap.first else { return nil }
        if test(top) { return top }
        // Heap indices still to look at, themselves a min-heap by their frames' order.
        var frontier: [Int] = []
        func push(_ index: Int) {
            guard index < heap.count else { return }
            frontier.append(index)
            var child = frontier.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard before(heap[frontier[child]], heap[frontier[parent]]) else { break }
                frontier.swapAt(child, parent)
                child = parent
            }
        }
        func pop() -> Int {
            let first = frontier[0]
            let last = frontier.removeLast()
            if !frontier.isEmpty {
                frontier[0] = last
                var parent = 0
                while true {
                    var smallest = parent
                    let left = 2 * parent + 1
                    if left < frontier.count, before(heap[frontier[left]], heap[frontier[smallest]]) { smallest = left }
                    if left + 1 < frontier.count, before(heap[frontier[left + 1]], heap[frontier[smallest]]) { smallest = left + 1 }
                    if smallest == parent { break }
                    frontier.swapAt(parent, smallest)
                    parent = smallest
                }
            }
            return first
        }
        push(1)
        push(2)
        while !frontier.isEmpty {
            let index = pop()
            if test(heap[index]) { return heap[index] }
            push(2 * index + 1)
            push(2 * index + 2)
        }
        return nil
    }

    /// Whether every frame is placed no earlier than its parent: for the invariant checker.
    var isHeapOrdered: Bool {
        heap.indices.dropFirst().allSatisfy { !before(heap[$0], heap[($0 - 1) / 2]) && position[heap[$0]] == $0 }
            && (heap.first.map { position[$0] == 0 } ?? true)
    }

    // MARK: - The heap

    @inline(__always) private func before(_ a: FrameNumber, _ b: FrameNumber) -> Bool {
        let (x, y) = (keys[a], keys[b])
        return x != y ? x < y : a < b
    }

    private mutating func set(_ frame: FrameNumber, _ newKey: Key) {
        let index = position[frame]
        guard index >= 0 else {
            keys[frame] = newKey
            position[frame] = heap.count
            heap.append(frame)
            siftUp(heap.count - 1)
            return
        }
        guard keys[frame] != newKey else { return }
        let grew = keys[frame] < newKey
        keys[frame] = newKey
        if grew { siftDown(index) } else { siftUp(index) }
    }

    private mutating func remove(_ frame: FrameNumber) {
        let index = position[frame]
        guard index >= 0 else { return }
        position[frame] = -1
        let last = heap.removeLast()
        guard index < heap.count else { return }
        heap[index] = last
        position[last] = index
        siftDown(index)
        siftUp(position[last])
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(heap[child], heap[parent]) else { return }
            swapEntries(child, parent)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < heap.count else { return }
            var smallest = before(heap[left], heap[parent]) ? left : parent
            if left + 1 < heap.count, before(heap[left + 1], heap[smallest]) { smallest = left + 1 }
            guard smallest != parent else { return }
            swapEntries(parent, smallest)
            parent = smallest
        }
    }

    @inline(__always) private mutating func swapEntries(_ i: Int, _ j: Int) {
        heap.swapAt(i, j)
        position[heap[i]] = i
        position[heap[j]] = j
    }
}
