/// An order on frames for a `FrameHeap`: whether `a` should be evicted before `b`.
protocol FrameOrder {
    func before(_ a: Int, _ b: Int) -> Bool
}

/// A binary heap of frames with each frame's position known, so a frame whose key changed is
/// moved in O(log frames) and the first in order is read in O(1).
struct FrameHeap<Order: FrameOrder> {
    var order: Order
    private let items: FrameColumn<Int32>
    private let position: FrameColumn<Int32>
    private(set) var count = 0

    init(frames: Int, order: Order) {
        self.order = order
        items = FrameColumn(count: frames, repeating: -1)
        position = FrameColumn(count: frames, repeating: -1)
    }

    var first: Int { Int(items[0]) }

    mutating func insert(_ frame: Int) {
        items[count] = Int32(frame)
        position[frame] = Int32(count)
        count += 1
        siftUp(count - 1)
    }

    mutating func remove(_ frame: Int) {
        let index = Int(position[frame])
        guard index >= 0 else { return }
        count -= 1
        position[frame] = -1
        guard index != count else { return }
        let last = Int(items[count])
        items[index] = Int32(last)
        position[last] = Int32(index)
        update(last)
    }

    /// Restores the order after `frame`'s key changed either way.
    @inline(__always) mutating func update(_ frame: Int) {
        let index = Int(position[frame])
        if index > 0 && order.before(frame, Int(items[(index - 1) / 2])) { siftUp(index) } else { siftDown(index) }
    }

    /// Restores the order after every key may have changed: O(frames).
    mutating func rebuild() {
        guard count > 1 else { return }
        for index in stride(from: count / 2 - 1, through: 0, by: -1) { siftDown(index) }
    }

    private mutating func siftUp(_ start: Int) {
        var index = start
        let frame = Int(items[index])
        while index > 0 {
            let parent = (index - 1) / 2
            let above = Int(items[parent])
            guard order.before(frame, above) else { break }
            items[index] = Int32(above)
            position[above] = Int32(index)
            index = parent
        }
        items[index] = Int32(frame)
        position[frame] = Int32(index)
    }

    private mutating func siftDown(_ start: Int) {
        var index = start
        let frame = Int(items[index])
        while true {
            let left = 2 * index + 1
            guard left < count else { break }
            var child = left
            if left + 1 < count && order.before(Int(items[left + 1]), Int(items[left])) { child = left + 1 }
            let below = Int(items[child])
            guard order.before(below, frame) else { break }
            items[index] = Int32(below)
            position[below] = Int32(index)
            index = child
        }
        items[index] = Int32(frame)
        position[frame] = Int32(index)
    }

    func deallocate() {
        items.deallocate()
        position.deallocate()
    }
}
