/// One processor: its own TLB, the process it runs, and what it did about other CPUs' changes.
public struct CPU: Hashable, Sendable {
    public let id: Int
    public internal(set) var tlb: TLB
    /// The process this CPU ran last (it may have blocked or exited since).
    public internal(set) var running: ProcessID?
    /// Operations the running process has had in its current turn.
    var quantumUsed = 0
    /// Lazy shootdown: address spaces whose translations this CPU must drop before it next runs
    /// them, because a change was made while it ran something else (sorted).
    public internal(set) var deferredFlushes: [ProcessID] = []
    public internal(set) var counters = CPUCounters()
    /// With a limit on address-space ids (`tlb asids N`): the process each id is given to now,
    /// and the id the next newcomer takes, round robin as Linux's `choose_new_asid` does.
    public internal(set) var asidOwners: [ProcessID?] = []
    var nextASID = 0

    init(id: Int, tlb: TLBConfiguration) {
        self.id = id
        self.tlb = TLB(configuration: tlb)
        if let asids = tlb.asids, tlb.tagged { asidOwners = Array(repeating: nil, count: asids) }
    }
}

/// What each CPU counts about keeping the TLBs true.
public struct CPUCounters: Hashable, Sendable {
    /// Inter-processor interrupts this CPU sent to ask others to drop translations.
    public var ipis = 0
    /// Entries dropped from this CPU's TLB because a mapping changed (its own, or on request).
    public var tlbShootdowns = 0
    /// Uses of a translation that no longer held (only without shootdowns).
    public var staleTLBUses = 0
    public var contextSwitches = 0

    public init() {}
}

/// How a CPU that changes a mapping makes the other CPUs' TLBs forget it.
public enum ShootdownPolicy: String, Hashable, CaseIterable, Sendable {
    /// Interrupt every other CPU whose TLB may hold the translation and wait for each to drop it.
    case eager
    /// Interrupt only the CPUs running that address space now; the others drop its translations
    /// when they next switch to it.
    case lazy
    /// Tell nobody: other CPUs go on using stale translations (a teaching mode showing why
    /// shootdowns exist).
    case none
    /// Linux x86 (arch/x86/mm/tlb.c): lazy for changes of mapping, but a change that frees page
    /// tables (an exit, an unmap) interrupts every CPU in the mask, lazy ones too; a CPU stays in
    /// a process's mask after switching away until a flush finds it running something else.
    case linux
}
