/// What one pass over a stack policy's references counts, for every memory size 1...depth at once:
/// how deep each reference was found (a fault in every smaller memory), and, under write-back,
/// each page's dirty write-backs.
///
/// A page found at distance d was evicted since its previous use in every memory of fewer than d
/// frames, and nowhere else. It is dirty in a memory of C frames when it was written after its
/// last load there, that is when every reference since its last write was found within C: so one
/// number per page, the smallest memory it is dirty in, says where each eviction writes back, and
/// a difference array adds that range in O(1).
struct StackTally {
    let depth: Int
    let writeBack: Bool
    /// References found at distance d, for d in 1...depth; [depth + 1]: deeper, or a first use.
    private(set) var found: [Int]
    /// Per page number: the smallest memory (in frames) in which the page is dirty; depth + 1: none.
    private var dirtyFrom: [Int] = []
    /// Write-backs by memory size, as differences: entry C adds to every size from C up.
    private var writebackSteps: [Int]
    private(set) var references = 0
    private(set) var writes = 0

    init(depth: Int, writeBack: Bool) {
        self.depth = depth
        self.writeBack = writeBack
        found = Array(repeating: 0, count: depth + 2)
        writebackSteps = Array(repeating: 0, count: depth + 2)
    }

    /// A reference to page number `page` (numbers in order of first use) found at `distance`.
    @inline(__always) mutating func record(_ page: Int, distance: Int, write: Bool) {
        let distance = min(distance, depth + 1)
        if page == dirtyFrom.count { dirtyFrom.append(depth + 1) }
        found[distance] &+= 1
        references &+= 1
        evicted(page, below: distance)
        if write {
            writes &+= 1
            if writeBack { dirtyFrom[page] = 1 }
        } else if distance > dirtyFrom[page] {
            // Reloaded clean in every memory smaller than the distance.
            dirtyFrom[page] = distance
        }
    }

    /// The page was evicted from every memory smaller than `position` frames: where it was dirty,
    /// that eviction wrote it back.
    @inline(__always) private mutating func evicted(_ page: Int, below position: Int) {
        let from = dirtyFrom[page]
        if from < position {
            writebackSteps[from] &+= 1
            writebackSteps[position] &-= 1
        }
    }

    /// Results for each memory size in `frames`, given every page's position in the stack at the
    /// end (pages below a memory's size were evicted after their last use: their write-backs count).
    func results(policy: ReplacementPolicy, frames: ClosedRange<Int>, positions: [Int]) -> [SimulationResult] {
        var final = self
        for (page, position) in positions.enumerated() { final.evicted(page, below: min(position, depth + 1)) }
        var faultsAbove = [Int](repeating: 0, count: depth + 2)
        for distance in stride(from: depth, through: 0, by: -1) { faultsAbove[distance] = faultsAbove[distance + 1] + found[distance + 1] }
        var writebacks = 0
        var results: [SimulationResult] = []
        for size in 1...depth {
            writebacks += final.writebackSteps[size]
            guard frames.contains(size) else { continue }
            var result = SimulationResult(policy: policy, frames: size)
            result.references = references
            result.faults = faultsAbove[size]
            // Every fault once memory is full evicts; memory fills with the first `size` pages.
            result.evictions = result.faults - min(size, positions.count)
            result.writebacks = writeBack ? writebacks : 0
            result.diskWrites = writeBack ? writebacks : writes
            result.walkReferences = references
            results.append(result)
        }
        return results
    }
}
