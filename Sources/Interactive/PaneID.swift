public enum PaneID: Int, CaseIterable, Hashable, Sendable {
    case processes, pageTable, tlb, frames, swap, files, counters, events
}
