/// Everything the engine counts, kept per process and in total.
public struct Counters: Hashable, Sendable {
    public var references = 0
    public var reads = 0
    public var writes = 0
    public var tlbHits = 0
    public var tlbMisses = 0
    public var minorFaults = 0
    public var majorFaults = 0
    public var protectionFaults = 0
    public var evictions = 0
    public var swapIns = 0
    public var swapOuts = 0
    public var diskReads = 0
    public var diskWrites = 0
    public var writeBacks = 0
    public var lockWaits = 0
    /// Closes held back until an earlier opener (or an earlier random rank) has closed.
    public var closeWaits = 0
    public var lostUpdates = 0
    public var mergeConflicts = 0
    public var contextSwitches = 0
    public var tlbShootdowns = 0
    /// Inter-processor interrupts sent for TLB shootdowns.
    public var ipis = 0
    /// Accesses through a translation whose page had left its frame (without shootdowns).
    public var staleTLBUses = 0
    /// Memory references made by page walks (one per level per walk).
    public var walkReferences = 0
    /// Page-table pages created (multi-level tables).
    public var pageTablePages = 0

    public init() {}

    /// Faults that brought a page in (minor plus major); protection faults are counted apart.
    public var pageFaults: Int { minorFaults + majorFaults }

    /// A counter's name as people and the scenario language spell it: "tlb_hits" is "tlb-hits".
    public static func spelled(_ name: String) -> String { String(name.map { $0 == "_" ? "-" : $0 }) }

    /// Every counter with its name, in a fixed order, for tables and JSON.
    public var named: [(name: String, value: Int)] {
        [
            ("references", references), ("reads", reads), ("writes", writes),
            ("tlb_hits", tlbHits), ("tlb_misses", tlbMisses),
            ("minor_faults", minorFaults), ("major_faults", majorFaults), ("protection_faults", protectionFaults),
            ("evictions", evictions), ("swap_ins", swapIns), ("swap_outs", swapOuts),
            ("disk_reads", diskReads), ("disk_writes", diskWrites), ("write_backs", writeBacks),
            ("lock_waits", lockWaits), ("close_waits", closeWaits), ("lost_updates", lostUpdates), ("merge_conflicts", mergeConflicts),
            ("context_switches", contextSwitches), ("tlb_shootdowns", tlbShootdowns), ("ipis", ipis), ("stale_tlb_uses", staleTLBUses),
            ("walk_references", walkReferences), ("page_table_pages", pageTablePages),
        ]
    }
}

extension Counters {
    /// Field-by-field sum.
    public func adding(_ other: Counters) -> Counters {
        var total = self
        total.references += other.references
        total.reads += other.reads
        total.writes += other.writes
        total.tlbHits += other.tlbHits
        total.tlbMisses += other.tlbMisses
        total.minorFaults += other.minorFaults
        total.majorFaults += other.majorFaults
        total.protectionFaults += other.protectionFaults
        total.evictions += other.evictions
        total.swapIns += other.swapIns
        total.swapOuts += other.swapOuts
        total.diskReads += other.diskReads
        total.diskWrites += other.diskWrites
        total.writeBacks += other.writeBacks
        total.lockWaits += other.lockWaits
        total.closeWaits += other.closeWaits
        total.lostUpdates += other.lostUpdates
        total.mergeConflicts += other.mergeConflicts
        total.contextSwitches += other.contextSwitches
        total.tlbShootdowns += other.tlbShootdowns
        total.ipis += other.ipis
        total.staleTLBUses += other.staleTLBUses
        total.walkReferences += other.walkReferences
        total.pageTablePages += other.pageTablePages
        return total
    }
}
