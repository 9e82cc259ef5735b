/// A set of frames as a bitmap with a summary bitmap above it (one bit per nonzero word), so
/// the lowest member is found in O(frames / 4096) word reads: a handful even at 16,384 frames.
struct FrameBitSet {
    private let words: FrameColumn<UInt64>
    private let summary: FrameColumn<UInt64>

    init(frames: Int) {
        let wordCount = (frames + 63) / 64
        words = FrameColumn(count: wordCount, repeating: 0)
        summary = FrameColumn(count: (wordCount + 63) / 64, repeating: 0)
    }

    @inline(__always) func insert(_ frame: Int) {
        let word = frame >> 6
        words[word] |= 1 << UInt64(frame & 63)
        summary[word >> 6] |= 1 << UInt64(word & 63)
    }

    @inline(__always) func contains(_ frame: Int) -> Bool { words[frame >> 6] & (1 << UInt64(frame & 63)) != 0 }

    @inline(__always) func remove(_ frame: Int) {
        let word = frame >> 6
        words[word] &= ~(1 << UInt64(frame & 63))
        if words[word] == 0 { summary[word >> 6] &= ~(1 << UInt64(word & 63)) }
    }

    /// The lowest frame in the set, or nil.
    func first() -> Int? {
        for group in 0..<summary.count where summary[group] != 0 {
            let word = group << 6 | summary[group].trailingZeroBitCount
            return word << 6 | words[word].trailingZeroBitCount
        }
        return nil
    }

    /// Moves every member of `self` into `other` (a union), leaving `self` empty: O(frames / 64).
    func moveAll(into other: FrameBitSet) {
        for group in 0..<summary.count where summary[group] != 0 {
            var bits = summary[group]
            while bits != 0 {
                let word = group << 6 | bits.trailingZeroBitCount
                bits &= bits - 1
                other.words[word] |= words[word]
                other.summary[word >> 6] |= 1 << UInt64(word & 63)
                words[word] = 0
            }
            summary[group] = 0
        }
    }

    func deallocate() {
        words.deallocate()
        summary.deallocate()
    }
}
