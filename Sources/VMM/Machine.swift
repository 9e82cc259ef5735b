/// The whole simulated machine: a value you step.
///
/// `step()` runs one operation of one process and returns the events it caused.
/// Nothing here reads a clock, does I/O or draws unseeded randomness, so the same
/// machine stepped the same number of times is always the same machine.
public struct Machine: Hashable, Sendable {
    public let configuration: MachineConfiguration
    public internal(set) var processes: [Process]
    public internal(set) var frames: [Frame]
    public internal(set) var swap: [SwapSlot?]
    /// The free slots of `swap`, kept with it.
    public internal(set) var freeSwapSlots: SlotBitmap
    /// The free frames, kept with `frames` (`load` takes one, `freeFrame` gives it back).
    var freeFrames: SlotBitmap
    public internal(set) var files: [DiskFile]
    /// The processors, each with its own TLB and running process.
    public internal(set) var cpus: [CPU]
    /// The CPU that ran the last step (whose TLB `tlb` is).
    public internal(set) var cpu: Int
    public internal(set) var generator: SeededGenerator
    public internal(set) var counters = Counters()
    /// Steps taken so far.
    public internal(set) var stepCount = 0
    /// A logical clock advanced on every memory touch; orders FIFO and LRU.
    public internal(set) var tick = 0
    /// Where the clock (second chance) hand points.
    public internal(set) var clockHand = 0
    /// The process that ran the last step.
    public internal(set) var running: ProcessID?
    public internal(set) var isFinished = false
    /// Completed memory references since the last timer interrupt (NRU, Aging).
    var sinceTimer = 0
    var scheduleIndex = 0
    /// Events of the step in progress; empty between steps.
    var pending: [Event] = []
    /// Under Linux shootdowns: the other CPUs' flushes this step's changes need, sent together
    /// at its end (one IPI per CPU and process, as Linux's mmu_gather and reclaim batches do).
    var batchedFlushes: [BatchedFlush] = []
    /// While capturing, a copy of the machine as it was when each event was announced.
    var capturedStates: [Machine]?
    /// For OPT: per process, the script indices at which each virtual page is touched.
    let futureUses: [FutureUses]
    /// For OPT and UNOPT: the frames by next use (not part of the state: equal whatever it holds).
    var nextUses: NextUseIndex
    /// The data frames in the replacement policy's order, for the policies that rank frames
    /// (not part of the state: equal whatever it holds).
    var evictionOrder: EvictionOrder
    /// Under WSClock, the frames its hand must stop at (not part of the state either).
    var sweepStops: SweepStops
    /// Under SIEVE, the frames in load order for its hand (not part of the state either).
    var insertionQueue: InsertionQueue
    /// Under the list policies (ARC, 2Q, S3-FIFO, Linux, MGLRU), their lists and ghost queues: state, unlike the indexes above.
    var lists: ListState<FrameContent>
    /// Frames each process may hold under local allocation.
    public let allotments: [Int]
    /// Under local allocation, the frames each process holds now (those it loaded, page tables
    /// too), kept as frames are loaded and freed: a fault asks how many, and random replacement
    /// draws among them. Empty under global allocation.
    var framesOwned: [SlotBitmap]
    /// The inverted page table's buckets: resident translations, newest first in each chain.
    public internal(set) var hashChains: [[ReverseMapEntry]]

