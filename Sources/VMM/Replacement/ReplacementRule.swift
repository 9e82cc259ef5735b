/// How one replacement policy keeps its order of the frames in the fast simulator, so that its
/// victim is found in O(1) or O(log frames), not by scanning every frame on every fault.
///
/// The simulator calls the hooks as pages come and go; a rule tracks the data frames only (a frame
/// that holds a page table is evicted first, then `pinned`, and never loaded again). Each policy
/// is one type in its own file; `ReplacementPolicy.rule` is the registry.
protocol ReplacementRule {
    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64)
    /// A page was loaded into `frame` (its `loadedAt` is already set): the frame is now a candidate.
    mutating func loaded(_ frame: Int, _ frames: FrameTable)
    /// A reference to the page in `frame` at tick `now` (its dirty bit already set if it was
    /// written); `nextUse` is the stream index of the page's next reference (only OPT looks).
    mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable)
    /// The page in `frame` leaves memory: the frame is no longer a candidate.
    mutating func evicted(_ frame: Int)
    /// `frame` now holds a page table.
    mutating func pinned(_ frame: Int)
    /// The frame to evict, when every frame is in use and at least one holds data. A rule that
    /// writes dirty pages back as it goes (WSClock) counts them in `result`. `generator` is the
    /// machine's one random source, shared with the TLB's random replacement as in the engine.
    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int
    /// The timer interrupt, every `parameters.interval` references, for rules that use it.
    mutating func timer(used: Int, _ frames: FrameTable)
    func deallocate()
}

extension ReplacementRule {
    mutating func pinned(_ frame: Int) {}
    mutating func timer(used: Int, _ frames: FrameTable) {}
}
