/// What one policy did with one reference stream.
public struct SimulationResult: Hashable, Sendable {
    public var policy: ReplacementPolicy
    public var frames: Int
    public var references = 0
    public var faults = 0
    public var evictions = 0
    /// Dirty pages written back when evicted (write-back), or at the end of the stream (none: it is not flushed).
    public var writebacks = 0
    /// Every write to disk: write-backs, plus each store under write-through.
    public var diskWrites = 0
    public var tlbHits = 0
    public var tlbMisses = 0
    /// Memory references made by page walks: one per level per walk.
    public var walkReferences = 0
    /// Page-table pages created (multi-level tables).
    public var pageTablePages = 0
    /// References to pages beyond the address space of the page table, skipped.
    public var outsideAddressSpace = 0
    /// True once every frame held a page table and nothing more could run (the engine kills the process).
    public var outOfMemory = false

    public var hits: Int { references - faults }
    public var hitRatio: Double { references == 0 ? 0 : Double(hits) / Double(references) }
}