    public init(configuration: MachineConfiguration, files: [FileSpec], processes: [ProcessSpec]) {
        precondition(configuration.problems.isEmpty, configuration.problems.joined(separator: "; "))
        self.configuration = configuration
        self.files = files.enumerated().map { DiskFile(id: $0.offset, name: $0.element.name, pages: $0.element.pages) }
        self.processes = processes.enumerated().map {
            Process(id: $0.offset, name: $0.element.name, script: $0.element.script, startsRunning: $0.element.startsRunning)
        }
        frames = Array(repeating: Frame(wordsPerPage: configuration.wordsPerPage), count: configuration.frames)
        swap = Array(repeating: nil, count: configuration.swapSlots)
        freeSwapSlots = SlotBitmap(slots: configuration.swapSlots)
        freeFrames = SlotBitmap(slots: configuration.frames)
        cpus = (0..<configuration.cpus).map { CPU(id: $0, tlb: configuration.tlb) }
        // So the first step, on "the next CPU", is on CPU 0.
        cpu = configuration.cpus - 1
        generator = SeededGenerator(seed: configuration.seed)
        let pageSize = configuration.pageSize
        futureUses = processes.map { FutureUses($0.script, pageSize: pageSize) }
        let rule = configuration.replacement.rule
        nextUses = NextUseIndex(
            frames: configuration.frames, processes: processes.count, kept: rule.lookAhead != nil, farthest: rule.lookAhead == .farthest)
        evictionOrder = EvictionOrder(
            frames: configuration.frames, key: rule.evictionKey,
            processes: configuration.allocation.scope == .local ? processes.count : nil)
        sweepStops = SweepStops(frames: configuration.frames, kept: rule.keepsSweepStops)
        insertionQueue = InsertionQueue(frames: configuration.frames, kept: rule.keepsInsertionQueue)
        lists = rule.listState(frames: configuration.frames, configuration.replacementParameters)
        hashChains = configuration.invertedPageTable ? Array(repeating: [], count: configuration.hashBuckets) : []
        framesOwned =
            configuration.allocation.scope == .local
            ? Array(repeating: SlotBitmap(slots: configuration.frames, full: false), count: processes.count) : []
        allotments = Self.allotments(
            frames: configuration.frames, sizes: futureUses.map(\.pageCount), share: configuration.allocation.share)
        isFinished = !self.processes.contains { $0.state == .ready }
    }

    /// Splits the frames: equally, or in proportion to the pages each script touches. Each gets
    /// at least one; the shares add up to the frames (or to one each, if there are fewer frames
    /// than processes): rounding leftovers go to the largest remainders, first process first,
    /// and an excess is taken back from the largest shares, last process first.
    static func allotments(frames: Int, sizes: [Int], share: FrameAllocation.Share) -> [Int] {
        guard !sizes.isEmpty else { return [] }
        let weights = share == .equal ? sizes.map { _ in 1 } : sizes.map { max(1, $0) }
        let total = weights.reduce(0, +)
        var shares = weights.map { max(1, frames * $0 / total) }
        let remainders = weights.map { frames * $0 % total }
        var sum = shares.reduce(0, +)
        let byRemainder = shares.indices.sorted { (remainders[$1], -$1) < (remainders[$0], -$0) }
        var next = 0
        while sum < frames {
            shares[byRemainder[next % shares.count]] += 1
            sum += 1
            next += 1
        }
        while sum > max(frames, shares.count) {
            let largest = shares.indices.reversed().max { shares[$0] < shares[$1] }!
            shares[largest] -= 1
            sum -= 1
        }
        return shares
    }

    /// The operation a process runs next: its script's, or the implicit exit at its end.
    public func currentOperation(of process: ProcessID) -> Operation {
        processes[process].nextOperation ?? .exit
    }

    /// Roughly the bytes one copy of the machine takes (frames, swap, files, page tables), for
    /// sizing what is kept of it: checkpoints, the states of a revealed step.
    public var estimatedBytes: Int {
        let words = configuration.wordsPerPage * 8
        let pages = files.reduce(0) { $0 + $1.pages.count } + processes.reduce(0) { $0 + $1.pageTable.count }
        // The eviction order, when kept: a key, a position and a heap slot for every frame (OPT's
        // index: an entry, a position and a heap slot).
        let order = evictionOrder.isKept ? 32 : nextUses.isKept ? 48 : 0
        return 1024 + frames.count * (96 + order + words) + swap.count * (48 + words) + pages * (64 + words)
    }

