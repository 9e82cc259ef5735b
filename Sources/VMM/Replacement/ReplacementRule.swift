/// One replacement policy, whole: the engine's choice with the sentence that explains it, what
/// the frames pane shows of each frame, and how the fast simulator keeps its order of the frames
/// so that its victim is found in O(1) or O(log frames) rather than by a scan on every fault.
///
/// Each policy is one type in its own file; `ReplacementPolicy.rule` is the registry. The fast
/// simulator calls the hooks as pages come and go; a rule tracks the data frames only (a frame
/// that holds a page table is evicted first, then `pinned`, and never loaded again).
/// `SimulatorTests` checks that the engine's choice and the fast simulator's agree.
protocol ReplacementRule {
    /// The engine's victim among `candidates` (the frames that may be evicted now), and a
    /// sentence saying why it was chosen; nil when there is none.
    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)?
    /// For a policy that ranks frames by what each records: a frame's rank, smallest evicted
    /// first (ties to the lower frame). The engine keeps its frames in this order
    /// (`EvictionOrder`); nil for the policies that sweep a hand or look ahead.
    static var evictionKey: (@Sendable (Frame.Ranks) -> EvictionOrder.Key)? { get }
    /// What the frames pane shows of each frame under this policy.
    static func view(of machine: Machine) -> PolicyView
    /// The fast simulator for this rule, compiled for it.
    static func referencePath(_ shape: MachineShape) -> ReferencePath

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
    static func referencePath(_ shape: MachineShape) -> ReferencePath { ReferencePath(Self.self, shape) }
    static var evictionKey: (@Sendable (Frame.Ranks) -> EvictionOrder.Key)? { nil }
    mutating func pinned(_ frame: Int) {}
    mutating func timer(used: Int, _ frames: FrameTable) {}
}

extension ReplacementPolicy {
    /// The registry: each policy's rule.
    var rule: any ReplacementRule.Type {
        switch self {
        case .lru: LRURule.self
        case .mru: MRURule.self
        case .fifo: FIFORule.self
        case .random: RandomRule.self
        case .clock: ClockRule.self
        case .gclock: GClockRule.self
        case .wsclock: WSClockRule.self
        case .opt: OPTRule.self
        case .unopt: UNOPTRule.self
        case .lfu: LFURule.self
        case .nru: NRURule.self
        case .aging: AgingRule.self
        case .mfu: MFURule.self
        }
    }
}
