import VMM

/// Where the user is looking: the process whose page table is shown, the CPU whose TLB a narrow
/// TLB pane shows, the pane that takes scroll keys, and how far each pane is scrolled. A child
/// of the session with its own updates; equal values look at the same things.
public struct Focus: Equatable, Sendable {
    public var process: ProcessID = 0
    /// The CPU whose TLB a narrow TLB pane shows; nil: the CPU that ran the step shown.
    public var cpu: Int?
    public var pane: PaneID = .pageTable
    public var scroll: [PaneID: Int] = [:]

    public init(process: ProcessID = 0, cpu: Int? = nil, pane: PaneID = .pageTable, scroll: [PaneID: Int] = [:]) {
        self.process = process
        self.cpu = cpu
        self.pane = pane
        self.scroll = scroll
    }

    /// The next (or previous) of `count` processes, its page table from the top.
    mutating func cycleProcess(by delta: Int, count: Int) {
        guard count > 0 else { return }
        process = ((process + delta) % count + count) % count
        scroll[.pageTable] = 0
    }

    /// The next CPU's TLB, from the one shown (`ran`: the CPU that ran the step); false when
    /// there is only one.
    mutating func nextCPU(count: Int, ran: Int?) -> Bool {
        guard count > 1 else { return false }
        cpu = ((cpu ?? ran ?? 0) + 1) % count
        scroll[.tlb] = 0
        return true
    }

    /// The next (or previous) pane in reading order.
    mutating func cyclePane(by delta: Int) {
        let count = PaneID.allCases.count
        pane = PaneID(rawValue: (pane.rawValue + count + delta) % count)!
    }

    /// Scrolls the focused pane, within `limit` either way; only the events pane scrolls above
    /// where it opens (into the steps before the one shown).
    mutating func scrollPane(by delta: Int, limit: Int) {
        let moved = (scroll[pane] ?? 0) + max(-limit, min(limit, delta))
        scroll[pane] = max(pane == .events ? -limit : 0, min(limit, moved))
    }

    /// After a process exits, the page table of one that still has one: the one running, else the first.
    mutating func keepOnALiveProcess(_ machine: Machine) {
        let processes = machine.processes
        guard processes.indices.contains(process), processes[process].pageTable.isEmpty else { return }
        if let running = machine.running, !processes[running].pageTable.isEmpty {
            process = running
        } else if let alive = processes.firstIndex(where: { !$0.pageTable.isEmpty }) {
            process = alive
        }
    }
}
