/// One process's script as OPT reads it: for each page it touches, the indices of the operations
/// that touch it, ascending, all in one array. OPT asks of every user of a frame it weighs (a
/// page-cache page: every process that maps the file), so a page is found by direct index when
/// the pages the script touches lie close together, as they usually do, and by binary search
/// over the sorted pages otherwise (hashing each page, SipHash, cost more than the search).
struct FutureUses: Hashable, Sendable {
    /// The pages touched, ascending.
    private let pages: [VirtualPageNumber]
    /// The uses of `pages[slot]` are `uses[starts[slot]..<starts[slot + 1]]`.
    private let starts: [Int]
    private let uses: [Int]
    /// When the pages lie close together: each page's slot by `page - pages[0]`, -1 for a page
    /// not touched; empty otherwise.
    private let slotOfPage: [Int32]

    init(_ script: [Operation], pageSize: Int) {
        var byPage: [VirtualPageNumber: [Int]] = [:]
        for (index, operation) in script.enumerated() {
            if let address = operation.accessedAddress, address >= 0 { byPage[address / pageSize, default: []].append(index) }
        }
        pages = byPage.keys.sorted()
        var starts = [0]
        var uses: [Int] = []
        for page in pages {
            uses += byPage[page]!
            starts.append(uses.count)
        }
        self.starts = starts
        self.uses = uses
        // A table at most four times the pages touched (and a little), of 4-byte slots.
        if let first = pages.first, let last = pages.last, last - first < 4 * pages.count + 64 {
            var slots = [Int32](repeating: -1, count: last - first + 1)
            for (slot, page) in pages.enumerated() { slots[page - first] = Int32(slot) }
            slotOfPage = slots
        } else {
            slotOfPage = []
        }
    }

    /// How many distinct pages the script touches.
    var pageCount: Int { pages.count }

    /// The first operation at or after `from` that touches `page`, if any.
    func nextUse(of page: VirtualPageNumber, from: Int) -> Int? {
        guard let slot = slot(of: page) else { return nil }
        let end = starts[slot + 1]
        let next = Self.firstIndex(in: uses, from: starts[slot], to: end, notBelow: from)
        return next < end ? uses[next] : nil
    }

    private func slot(of page: VirtualPageNumber) -> Int? {
        guard !slotOfPage.isEmpty else {
            let slot = Self.firstIndex(in: pages, from: 0, to: pages.count, notBelow: page)
            return slot < pages.count && pages[slot] == page ? slot : nil
        }
        let offset = page - pages[0]
        guard offset >= 0, offset < slotOfPage.count, slotOfPage[offset] >= 0 else { return nil }
        return Int(slotOfPage[offset])
    }

    /// Where `value` would go in the ascending `sorted[from..<to]`: the first index whose element
    /// is not below it.
    static func firstIndex(in sorted: [Int], from: Int, to: Int, notBelow value: Int) -> Int {
        var low = from, high = to
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
