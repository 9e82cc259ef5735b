/// A binary min-heap of indices: the scripts still to walk, lowest first, each taken once.
struct IndexHeap {
    private var items: [Int] = []
    private var seen = Set<Int>()

    init(_ indices: some Sequence<Int>) { indices.forEach { insert($0) } }

    mutating func insert(_ index: Int) {
        guard seen.insert(index).inserted else { return }
        items.append(index)
        var child = items.count - 1
        while child > 0, items[(child - 1) / 2] > items[child] {
            items.swapAt(child, (child - 1) / 2)
            child = (child - 1) / 2
        }
    }

    mutating func popMinimum() -> Int? {
        guard let first = items.first else { return nil }
        items[0] = items[items.count - 1]
        items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < items.count, items[left] < items[smallest] { smallest = left }
            if right < items.count, items[right] < items[smallest] { smallest = right }
            guard smallest != parent else { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return first
    }
}
