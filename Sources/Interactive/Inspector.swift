import VMM

/// The life of one thing on the screen, told by the events of the run so far: a frame, a TLB
/// entry, a page-table entry, a swap slot or a page of a file. Opened with `i` on the focused
/// pane; each entry of a life can be jumped to (its step, with that event revealed).
public struct Inspector: Hashable, Sendable {
    public enum Subject: Hashable, Sendable {
        case frame(FrameNumber)
        case tlbEntry(cpu: Int, slot: Int)
        case pageTableEntry(ProcessID, VirtualPageNumber)
        case swapSlot(SwapSlotNumber)
        case filePage(FileID, Int)
    }

    /// One event in a life.
    public struct Entry: Hashable, Sendable {
        public var step: Int
        /// The event's place in its step (from 0).
        public var index: Int
        public var event: Event
    }

    public let pane: PaneID
    /// The things the pane shows, in its order.
    public let subjects: [Subject]
    public private(set) var selected = 0
    /// The selected subject's life, oldest first: its newest `lifeLimit` entries.
    public private(set) var life: [Entry] = []
    /// How many events its life has had (more than `life` holds when it is very long).
    public private(set) var lifeCount = 0
    /// The entry Enter jumps to (the newest, at first).
    public private(set) var entry = 0
    /// The step whose life is told: lives are read from steps 1...through.
    public let through: Int
    /// The next step to read, while the life is still being read (from the timeline's
    /// checkpoints, a stretch at a time, so a long run shows progress and can be left).
    public private(set) var reading: Int?
    /// The last step read, when Esc stopped the reading before `through`.
    public private(set) var stoppedAfter: Int?

    /// Entries of one life held at most: the newest.
    public static let lifeLimit = 10_000

    /// Nil when the pane shows nothing to inspect (the counters, the events).
    init?(pane: PaneID, machine: Machine, focusedProcess: ProcessID, cpu: Int, through step: Int) {
        let subjects: [Subject]
        switch pane {
        case .frames: subjects = machine.frames.indices.map { .frame($0) }
        case .tlb: subjects = machine.cpus[cpu].tlb.slots.indices.map { .tlbEntry(cpu: cpu, slot: $0) }
        case .pageTable, .processes:
            guard machine.processes.indices.contains(focusedProcess) else { return nil }
            subjects = machine.processes[focusedProcess].sortedPages.map { .pageTableEntry(focusedProcess, $0) }
        case .swap: subjects = machine.swap.indices.map { .swapSlot($0) }
        case .files: subjects = machine.files.flatMap { file in file.pages.indices.map { .filePage(file.id, $0) } }
        case .counters, .events: return nil
        }
        guard !subjects.isEmpty else { return nil }
        self.pane = pane
        self.subjects = subjects
        through = step
        select(0)
    }

    /// What a row of a pane's table shows (the swap table lists only the slots in use).
    public static func subject(atRow row: Int, of pane: PaneID, in machine: Machine, focusedProcess: ProcessID, cpu: Int) -> Subject? {
        guard row >= 0 else { return nil }
        switch pane {
        case .frames: return row < machine.frames.count ? .frame(row) : nil
        case .tlb: return row < machine.cpus[cpu].tlb.slots.count ? .tlbEntry(cpu: cpu, slot: row) : nil
        case .pageTable:
            let pages = machine.processes.indices.contains(focusedProcess) ? machine.processes[focusedProcess].sortedPages : []
            return row < pages.count ? .pageTableEntry(focusedProcess, pages[row]) : nil
        case .swap:
            let used = machine.swap.indices.filter { machine.swap[$0] != nil }
            return row < used.count ? .swapSlot(used[row]) : nil
        case .files:
            let pages = machine.files.flatMap { file in file.pages.indices.map { Subject.filePage(file.id, $0) } }
            return row < pages.count ? pages[row] : nil
        case .processes, .counters, .events: return nil
        }
    }

    /// Whether `event`, in a step run on `cpu`, is part of `subject`'s life.
    public static func concerns(_ event: Event, on cpu: Int?, _ subject: Subject) -> Bool {
        switch subject {
        case .frame(let frame): event.frame == frame
        case let .tlbEntry(tlbCPU, slot): event.tlbSlot == slot && (event.cpu ?? cpu ?? 0) == tlbCPU
        case let .pageTableEntry(pid, page): event.process == pid && event.page == page
        case .swapSlot(let slot): event.swapSlot == slot
        case let .filePage(file, page): event.file == file && event.filePage == page
        }
    }

    /// Chooses another subject; its life is read again from the start.
    mutating func select(_ index: Int) {
        selected = max(0, min(index, subjects.count - 1))
        life = []
        lifeCount = 0
        entry = 0
        reading = through >= 1 ? 1 : nil
        stoppedAfter = nil
    }

    /// Esc while reading: the life read so far is what it tells, the newest entry chosen.
    mutating func stopReading() {
        guard let next = reading else { return }
        stoppedAfter = next - 1
        reading = nil
        settle()
    }

    /// Reads about `budget` more steps of the chosen subject's life; true when it is all read.
    mutating func read(_ timeline: Timeline, budget: Int) -> Bool {
        guard let next = reading else { return true }
        let last = budget >= through - next + 1 ? through : next + max(1, budget - timeline.interval) - 1
        let subject = subjects[selected]
        timeline.forEachResult(next...last) { step in
            for (index, event) in step.events.enumerated() where Self.concerns(event, on: step.cpu, subject) {
                life.append(Entry(step: step.step, index: index, event: event))
                lifeCount += 1
            }
            return true
        }
        // Dropped in batches, so holding the newest costs no more than a copy per batch.
        if life.count > 2 * Self.lifeLimit { life.removeFirst(life.count - Self.lifeLimit) }
        reading = last >= through ? nil : last + 1
        guard reading == nil else { return false }
        settle()
        return true
    }

    /// The newest `lifeLimit` entries kept, the newest chosen.
    private mutating func settle() {
        if life.count > Self.lifeLimit { life.removeFirst(life.count - Self.lifeLimit) }
        entry = max(0, life.count - 1)
    }

    mutating func moveSubject(by delta: Int) { select(selected + delta) }

    mutating func moveEntry(by delta: Int) {
        guard !life.isEmpty else { return }
        entry = max(0, min(entry + delta, life.count - 1))
    }
}
