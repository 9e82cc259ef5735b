/// What the simulator knows of every frame: the policies read it when they choose.
struct FrameTable {
    /// The page a frame holds (`PagingSimulator.free` or `.table` otherwise).
    let page: FrameColumn<Int>
    let dirty: FrameColumn<Bool>
    /// Holds a page table: never a candidate for eviction.
    let pinned: FrameColumn<Bool>
    /// The tick its page was loaded at.
    let loadedAt: FrameColumn<Int>

    init(count: Int, free: Int) {
        page = FrameColumn(count: count, repeating: free)
        dirty = FrameColumn(count: count, repeating: false)
        pinned = FrameColumn(count: count, repeating: false)
        loadedAt = FrameColumn(count: count, repeating: 0)
    }

    var count: Int { page.count }

    func deallocate() {
        page.deallocate()
        dirty.deallocate()
        pinned.deallocate()
        loadedAt.deallocate()
    }
}
