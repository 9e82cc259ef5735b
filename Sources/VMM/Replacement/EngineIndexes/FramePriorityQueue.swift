/// The engine's binary heap of frames, a value (a machine is copied at every checkpoint, so its
/// indexes cannot be the fast simulator's unsafe buffers). Each frame's index in the heap is kept
/// in a `positions` array its owner holds, so several heaps can share one (a frame sits in at most
/// one of them: OPT keeps a heap per process) and a frame whose rank changed moves in
/// O(log frames). The order is passed in, so the ranks can live with the owner too.
struct FramePriorityQueue: Sendable {
    /// Frame numbers, each placed no earlier than its parent in the order.
    private(set) var frames: [FrameNumber] = []

    var count: Int { frames.count }

    mutating func reserve(_ capacity: Int) { frames.reserveCapacity(capacity) }

    mutating func insert(_ frame: FrameNumber, _ positions: inout [Int], _ order: some FrameOrder) {
        positions[frame] = frames.count
        frames.append(frame)
        siftUp(frames.count - 1, &positions, order)
    }

    mutating func remove(_ frame: FrameNumber, _ positions: inout [Int], _ order: some FrameOrder) {
        let index = positions[frame]
        positions[frame] = -1
        let last = frames.removeLast()
        guard index < frames.count else { return }
        frames[index] = last
        positions[last] = index
        update(last, &positions, order)
    }

    /// Moves a frame whose rank changed, either way.
    mutating func update(_ frame: FrameNumber, _ positions: inout [Int], _ order: some FrameOrder) {
        let index = positions[frame]
        siftDown(index, &positions, order)
        siftUp(positions[frame], &positions, order)
    }

    /// For a rebuild, when every rank moved at once: empties the heap (keeping its room), takes
    /// the members in any order (`appendUnordered`), then orders them all in O(frames) (`heapify`).
    mutating func removeAll(_ positions: inout [Int]) {
        for frame in frames { positions[frame] = -1 }
        frames.removeAll(keepingCapacity: true)
    }

    mutating func appendUnordered(_ frame: FrameNumber) { frames.append(frame) }

    mutating func heapify(_ positions: inout [Int], _ order: some FrameOrder) {
        for (index, frame) in frames.enumerated() { positions[frame] = index }
        for index in stride(from: frames.count / 2 - 1, through: 0, by: -1) { siftDown(index, &positions, order) }
    }

    /// The first frame in order that passes `test`: a best-first walk down the heap that opens a
    /// frame's children only when the frame itself fails, so it looks at the frames ahead of the
    /// answer and their children, O(log frames) when the answer is near the front.
    func first(where test: (FrameNumber) -> Bool, _ order: some FrameOrder) -> FrameNumber? {
        var found: FrameNumber?
        walk(
            { frame in
                guard test(frame) else { return true }
                found = frame
                return false
            }, order)
        return found
    }

    /// Visits the frames in order until `visit` returns false: a best-first walk that opens a
    /// frame's children only once the frame itself is visited, so stopping early costs only the
    /// frames visited and their children.
    func walk(_ visit: (FrameNumber) -> Bool, _ order: some FrameOrder) {
        guard let top = frames.first, visit(top) else { return }
        // Heap indices still to visit, themselves a min-heap by their frames' order.
        var frontier: [Int] = []
        func push(_ index: Int) {
            guard index < frames.count else { return }
            frontier.append(index)
            var child = frontier.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard order.before(frames[frontier[child]], frames[frontier[parent]]) else { break }
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
                    if left < frontier.count, order.before(frames[frontier[left]], frames[frontier[smallest]]) { smallest = left }
                    if left + 1 < frontier.count, order.before(frames[frontier[left + 1]], frames[frontier[smallest]]) {
                        smallest = left + 1
                    }
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
            guard visit(frames[index]) else { return }
            push(2 * index + 1)
            push(2 * index + 2)
        }
    }

    /// Whether every frame is placed no earlier than its parent and where `positions` says: for
    /// the invariant checker.
    func isOrdered(_ positions: [Int], _ order: some FrameOrder) -> Bool {
        frames.indices.allSatisfy { index in
            positions[frames[index]] == index && (index == 0 || !order.before(frames[index], frames[(index - 1) / 2]))
        }
    }

    // MARK: - The heap

    private mutating func siftUp(_ start: Int, _ positions: inout [Int], _ order: some FrameOrder) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard order.before(frames[child], frames[parent]) else { return }
            swapEntries(child, parent, &positions)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int, _ positions: inout [Int], _ order: some FrameOrder) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            guard left < frames.count else { return }
            var smallest = order.before(frames[left], frames[parent]) ? left : parent
            if left + 1 < frames.count, order.before(frames[left + 1], frames[smallest]) { smallest = left + 1 }
            guard smallest != parent else { return }
            swapEntries(parent, smallest, &positions)
            parent = smallest
        }
    }

    @inline(__always) private mutating func swapEntries(_ i: Int, _ j: Int, _ positions: inout [Int]) {
        frames.swapAt(i, j)
        positions[frames[i]] = i
        positions[frames[j]] = j
    }
}