    /// Runs one operation of the process the scheduler picks.
    @discardableResult
    public mutating func step() -> StepResult {
        guard !isFinished else { return StepResult(step: stepCount, process: nil, operation: nil, events: []) }
        stepCount += 1
        tick += 1
        // Room for a step's usual events at once: growing from empty copied them three times.
        pending = []
        pending.reserveCapacity(8)
        guard let pid = schedule() else {
            finishIfStuck()
            return StepResult(step: stepCount, process: nil, operation: nil, events: takeEvents())
        }
        let operation = currentOperation(of: pid)
        let description = describe(operation)
        let outcome = execute(operation, by: pid)
        if outcome == .completed, !processes[pid].state.isDone {
            processes[pid].programCounter = min(processes[pid].programCounter + 1, processes[pid].script.count)
            passedUse(pid, operation)
        }
        // The daemon's write-backs may write-protect pages, whose flushes go with the step's batch.
        runWritebackDaemon()
        sendBatchedFlushes()
        finishIfStuck(lookingFrom: pid)
        return StepResult(
            step: stepCount, process: pid, operation: description, events: takeEvents(), cpu: cpu, address: operation.accessedAddress)
    }

    /// Returns the state after one step and the events it caused, leaving `self` untouched.
    public func stepped() -> (Machine, StepResult) {
        var next = self
        let result = next.step()
        return (next, result)
    }

    enum Outcome { case completed, blocked }

    mutating func execute(_ operation: Operation, by pid: ProcessID) -> Outcome {
        switch operation {
        case let .map(file, address, pages, mode): mapFile(pid, file: file, address: address, pages: pages, mode: mode)
        case let .alloc(address, pages): allocate(pid, address: address, pages: pages)
        case let .read(address): access(pid, address: address, writing: nil)
        case let .write(address, value): access(pid, address: address, writing: value)
        case let .sync(file): sync(pid, file: file)
        case let .msync(address, pages): msync(pid, address: address, pages: pages)
        case let .fsync(file): fsync(pid, file: file)
        case .syncAll: syncAll(pid)
        case let .close(file): close(pid, file: file)
        case let .fork(child): fork(pid, child: child)
        case .exit: exit(pid)
        }
    }

    mutating func takeEvents() -> [Event] {
        defer { pending = [] }
        return pending
    }

    mutating func emit(_ event: consuming Event) {
        if capturedStates != nil {
            var snapshot = self
            snapshot.capturedStates = nil
            snapshot.pending = []
            capturedStates!.append(snapshot)
        }
        pending.append(event)
    }

    /// Steps once and also returns the machine as it was when each event was announced,
    /// so an interface can show an operation's events one at a time with the state at each.
    public mutating func stepShowingEachEvent() -> (result: StepResult, states: [Machine]) {
        capturedStates = []
        let result = step()
        let states = capturedStates ?? []
        capturedStates = nil
        return (result, states)
    }

    /// Adds one to a counter, in the total and in the process's own counters.
    mutating func count(_ counter: WritableKeyPath<Counters, Int>, _ pid: ProcessID?, by amount: Int = 1) {
        counters[keyPath: counter] += amount
        if let pid { processes[pid].counters[keyPath: counter] += amount }
    }

    /// Ends the simulation when no process can run; reports a deadlock if some wait forever.
    mutating func finishIfStuck(lookingFrom start: ProcessID = 0) {
        guard firstReady(from: start) == nil else { return }
        let blocked = processes.filter { if case .blocked = $0.state { true } else { false } }
        if !blocked.isEmpty {
            let names = blocked.map(\.name).joined(separator: ", ")
            emit(
                Event(
                    .deadlock,
                    "Deadlock: \(names) \(blocked.count == 1 ? "waits" : "wait") for something that can never happen; the simulation stops."
                ))
        }
        isFinished = true
    }

    /// The first ready process from `start` on, wrapping round; nil if none is. Looking from the
    /// process just run, one is found at once unless the run is ending (a scan from the first
    /// would pass every process that has finished, after every step).
    func firstReady(from start: ProcessID) -> ProcessID? {
        firstProcess(from: start) { processes[$0].state == .ready }
    }

