/// The data frames in the order their pages were loaded, oldest first, for the policies whose hand
/// walks that order (SIEVE): each entry a key, the load's tick and the frame, ascending. A frame
/// reloaded or freed leaves its old entry behind, passed over (`isCurrent`) and dropped when stale
/// entries outnumber the live ones, so every change is O(1) amortized and no fault scans the frames.
///
/// Derived from the frames (their `loadedAt`): equality and hashing ignore it.
struct InsertionQueue: Hashable, Sendable {
    let isKept: Bool
    /// Each load's key, ascending (`key(loadedAt:frame:)`).
    private(set) var keys: [Int] = []
    /// Each frame's current key; -1 for a frame holding no data.
    private var current: [Int]
    private var live = 0

    init(frames: Int, kept: Bool) {
        isKept = kept
        current = Array(repeating: -1, count: kept ? frames : 0)
    }

    static func == (_: InsertionQueue, _: InsertionQueue) -> Bool { true }
    func hash(into hasher: inout Hasher) {}

    /// A load's key: its tick, then the frame (frames are fewer than 2^20).
    static func key(loadedAt: Int, frame: FrameNumber) -> Int { loadedAt << 20 | frame }
    static func frame(of key: Int) -> FrameNumber { key & (1 << 20 - 1) }

    /// Whether `key` is its frame's current load.
    func isCurrent(_ key: Int) -> Bool { current[Self.frame(of: key)] == key }

    /// Takes a frame's change: a new load appends its key; a frame that no longer holds data drops it.
    mutating func update(_ frame: FrameNumber, _ state: Frame.Ranks) {
        let key = state.holdsData ? Self.key(loadedAt: state.loadedAt, frame: frame) : -1
        guard current[frame] != key else { return }
        if current[frame] >= 0 { live -= 1 }
        current[frame] = key
        guard key >= 0 else { return }
        live += 1
        // Loads come in tick order; only those of one tick (readahead) may come out of frame order.
        var at = keys.count
        while at > 0, keys[at - 1] > key { at -= 1 }
        // A frame freed and loaded again within one tick has the same key: its old entry serves.
        if at == 0 || keys[at - 1] != key { keys.insert(key, at: at) }
        if keys.count > 2 * live + 64 {
            let current = self.current
            keys.removeAll { current[Self.frame(of: $0)] != $0 }
        }
    }

    /// The position of the first entry whose key is at least `key` (binary search); `keys.count` when none is.
    func firstIndex(atOrAfter key: Int) -> Int {
        var low = 0, high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
