import Testing
@testable import VMM

/// Random but reproducible machines: random configurations and random scripts that map,
/// allocate, read, write, sync, close, re-open, fork and (sometimes) touch unmapped memory.
struct RandomMachine {
    var generator: SeededGenerator

    init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    mutating func pick<T>(_ options: [T]) -> T { options[generator.index(below: options.count)] }
    mutating func number(_ range: ClosedRange<Int>) -> Int { range.lowerBound + generator.index(below: range.count) }

    mutating func configuration() -> MachineConfiguration {
        let entries = pick([0, 1, 2, 4, 8])
        let ways = entries == 0 ? 0 : pick([0, 1, 2].filter { $0 == 0 || entries % $0 == 0 })
        let tlb = TLBConfiguration(entries: entries, ways: ways, replacement: pick(TLBReplacement.allCases), tagged: pick([true, false]))
        let levels = pick([[], [], [3, 3], [2, 2, 2]])
        let scheduler: SchedulerPolicy = pick([
            .roundRobin(quantum: number(1...3)), .random, .explicit((0..<20).map { _ in ScheduledTurn(process: number(0...3)) }),
        ])
        var configuration = MachineConfiguration(
            pageSize: pick([256, 4096]), wordsPerPage: pick([2, 4]), frames: number(1...8), swapSlots: number(0...8),
            tlb: tlb, replacement: pick(ReplacementPolicy.allCases),
            replacementParameters: ReplacementParameters(bits: pick([nil, 1, 3]), interval: number(1...5), window: number(1...6)),
            allocation: FrameAllocation(scope: pick(FrameAllocation.Scope.allCases), share: pick(FrameAllocation.Share.allCases)),
            pageTableLevels: levels, invertedPageTable: levels.isEmpty && pick([true, false]), writePolicy: pick(WritePolicy.allCases),
            sharing: pick(SharingPolicy.allCases), flushBeforeRead: pick([true, false]), scheduler: scheduler,
            seed: generator.next())
        // Several CPUs and every shootdown policy; an explicit schedule sometimes names the CPU.
        configuration.cpus = pick([1, 1, 2, 3, 4])
        // No shootdowns twice as often as the others, so stale uses happen in every batch.
        configuration.shootdown = pick(ShootdownPolicy.allCases + [.none])
        if case .explicit(let turns) = scheduler {
            let cpus = configuration.cpus
            configuration.scheduler = .explicit(
                turns.map { ScheduledTurn(process: $0.process, cpu: pick([nil, number(0...(cpus - 1))])) })
        }
        configuration.kernel = kernel()
        configuration.tlb.asids = pick([nil, nil, 1, 2, 6])
        return configuration
    }

    /// The textbook, Linux, or any mixture of the Linux behaviours, with small windows and
    /// expiries so they act within a short script.
    mutating func kernel() -> KernelBehaviour {
        switch number(0...2) {
        case 0: return .textbook
        case 1: return .linux
        default:
            return KernelBehaviour(
                writeback: pick(KernelBehaviour.Writeback.allCases), writebackExpire: pick([nil, 1, 3, 10]),
                writeNotify: pick([true, false]), faultAround: pick([1, 2, 4, 16]), readahead: pick([1, 2, 3, 32]),
                zeroPage: pick([true, false]), fork: pick(KernelBehaviour.Fork.allCases))
        }
    }

    mutating func machine(_ given: MachineConfiguration? = nil) -> Machine {
        let config = given ?? configuration()
        let files = (0..<2).map { index in
            FileSpec(name: "f\(index)", pages: (0..<number(1...3)).map { _ in (0..<config.wordsPerPage).map { _ in number(0...9) } })
        }
        let starters = number(1...3)
        var processes: [ProcessSpec] = []
        for index in 0..<4 {
            let anonymousPages = number(1...3)
            var script: [Operation] = [.alloc(address: 0, pages: anonymousPages)]
            let anonymousBytes = anonymousPages * config.pageSize
            var open: [FileID: Bool] = [:]
            for _ in 0..<number(10...50) {
                let file = number(0...1)
                let base = (file + 1) * 16 * config.pageSize
                switch number(0...59) {
                case 0...4:
                    script.append(
                        open[file] == true
                            ? .close(file: file) : .map(file: file, address: base, pages: nil, mode: pick([.shared, .shared, .private])))
                    open[file] = !(open[file] ?? false)
                case 5...6:
                    let anywhere = open[file] == true ? base + number(0...(3 * config.pageSize - 1)) : number(0...(anonymousBytes - 1))
                    script.append(pick([.sync(file: file), .fsync(file: file), .syncAll, .msync(address: anywhere, pages: number(1...3))]))
                case 7...9 where index + 1 < 4 && index < starters: script.append(.fork(child: index + 1))
                case 10: script.append(.read(address: number(0...200) * config.pageSize))  // may be unmapped
                case 11...34:
                    let address = open[file] == true ? base + number(0...(3 * config.pageSize - 1)) : number(0...(anonymousBytes - 1))
                    script.append(.read(address: address))
                default:
                    let address = open[file] == true ? base + number(0...(3 * config.pageSize - 1)) : number(0...(anonymousBytes - 1))
                    script.append(.write(address: address, value: number(1...99)))
                }
            }
            processes.append(ProcessSpec(name: "P\(index)", script: script, startsRunning: index < starters))
        }
        return Machine(configuration: config, files: files, processes: processes)
    }
}