    /// The first process from `start` on, wrapping round, that `qualifies`: the one scan the
    /// schedulers make, costing the processes passed over, never a list of all of them.
    func firstProcess(from start: ProcessID, where qualifies: (ProcessID) -> Bool) -> ProcessID? {
        for offset in 0..<processes.count {
            let pid = (start + offset) % processes.count
            if qualifies(pid) { return pid }
        }
        return nil
    }

    /// The TLB of the CPU running the current step (the last step's, between steps).
    public internal(set) var tlb: TLB {
        get { cpus[cpu].tlb }
        _modify { yield &cpus[cpu].tlb }
    }

    /// "CPU 1: " on a machine of several CPUs, nothing on one: events on one CPU read as before.
    func onCPU(_ id: Int) -> String { cpus.count > 1 ? "CPU \(id): " : "" }

    // MARK: Scheduling

    /// Picks the CPU and the process for the next step, and switches that CPU to it.
    mutating func schedule() -> ProcessID? {
        // One CPU taking turns, the usual case: no list of the ready processes, so a step costs
        // the processes passed over, not all of them (100,000 processes would make a run quadratic).
        if cpus.count == 1, case .roundRobin(let quantum) = configuration.scheduler {
            guard let pid = nextInTurn(quantum: quantum) else { return nil }
            dispatch(pid, on: 0)
            return pid
        }
        // The CPU in turn, and the first process it may run: none when nothing is ready.
        guard let inTurn = nextCPU() else { return nil }
        var choice: (cpu: Int, process: ProcessID)?
        switch configuration.scheduler {
        case .roundRobin(let quantum):
            choice = roundRobin(inTurn, quantum: quantum)
        case .explicit(let order):
            while choice == nil, scheduleIndex < order.count {
                let turn = order[scheduleIndex]
                scheduleIndex += 1
                guard processes.indices.contains(turn.process), processes[turn.process].state == .ready else { continue }
                // The CPU named, else the one it runs on, else the next in turn.
                let home = cpus.firstIndex { $0.running == turn.process }
                choice = (turn.cpu ?? home ?? inTurn.cpu, turn.process)
            }
            if choice == nil { choice = roundRobin(inTurn, quantum: 1) }
        case .random:
            // A draw among all the ready processes needs them listed (indices, not processes:
            // filtering the processes would copy each one's page table and script).
            let ready = processes.indices.filter { processes[$0].state == .ready }
            let next = inTurn.cpu
            let eligible = cpus.count > 1 ? ready.filter { mayRun($0, on: next) } : ready
            choice = (next, eligible[generator.index(below: eligible.count)])
        }
        let (next, pid) = choice!
        dispatch(pid, on: next)
        return pid
    }

    /// Whether `pid` may run on CPU `id` now: ready, and not running on another CPU.
    func mayRun(_ pid: ProcessID, on id: Int) -> Bool {
        processes[pid].state == .ready && !cpus.contains { $0.id != id && $0.running == pid }
    }

    /// The first process CPU `id` may run, from the one after the process it runs (or ran last),
    /// wrapping round.
    func firstRunnable(on id: Int) -> ProcessID? {
        firstProcess(from: (cpus[id].running ?? -1) + 1) { mayRun($0, on: id) }
    }

    /// The CPUs take steps in turn; a CPU with nothing it may run is passed over. The CPU, and the
    /// first process it may run in round-robin order; nil when no CPU may run anything.
    func nextCPU() -> (cpu: Int, first: ProcessID)? {
        for offset in 1...cpus.count {
            let id = (cpu + offset) % cpus.count
            if let first = firstRunnable(on: id) { return (id, first) }
        }
        return nil
    }

    /// Round robin on one CPU, as `roundRobin` chooses: the running process while its quantum
    /// lasts, else the first ready process after it in order, wrapping round (itself last).
    func nextInTurn(quantum: Int) -> ProcessID? {
        if let current = cpus[0].running, processes[current].state == .ready, cpus[0].quantumUsed < quantum { return current }
        return firstReady(from: (cpus[0].running ?? -1) + 1)
    }

