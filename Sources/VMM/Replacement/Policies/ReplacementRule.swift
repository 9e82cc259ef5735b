/// One replacement policy, whole, in one file: the engine's half (`EngineReplacement`: its
/// choice with the sentence that explains it, what it keeps per frame and how a use or the timer
/// changes that, its static facts, what the frames pane shows) and the fast simulator's half
/// (`SimulatedReplacement`: an order of the frames kept as pages come and go, so that its victim is
/// found in O(1) or O(log frames) rather than by a scan on every fault).
///
/// `ReplacementPolicy.rule` is the registry. `SimulatorTests` checks that the engine's choice and
/// the fast simulator's agree; `PolicyTableTests` holds every policy's faults and write-backs on the
/// textbook strings, a row per policy.
typealias ReplacementRule = EngineReplacement & SimulatedReplacement

/// The engine's half of a policy. Everything has a default but the choice and the pane's column,
/// so a policy that keeps nothing per frame and needs no timer writes only those.
protocol EngineReplacement {
    /// The engine's victim among `candidates` (the frames that may be evicted now), and a
    /// sentence saying why it was chosen; nil when there is none.
    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)?
    /// For a policy that ranks frames by what each records: a frame's rank, smallest evicted
    /// first (ties to the lower frame). The engine keeps its frames in this order
    /// (`EvictionOrder`); nil for the policies that sweep a hand or look ahead.
    static var evictionKey: (@Sendable (Frame.Ranks) -> EvictionOrder.Key)? { get }
    /// What the frames pane shows of each frame under this policy.
    static func view(of machine: Machine) -> PolicyView
    /// What follows the policy's name in the frames pane's title (Clock's hand).
    static func titleNote(_ machine: Machine) -> String

    /// `Frame.replacementData` of a frame a page has just been loaded into, at reference count `references`.
    static func loadedData(references: Int) -> UInt64
    /// Whether a use changes the frame's data (`touch`); false spares every access the call.
    static var touchesData: Bool { get }
    /// What a use does to the frame's data, at reference count `references`.
    static func touch(_ data: inout UInt64, references: Int, parameters: ReplacementParameters)

    /// Whether the policy needs a periodic timer that clears the R bits (NRU, Aging).
    static var usesTimer: Bool { get }
    /// Whether the timer changes every frame's data (`tick`), before the R bits are cleared.
    static var ticksData: Bool { get }
    /// What the timer does to one frame's data, given its R bit.
    static func tick(_ data: inout UInt64, referenced: Bool, parameters: ReplacementParameters)
    /// What the timer interrupt did, for its event ("NRU clears every referenced bit, ...").
    static func timerSentence(_ parameters: ReplacementParameters) -> String

    /// Whether the policy looks into the future (each page's next use): the engine then keeps
    /// `NextUseIndex`, ordered farthest first (OPT) or soonest first (UNOPT).
    static var lookAhead: LookAhead? { get }
    /// Whether the engine keeps `SweepStops` for the policy's hand (WSClock).
    static var keepsSweepStops: Bool { get }
    /// Whether the engine keeps `InsertionQueue`, the frames in load order, for the policy's hand (SIEVE).
    static var keepsInsertionQueue: Bool { get }
    /// The default of `ReplacementParameters.bits` for a policy with a counter of bits.
    static var defaultBits: Int? { get }

    /// The lists and ghost queues a policy keeps for `frames` frames (`ListPolicy`), or an unkept
    /// state: the machine then tells the rule of each page arriving, entering and used.
    static func listState(frames: Int, _ parameters: ReplacementParameters) -> ListState<FrameContent>
    /// A page is about to be faulted in (before any victim is chosen for it).
    static func listArrive(_ content: FrameContent, for pid: ProcessID, in machine: inout Machine)
    /// A page has entered `frame`.
    static func listEnter(_ frame: FrameNumber, in machine: inout Machine)
    /// A use of the page in `frame`, after the access that loaded it.
    static func listHit(_ frame: FrameNumber, in machine: inout Machine)
}

extension EngineReplacement {
    static var evictionKey: (@Sendable (Frame.Ranks) -> EvictionOrder.Key)? { nil }
    static func titleNote(_ machine: Machine) -> String { "" }
    static func loadedData(references: Int) -> UInt64 { 0 }
    static var touchesData: Bool { false }
    static func touch(_ data: inout UInt64, references: Int, parameters: ReplacementParameters) {}
    static var usesTimer: Bool { false }
    static var ticksData: Bool { false }
    static func tick(_ data: inout UInt64, referenced: Bool, parameters: ReplacementParameters) {}
    static func timerSentence(_ parameters: ReplacementParameters) -> String { "" }
    static var lookAhead: LookAhead? { nil }
    static var keepsSweepStops: Bool { false }
    static var keepsInsertionQueue: Bool { false }
    static var defaultBits: Int? { nil }
    static func listState(frames: Int, _ parameters: ReplacementParameters) -> ListState<FrameContent> { .placeholder() }
    static func listArrive(_ content: FrameContent, for pid: ProcessID, in machine: inout Machine) {}
    static func listEnter(_ frame: FrameNumber, in machine: inout Machine) {}
    static func listHit(_ frame: FrameNumber, in machine: inout Machine) {}
}

/// Which page a policy that knows the future wants first: the one used farthest ahead (OPT) or soonest (UNOPT).
enum LookAhead: Sendable { case farthest, soonest }

/// The fast simulator's half of a policy (`lookaside sim`): state kept as pages come and go. A rule
/// tracks the data frames only (a frame that holds a page table is evicted first, then `pinned`,
/// and never loaded again).
protocol SimulatedReplacement {
    /// The fast simulator for this rule, compiled for it.
    static func referencePath(_ shape: MachineShape) -> ReferencePath

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64)
    /// A page was loaded into `frame` (its `loadedAt` is already set): the frame is now a candidate.
    mutating func loaded(_ frame: Int, _ frames: FrameTable)
    /// `page` is about to be faulted in, before a frame is found for it (the list policies look
    /// for it in their ghost queues).
    mutating func arriving(_ page: Int)
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

extension SimulatedReplacement {
    static func referencePath(_ shape: MachineShape) -> ReferencePath { ReferencePath(Self.self, shape) }
    mutating func pinned(_ frame: Int) {}
    mutating func arriving(_ page: Int) {}
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
        case .sieve: SieveRule.self
        case .arc: ARCRule.self
        case .twoQ: TwoQRule.self
        case .s3fifo: S3FIFORule.self
        case .linux: LinuxRule.self
        case .mglru: MGLRURule.self
        }
    }
}