@Suite struct PropertyTests {
    @Test("random scripts under random configurations keep every invariant", arguments: 0..<8)
    func invariantsHold(batch: Int) {
        var steps = 0, tracked = 0
        var kinds = Set<Event.Kind>()
        for seed in 0..<60 {
            var random = RandomMachine(seed: UInt64(batch * 1000 + seed))
            var machine = random.machine()
            var checker = InvariantChecker()
            while !machine.isFinished, steps < 1_000_000 {
                let before = machine
                let result = machine.step()
                steps += 1
                kinds.formUnion(result.events.map(\.kind))
                let problems = checker.check(before: before, after: machine, result: result)
                tracked = max(tracked, checker.trackedWords)
                #expect(problems.isEmpty, "seed \(batch * 1000 + seed): \(problems.joined(separator: "; "))")
                if !problems.isEmpty { return }
            }
        }
        #expect(steps > 1000, "the batch should run thousands of steps")
        #expect(tracked > 0, "the ledger should have had writes to track")
        #expect(kinds.isSuperset(of: [.tlbHit, .tlbMiss, .minorFault, .majorFault, .eviction, .write, .read]))
        // Several CPUs: shootdowns by interrupt and, without shootdowns, stale uses (lazy ones: the lessons).
        #expect(kinds.isSuperset(of: [.ipi, .ipiAck, .staleTLB]), "\(batch)")
    }

    /// The same under the whole Linux preset (several CPUs, six address-space ids), where the
    /// behaviours meet each other: the write-notify faults, fault-around, the zero page, the
    /// daemon's write-backs, batched and table-freeing IPIs, recycled ids.
    @Test("random scripts under the Linux kernel keep every invariant", arguments: 0..<4)
    func invariantsHoldUnderLinux(batch: Int) {
        var steps = 0
        var sentences = Set<String>()
        for seed in 0..<60 {
            var random = RandomMachine(seed: UInt64(20_000 + batch * 1000 + seed))
            var configuration = random.configuration()
            KernelPreset.linux.apply(to: &configuration)
            configuration.kernel.writebackExpire = random.pick([1, 3, 30])
            configuration.tlb.asids = random.pick([1, 2, 6])
            // Linux writes back and shares one copy; the other policies still meet its behaviours now and then.
            configuration.writePolicy = .writeBack
            configuration.sharing = random.pick([.sharedCopy, .sharedCopy, .sharedCopy, random.pick(SharingPolicy.allCases)])
            var machine = random.machine(configuration)
            var checker = InvariantChecker()
            while !machine.isFinished {
                let before = machine
                let result = machine.step()
                steps += 1
                for event in result.events {
                    for marker in ["Write-protect fault", "Fault-around", "zero page", "Writeback daemon", "readahead", "address-space id"]
                    where event.explanation.contains(marker) {
                        sentences.insert(marker)
                    }
                }
                let problems = checker.check(before: before, after: machine, result: result)
                #expect(problems.isEmpty, "seed \(20_000 + batch * 1000 + seed): \(problems.joined(separator: "; "))")
                if !problems.isEmpty { return }
            }
        }
        #expect(steps > 1000)
        #expect(
            sentences == ["Write-protect fault", "Fault-around", "zero page", "Writeback daemon", "readahead", "address-space id"],
            "every Linux behaviour should have happened in the batch")
    }

    /// OPT's index of next uses (read at evictions) against the search it saves, for every frame
    /// after every step of random machines, whatever evicted, forked or mapped what in between;
    /// and the index itself against the frames (the invariant checker's comparison, which the
    /// test above makes only for the machines that drew OPT or UNOPT).
    @Test("the next-use index always gives the full search's distance", arguments: 0..<4)
    func nextUseIndexAgrees(batch: Int) {
        var compared = 0, indexed = 0
        for seed in 0..<40 {
            var random = RandomMachine(seed: UInt64(batch * 1000 + seed))
            var configuration = random.configuration()
            configuration.replacement = random.pick([.opt, .unopt])
            var machine = random.machine(configuration)
            var checker = InvariantChecker()
            while !machine.isFinished {
                let before = machine
                let result = machine.step()
                let problems = checker.check(before: before, after: machine, result: result)
                #expect(problems.isEmpty, "seed \(batch * 1000 + seed): \(problems.joined(separator: "; "))")
                if !problems.isEmpty { return }
                for frame in machine.frames.indices where !machine.frames[frame].isFree {
                    let searched = Self.plainNextUse(of: frame, in: machine)
                    #expect(machine.nextUse(of: frame) == searched, "seed \(batch * 1000 + seed), frame \(frame)")
                    indexed += machine.nextUses.entries[frame].heap < machine.nextUses.loose ? 1 : 0
                    compared += 1
                    #expect(
                        machine.distanceToNextUse(frame) == searched,
                        "seed \(batch * 1000 + seed), step \(machine.stepCount), frame \(frame)")
                    if machine.distanceToNextUse(frame) != searched { return }
                }
            }
        }
        #expect(compared > 1000 && indexed > compared / 4, "\(indexed) of \(compared) answered from the index")
    }

    /// The rule read plainly: the users of a frame are the processes in its reverse map and, for a
    /// page of the page cache, every process that maps that page of the file; the distance is the
    /// nearest next use among them, counted in each one's own operations.
    static func plainNextUse(of frame: FrameNumber, in machine: Machine) -> Int {
        var users = machine.frames[frame].mappers.map { ($0.process, $0.page) }
        if case let .filePage(file, filePage) = machine.frames[frame].content {
            for process in machine.processes {
                for mapping in process.mappings where mapping.kind.file == file && filePage < mapping.pageCount {
                    users.append((process.id, mapping.firstPage + filePage))
                }
            }
        }
        var nearest = Int.max
        for (process, page) in users where !machine.processes[process].state.isDone {
            let counter = machine.processes[process].programCounter
            let script = machine.processes[process].script
            if let use = (counter..<script.count).first(where: { index in
                script[index].accessedAddress.map { $0 >= 0 && $0 / machine.configuration.pageSize == page } ?? false
            }) {
                nearest = min(nearest, use - counter)
            }
        }
        return nearest
    }

    @Test("stepping back N steps and forward again gives identical states and events", arguments: 0..<4)
    func timeTravel(batch: Int) {
        for seed in 0..<10 {
            var random = RandomMachine(seed: UInt64(50_000 + batch * 100 + seed))
            let start = random.machine()
            var states = [start]
            var results: [StepResult] = [StepResult(step: 0, process: nil, operation: nil, events: [])]
            var timeline = Timeline(start, interval: 8)
            while let result = timeline.stepForward() {
                states.append(timeline.current)
                results.append(result)
            }
            let end = timeline.step
            for _ in 0..<20 {
                let target = random.number(0...end)
                timeline.seek(to: target)
                #expect(timeline.current == states[target])
                #expect(timeline.lastResult == results[target])
                let forward = random.number(0...max(0, end - target))
                for _ in 0..<forward { timeline.stepForward() }
                #expect(timeline.current == states[target + forward])
                #expect(timeline.lastResult == results[target + forward])
            }
        }
    }
}

