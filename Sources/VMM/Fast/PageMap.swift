/// Page number -> Int32, open addressing with linear probing and backward-shift deletion.
/// Sized for the frame count, so the simulator's hot path never allocates; it doubles when half
/// full, for maps whose size is not known ahead (the pages of OPT's look-ahead window).
///
/// The slots live in a `PageMapStorage` reference: a map is owned by one simulator or stream
/// and never copied, and its hot path pays no uniqueness or bounds check.
struct PageMap {
    private var storage: PageMapStorage
    static let empty = Int.min

    init(capacityFor count: Int) {
        var size = 16
        while size < count * 4 { size <<= 1 }
        storage = PageMapStorage(size: size)
    }

    var count: Int { storage.count }

    @inline(__always) func find(_ key: Int) -> Int32 { storage.find(key) }

    @inline(__always) mutating func insert(_ key: Int, _ value: Int32) {
        if storage.count * 2 >= storage.mask { storage = storage.doubled() }
        storage.insert(key, value)
    }

    mutating func remove(_ key: Int) { storage.remove(key) }

    mutating func removeAll() { storage.removeAll() }
}

/// Used by one thread at a time: the simulator or stream that owns it.
final class PageMapStorage: @unchecked Sendable {
    private let keys: UnsafeMutablePointer<Int>
    private let values: UnsafeMutablePointer<Int32>
    let mask: Int
    private(set) var count = 0

    init(size: Int) {
        keys = .allocate(capacity: size)
        keys.initialize(repeating: PageMap.empty, count: size)
        values = .allocate(capacity: size)
        values.initialize(repeating: -1, count: size)
        mask = size - 1
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    @inline(__always) private func slot(_ key: Int) -> Int {
        // Fibonacci hashing spreads sequential page numbers.
        Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
    }

    @inline(__always) func find(_ key: Int) -> Int32 {
        var index = slot(key)
        while true {
            let stored = keys[index]
            if stored == key { return values[index] }
            if stored == PageMap.empty { return -1 }
            index = (index + 1) & mask
        }
    }

    @inline(__always) func insert(_ key: Int, _ value: Int32) {
        var index = slot(key)
        while keys[index] != PageMap.empty && keys[index] != key { index = (index + 1) & mask }
        if keys[index] == PageMap.empty { count += 1 }
        keys[index] = key
        values[index] = value
    }

    /// A map twice the size with the same entries.
    func doubled() -> PageMapStorage {
        let larger = PageMapStorage(size: (mask + 1) * 2)
        for index in 0...mask where keys[index] != PageMap.empty { larger.insert(keys[index], values[index]) }
        return larger
    }

    func removeAll() {
        guard count > 0 else { return }
        keys.update(repeating: PageMap.empty, count: mask + 1)
        count = 0
    }

    func remove(_ key: Int) {
        var index = slot(key)
        while keys[index] != key {
            if keys[index] == PageMap.empty { return }
            index = (index + 1) & mask
        }
        count -= 1
        // Backward-shift: pull later entries of the probe run into the hole.
        var hole = index
        var next = (hole + 1) & mask
        while keys[next] != PageMap.empty {
            let home = slot(keys[next])
            let between = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next)
            if !between {
                keys[hole] = keys[next]
                values[hole] = values[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        keys[hole] = PageMap.empty
        values[hole] = -1
    }
}
