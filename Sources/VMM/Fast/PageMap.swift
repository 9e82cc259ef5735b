/// Page number -> frame, open addressing with linear probing and backward-shift deletion.
/// Sized once for the frame count, so the hot path never allocates.
struct PageMap {
    private var keys: [Int]
    private var values: [Int32]
    private let mask: Int
    static let empty = Int.min

    init(capacityFor count: Int) {
        var size = 16
        while size < count * 4 { size <<= 1 }
        keys = Array(repeating: Self.empty, count: size)
        values = Array(repeating: -1, count: size)
        mask = size - 1
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
            if stored == Self.empty { return -1 }
            index = (index + 1) & mask
        }
    }

    @inline(__always) mutating func insert(_ key: Int, _ value: Int32) {
        var index = slot(key)
        while keys[index] != Self.empty && keys[index] != key { index = (index + 1) & mask }
        keys[index] = key
        values[index] = value
    }

    mutating func remove(_ key: Int) {
        var index = slot(key)
        while keys[index] != key {
            if keys[index] == Self.empty { return }
            index = (index + 1) & mask
        }
        // Backward-shift: pull later entries of the probe run into the hole.
        var hole = index
        var next = (hole + 1) & mask
        while keys[next] != Self.empty {
            let home = slot(keys[next])
            let between = hole <= next ? (home > hole && home <= next) : (home > hole || home <= next)
            if !between {
                keys[hole] = keys[next]
                values[hole] = values[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        keys[hole] = Self.empty
        values[hole] = -1
    }
}
