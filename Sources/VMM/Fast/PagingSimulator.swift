/// The reference path without the scenario machinery: one process's stream of page references
/// through a TLB and page replacement, at tens of millions of references a second.
///
/// It makes exactly the choices the scenario engine makes for one process whose memory is a
/// file mapped shared (lowest free frame first; every policy's victim with the engine's
/// tie-breaks; TLB fills, victims and shootdowns), so the two can be checked against each other.
/// Nothing on the per-reference path allocates, and no policy scans the frames on a fault: each
/// keeps its own order (`SimulatedReplacement`, the fast half of each policy's one type).
///
/// A simulator is a reference: `StreamSimulation` hands each to one worker at a time.
public final class PagingSimulator: @unchecked Sendable {
    public let policy: ReplacementPolicy
    private let core: ReferencePath

    /// framePage of a free frame, and of a frame that holds a page table.
    static let free = Int.min
    static let table = Int.min + 1

    /// `levels`: bits of the page number at each page-table level, top first; empty for one level,
    /// not modelled in memory. `inverted`: an inverted (hashed) page table instead.
    public init(
        policy: ReplacementPolicy, frames: Int, tlb: TLBConfiguration = TLBConfiguration(entries: 0), writePolicy: WritePolicy = .writeBack,
        seed: UInt64 = 1, parameters: ReplacementParameters = ReplacementParameters(), levels: [Int] = [], inverted: Bool = false
    ) {
        precondition(frames > 0, "at least one frame")
        precondition(!(inverted && !levels.isEmpty), "a page table is either inverted or multi-level")
        self.policy = policy
        let shape = MachineShape(
            policy: policy, frames: frames, tlb: tlb, writePolicy: writePolicy, seed: seed, parameters: parameters, levels: levels,
            inverted: inverted)
        core = policy.rule.referencePath(shape)
    }

    deinit { core.deallocate() }

    public var result: SimulationResult { core.result() }

    /// A run of references; `nextUses`, when given, as long as `pages`.
    public func access(pages: UnsafeBufferPointer<Int>, writes: UnsafeBufferPointer<Bool>, nextUses: UnsafeBufferPointer<Int>? = nil) {
        core.run(pages, writes, nextUses)
    }
}
