/// The frames in order of last use, as a doubly linked list through two frame columns: the head
/// is the least recently used, the tail the most. Every operation is O(1).
struct RecencyList {
    private let previous: FrameColumn<Int32>
    private let following: FrameColumn<Int32>
    private(set) var head: Int32 = -1
    private(set) var tail: Int32 = -1

    init(frames: Int) {
        previous = FrameColumn(count: frames, repeating: -1)
        following = FrameColumn(count: frames, repeating: -1)
    }

    @inline(__always) mutating func touch(_ frame: Int) {
        guard tail != Int32(frame) else { return }
        remove(frame)
        append(frame)
    }

    @inline(__always) mutating func remove(_ frame: Int) {
        let (before, after) = (previous[frame], following[frame])
        if before >= 0 { following[Int(before)] = after } else { head = after }
        if after >= 0 { previous[Int(after)] = before } else { tail = before }
        previous[frame] = -1
        following[frame] = -1
    }

    @inline(__always) mutating func append(_ frame: Int) {
        previous[frame] = tail
        following[frame] = -1
        if tail >= 0 { following[Int(tail)] = Int32(frame) } else { head = Int32(frame) }
        tail = Int32(frame)
    }

    func deallocate() {
        previous.deallocate()
        following.deallocate()
    }
}

/// A rule that keeps its frames in order of last use (LRU, MRU): every hook but the victim is the list's.
protocol RecencyRule: ReplacementRule {
    var order: RecencyList { get set }
    init(order: RecencyList)
}

extension RecencyRule {
    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) { self.init(order: RecencyList(frames: frames.count)) }
    mutating func loaded(_ frame: Int, _ frames: FrameTable) { order.append(frame) }
    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) { order.touch(frame) }
    mutating func evicted(_ frame: Int) { order.remove(frame) }
    func deallocate() { order.deallocate() }
}
