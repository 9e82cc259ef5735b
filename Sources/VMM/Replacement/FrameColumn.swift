/// One value per frame in memory the simulator allocates once and frees once: the fast
/// simulator's storage. Unlike an array inside a struct it is never copied and pays no
/// uniqueness or bounds check on the hot path (bounds are asserted in debug builds).
struct FrameColumn<Element> {
    let base: UnsafeMutablePointer<Element>
    let count: Int

    init(count: Int, repeating value: Element) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: max(count, 1))
    }

    @inline(__always) subscript(index: Int) -> Element {
        get {
            assert(index >= 0 && index < count, "frame \(index) out of 0..<\(count)")
            return base[index]
        }
        nonmutating set {
            assert(index >= 0 && index < count, "frame \(index) out of 0..<\(count)")
            base[index] = newValue
        }
    }

    func deallocate() {
        base.deinitialize(count: max(count, 1))
        base.deallocate()
    }
}

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
