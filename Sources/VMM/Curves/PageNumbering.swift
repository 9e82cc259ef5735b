/// Gives every distinct page a small number, 0, 1, 2, ... in order of first use, so the one-pass
/// analyses keep their per-page state in arrays.
struct PageNumbering {
    // Small at first and doubled as pages arrive: a short run does not pay to clear a large table.
    private var numbers = PageMap(capacityFor: 64)
    private(set) var count = 0

    /// The page's number, and whether this is its first use.
    @inline(__always) mutating func number(of page: Int) -> (Int, first: Bool) {
        let found = numbers.find(page)
        if found >= 0 { return (Int(found), false) }
        numbers.insert(page, Int32(truncatingIfNeeded: count))
        count += 1
        return (count - 1, true)
    }
}
