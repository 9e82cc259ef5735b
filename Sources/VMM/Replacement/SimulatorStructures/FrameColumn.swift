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
