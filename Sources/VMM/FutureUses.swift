/// One process's script as OPT reads it: for each page it touches, the indices of the operations
/// that touch it, ascending. Pages are kept sorted and found by binary search: OPT asks of every
/// candidate frame at every eviction, and hashing each page (SipHash) cost more than the search.
struct FutureUses: Hashable, Sendable {
    private let pages: [VirtualPageNumber]
    private let uses: [[Int]]

    init(_ script: [Operation], pageSize: Int) {
        var byPage: [VirtualPageNumber: [Int]] = [:]
        for (index, operation) in script.enumerated() {
            if let address = operation.accessedAddress, address >= 0 { byPage[address / pageSize, default: []].append(index) }
        }
        pages = byPage.keys.sorted()
        uses = pages.map { byPage[$0]! }
    }

    /// How many distinct pages the script touches.
    var pageCount: Int { pages.count }

    /// The first operation at or after `from` that touches `page`, if any.
    func nextUse(of page: VirtualPageNumber, from: Int) -> Int? {
        let slot = Self.firstIndex(in: pages, notBelow: page)
        guard slot < pages.count, pages[slot] == page else { return nil }
        let indices = uses[slot]
        let next = Self.firstIndex(in: indices, notBelow: from)
        return next < indices.count ? indices[next] : nil
    }

    /// Where `value` would go in the ascending `sorted`: the first index whose element is not below it.
    static func firstIndex(in sorted: [Int], notBelow value: Int) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