    /// The CPU in turn keeps its process while its quantum lasts; else it takes the first process
    /// it may run after the one it ran, wrapping round.
    func roundRobin(_ inTurn: (cpu: Int, first: ProcessID), quantum: Int) -> (cpu: Int, process: ProcessID) {
        let (id, first) = inTurn
        if let current = cpus[id].running, mayRun(current, on: id), cpus[id].quantumUsed < quantum { return (id, current) }
        return (id, first)
    }

    /// Runs `pid` on CPU `id`: a context switch if the CPU ran another process, a migration if
    /// `pid` was on another CPU, and any flush a lazy shootdown left for its address space.
    mutating func dispatch(_ pid: ProcessID, on id: Int) {
        cpu = id
        if let elsewhere = cpus.firstIndex(where: { $0.id != id && $0.running == pid }) { cpus[elsewhere].running = nil }
        if let previous = cpus[id].running, previous != pid {
            contextSwitch(from: previous, to: pid)
        } else if cpus.count > 1, cpus[id].running == nil {
            let before = processes[pid].cpuMask.filter { $0 != id }
            let history =
                before.isEmpty
                ? "" : " (it ran on CPU \(before.map(String.init).joined(separator: " and ")) before: the entries there do not help here)"
            // From the idle loop to a process: a context switch too.
            count(\.contextSwitches, pid)
            cpus[id].counters.contextSwitches += 1
            emit(Event(.contextSwitch, process: pid, "CPU \(id): \(name(pid)) starts running here\(history)."))
            // An idle CPU's untagged TLB still holds whatever ran there last.
            flushUntagged(for: pid, leaving: "the last process")
        }
        if cpus[id].running != pid {
            cpus[id].quantumUsed = 0
            if !cpus[id].asidOwners.isEmpty { assignASID(to: pid) }
        }
        // Also when the CPU comes back to the process it last ran: under Linux shootdowns a
        // blocked process's CPU is lazy, and a flush deferred meanwhile is owed on its return.
        if cpus[id].deferredFlushes.contains(pid) { flushDeferred(pid) }
        cpus[id].running = pid
        running = pid
        cpus[id].quantumUsed += 1
        if !processes[pid].cpuMask.contains(id) {
            processes[pid].cpuMask.append(id)
            processes[pid].cpuMask.sort()
        }
    }

    mutating func contextSwitch(from previous: ProcessID, to next: ProcessID) {
        count(\.contextSwitches, next)
        cpus[cpu].counters.contextSwitches += 1
        emit(
            Event(.contextSwitch, process: next, otherProcess: previous, "\(onCPU(cpu))Context switch: \(name(previous)) → \(name(next))."))
        flushUntagged(for: next, leaving: name(previous))
    }

    /// A TLB without address-space ids is emptied whenever its CPU takes up another process.
    mutating func flushUntagged(for next: ProcessID, leaving previous: String) {
        guard !configuration.tlb.tagged else { return }
        let flushed = tlb.validCount
        tlb.slots = Array(repeating: nil, count: tlb.slots.count)
        // This CPU's TLB holds nobody's translations now.
        for index in processes.indices { processes[index].cpuMask.removeAll { $0 == cpu } }
        cpus[cpu].deferredFlushes = []
        if flushed > 0 {
            emit(
                Event(
                    .tlbFlush, process: next,
                    "\(onCPU(cpu))TLB flushed (\(flushed) \(flushed == 1 ? "entry" : "entries")): entries carry no address-space id, so \(name(next)) must not see \(previous)'s translations."
                ))
        }
    }

    /// Marks waiting processes ready when something they wait for about `file` may have changed.
    mutating func wakeWaiters(onFile file: FileID, because reason: String) {
        for index in processes.indices {
            guard case .blocked(let why) = processes[index].state else { continue }
            let waitsOnFile: Bool
            switch why {
            case .writeLock(let f, _, _), .orderedClose(let f, _): waitsOnFile = f == file
            }
            if waitsOnFile {
                processes[index].state = .ready
                emit(Event(.wake, process: index, file: file, "\(processes[index].name) wakes up: \(reason)."))
            }
        }
    }
}