@Suite struct TimelineTests {
    @Test func steppingBackUndoesExactly() {
        var timeline = Timeline(referenceString(textbookString, frames: 3, policy: .lru), interval: 4)
        let first = timeline.stepForward()!
        let second = timeline.stepForward()!
        timeline.stepForward()
        let back1 = timeline.stepBack()
        #expect(back1)
        #expect(timeline.step == 2)
        #expect(timeline.lastResult == second)
        let back2 = timeline.stepBack()
        #expect(back2)
        #expect(timeline.lastResult == first)
        let back3 = timeline.stepBack()
        #expect(back3)
        #expect(timeline.step == 0)
        #expect(timeline.current == timeline.initial)
        let movedBeforeStart = timeline.stepBack()
        #expect(!movedBeforeStart)
    }

    @Test func seekingFarAndBackIsExact() {
        let string = (0..<3000).map { ($0 * 31 + $0 / 7) % 23 }
        var timeline = Timeline(referenceString(string, frames: 8, policy: .clock))
        timeline.runToEnd()
        let end = timeline.step
        let final = timeline.current
        #expect(end == string.count + 2)
        timeline.seek(to: 1234)
        #expect(timeline.step == 1234)
        var fresh = referenceString(string, frames: 8, policy: .clock)
        for _ in 0..<1234 { fresh.step() }
        #expect(timeline.current == fresh)
        timeline.seek(to: end + 50)
        #expect(timeline.current == final)
    }

    /// Checkpoints fit the memory budget however long the run: every other one is dropped and the
    /// interval doubles; seeking stays exact.
    @Test func checkpointsStayWithinTheirBudget() {
        let string = (0..<5000).map { ($0 * 17 + $0 / 5) % 29 }
        let machine = referenceString(string, frames: 8, policy: .lru)
        var timeline = Timeline(machine, interval: 16, memoryBudget: machine.estimatedBytes * 6)
        #expect(timeline.checkpointLimit == 6)
        timeline.runToEnd()
        #expect(timeline.checkpointCount <= 6)
        // 5,000 steps in at most 6 checkpoints: 16 doubled six times, checkpoints at 0, 1024, ... 4096.
        #expect(timeline.interval == 1024)
        for target in [4_321, 17, 2_500, 0, 4_999] {
            timeline.seek(to: target)
            var fresh = referenceString(string, frames: 8, policy: .lru)
            for _ in 0..<target { fresh.step() }
            #expect(timeline.current == fresh, "step \(target)")
        }
    }
}
