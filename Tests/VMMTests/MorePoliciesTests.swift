import Testing
@testable import VMM

/// One process touching pages of anonymous memory (or of a shared file), with `policy`.
func evictions(
    _ accesses: [(page: Int, write: Bool)], frames: Int, policy: ReplacementPolicy,
    parameters: ReplacementParameters = ReplacementParameters(), file: Bool = false
) -> (victims: [Int], results: [StepResult], machine: Machine) {
    let config = MachineConfiguration(frames: frames, swapSlots: 16, replacement: policy, replacementParameters: parameters)
    let span = (accesses.map(\.page).max() ?? 0) + 1
    let setup: Operation = file ? .map(file: 0, address: 0, pages: span, mode: .shared) : .alloc(address: 0, pages: span)
    let script =
        [setup] + accesses.map { $0.write ? Operation.write(address: $0.page * pageSize, value: 1) : .read(address: $0.page * pageSize) }
    var machine = Machine(configuration: config, files: [zeroFile("f")], processes: [ProcessSpec(name: "P", script: script)])
    var results: [StepResult] = []
    var checker = InvariantChecker()
    while machine.stepCount < script.count {
        let before = machine
        results.append(machine.step())
        #expect(checker.check(before: before, after: machine, result: results.last!).isEmpty)
    }
    let victims = results.events(.eviction).compactMap { event -> Int? in
        guard let frame = event.frame, event.explanation.hasPrefix("Memory is full") else { return nil }
        return frame
    }
    return (victims, results, machine)
}

func reads(_ pages: Int...) -> [(page: Int, write: Bool)] { pages.map { ($0, false) } }

@Suite struct MorePoliciesTests {
    @Test func mruWinsOnALoopLargerThanMemory() {
        let loop = reads(1, 2, 3, 4, 1, 2, 3, 4)
        #expect(evictions(loop, frames: 3, policy: .mru).machine.counters.pageFaults == 5)
        #expect(evictions(loop, frames: 3, policy: .lru).machine.counters.pageFaults == 8)
    }

    @Test func unoptEvictsThePageNeededSoonest() {
        let string = reads(1, 2, 3, 1, 2, 3)
        #expect(evictions(string, frames: 2, policy: .unopt).machine.counters.pageFaults == 6)
        #expect(evictions(string, frames: 2, policy: .opt).machine.counters.pageFaults == 4)
        #expect(
            evictions(string, frames: 2, policy: .unopt).results.events(.eviction).first?.explanation.contains(
                "UNOPT evicts the page that is next used") == true)
    }

    @Test func lfuKeepsTheOftenUsedPage() {
        let string = reads(1, 1, 1, 2, 3, 1, 2)
        #expect(evictions(string, frames: 2, policy: .lfu).machine.counters.pageFaults == 4)
        #expect(evictions(string, frames: 2, policy: .lru).machine.counters.pageFaults == 5)
    }

    @Test func mfuEvictsTheOftenUsedPageAndBreaksTiesByAge() {
        // 1 is used three times, then 3 comes in: MFU gives up 1 (3 uses). Then 2 and 3 have one use
        // each: the page loaded first goes (2, then 3).
        let run = evictions(reads(1, 1, 1, 2, 3, 1, 2), frames: 2, policy: .mfu)
        #expect(run.victims == [0, 1, 0])
        #expect(run.machine.counters.pageFaults == 5)
        #expect(run.results.events(.eviction).first?.explanation.contains("used most often since it was loaded (3 uses)") == true)
    }

    @Test func nruUsesTheTimerClearedReferencedBits() {
        // read 0, write 1, [timer clears R], read 0, then page 2 needs a frame.
        let string: [(page: Int, write: Bool)] = [(0, false), (1, true), (0, false), (2, false)]
        let withTimer = evictions(string, frames: 2, policy: .nru, parameters: ReplacementParameters(interval: 2))
        // Page 0 (referenced again) is class 2; page 1 (modified, R cleared) is class 1: page 1 goes.
        #expect(withTimer.victims == [1])
        #expect(withTimer.results.events(.timerTick).count == 2)
        #expect(withTimer.results.events(.eviction).first?.explanation.contains("class 1 (not referenced, modified)") == true)
        // Without a timer both are referenced; page 1 is also modified (class 3), so page 0 (class 2) goes.
        #expect(evictions(string, frames: 2, policy: .nru, parameters: ReplacementParameters(interval: 1000)).victims == [0])
    }

    @Test func agingCountsTicksNotExactRecency() {
        // read 0, read 1, [tick: both ages 10000000], read 0, then page 2: the ages tie, so frame 0 goes,
        // although LRU keeps page 0, used more recently.
        let string = reads(0, 1, 0, 2)
        let aging = evictions(string, frames: 2, policy: .aging, parameters: ReplacementParameters(bits: 8, interval: 2))
        #expect(aging.victims == [0])
        #expect(evictions(string, frames: 2, policy: .lru).victims == [1])
        var machine = aging.machine
        machine = Machine(
            configuration: machine.configuration, files: [],
            processes: [ProcessSpec(name: "P", script: [.alloc(address: 0, pages: 2), .read(address: 0), .read(address: 4096)])])
        for _ in 0..<3 { machine.step() }
        #expect(machine.frames.map { machine.ageBits($0.replacementData) } == ["10000000", "10000000"])
    }

    /// Tanenbaum's WSClock. Page 2's fault: the first sweep only clears the R bits of both pages,
    /// writes nothing, so every page counts as in the working set and the first clean page passed
    /// goes (frame 1). Page 3's fault: frame 0 (written, idle 5 > window 1) is dirty, so it is
    /// written back and passed; the sweep goes on and takes it, clean now.
    @Test func wsclockCleansADirtyPageOutsideTheWindowBeforeEvictingIt() {
        let string: [(page: Int, write: Bool)] = [(0, true), (1, false), (2, false), (2, false), (2, false), (3, false)]
        let run = evictions(string, frames: 2, policy: .wsclock, parameters: ReplacementParameters(window: 1), file: true)
        #expect(run.victims == [1, 0])
        let evicted = run.results.events(.eviction)
        #expect(
            evicted.first?.explanation.contains(
                "every page is in the working set (none idle longer than 1 references), so it claims the first clean page it passed: frame 1"
            ) == true)
        #expect(
            run.results.events(.writeBack).contains { $0.explanation.hasPrefix("WSClock: frame 0 is outside the working set but dirty") })
        #expect(evicted.last?.explanation.contains("frame 0 has been idle for 5 references") == true, "\(evicted.last?.explanation ?? "")")
        #expect(evicted.last?.explanation.contains("(on the way it wrote back dirty frame 0)") == true)
    }

    @Test func gclockRemembersHowOftenAPageWasUsed() {
        let string = reads(0, 0, 0, 1, 2)
        #expect(evictions(string, frames: 2, policy: .gclock, parameters: ReplacementParameters(bits: 2)).victims == [1])
        #expect(evictions(string, frames: 2, policy: .clock).victims == [0])
    }

    @Test func parametersAreChecked() {
        #expect(!MachineConfiguration(replacementParameters: ReplacementParameters(bits: 0)).problems.isEmpty)
        #expect(!MachineConfiguration(replacementParameters: ReplacementParameters(interval: 0)).problems.isEmpty)
        #expect(!MachineConfiguration(replacementParameters: ReplacementParameters(window: 0)).problems.isEmpty)
        #expect(MachineConfiguration(replacementParameters: ReplacementParameters(bits: 32)).problems.isEmpty)
    }
}

@Suite struct FrameAllocationTests {
    @Test func allotmentsSplitEquallyOrByTheirPagesAndAlwaysAddUp() {
        #expect(Machine.allotments(frames: 8, sizes: [2, 6], share: .equal) == [4, 4])
        #expect(Machine.allotments(frames: 8, sizes: [2, 6], share: .proportional) == [2, 6])
        #expect(Machine.allotments(frames: 7, sizes: [1, 1, 1], share: .equal) == [3, 2, 2])
        #expect(Machine.allotments(frames: 4, sizes: [0, 50], share: .proportional) == [1, 3])
        var generator = SeededGenerator(seed: 9)
        for _ in 0..<200 {
            let frames = 1 + generator.index(below: 64)
            let sizes = (0..<(1 + generator.index(below: 5))).map { _ in generator.index(below: 20) }
            for share in FrameAllocation.Share.allCases {
                let shares = Machine.allotments(frames: frames, sizes: sizes, share: share)
                #expect(shares.allSatisfy { $0 >= 1 })
                #expect(shares.reduce(0, +) == max(frames, sizes.count))
            }
        }
    }

    @Test func aLocalProcessEvictsOnlyItsOwnFrames() {
        let config = MachineConfiguration(frames: 4, replacement: .lru, allocation: FrameAllocation(scope: .local, share: .equal))
        let a: [Operation] =
            [.alloc(address: 0, pages: 2), .read(address: 0), .read(address: 4096)] + Array(repeating: .read(address: 0), count: 6)
        let b: [Operation] = [.alloc(address: 0, pages: 6)] + (0..<6).map { .read(address: $0 * 4096) }
        let (end, results) = runChecked(
            Machine(configuration: config, files: [], processes: [ProcessSpec(name: "A", script: a), ProcessSpec(name: "B", script: b)]))
        for eviction in results.events(.eviction) where eviction.explanation.contains("allotment") {
            #expect(eviction.process == 1)
            #expect(eviction.explanation.hasPrefix("B holds all 2 frames of its allotment and replacement is local"))
        }
        #expect(end.processes[0].counters.evictions == 0)
        #expect(end.processes[1].counters.evictions == 4)
    }
}

@Suite struct MultiLevelPageTableTests {
    func machine(levels: [Int], frames: Int = 8, tlb: Int = 4, script: [Operation]) -> Machine {
        let config = MachineConfiguration(frames: frames, tlb: TLBConfiguration(entries: tlb), pageTableLevels: levels)
        return Machine(configuration: config, files: [], processes: [ProcessSpec(name: "P", script: script)])
    }

    @Test func tablesAreCreatedOnDemandAndOccupyFrames() {
        // 10/10 bits: pages 0x0 and 0x1 share one level-2 table; page 0x400 needs a second one.
        let script: [Operation] = [
            .alloc(address: 0, pages: 2), .alloc(address: 0x400 * pageSize, pages: 1),
            .read(address: 0), .read(address: pageSize), .read(address: 0x400 * pageSize),
        ]
        var m = machine(levels: [10, 10], script: script)
        var events: [Event] = []
        for _ in 0..<5 { events += m.step().events }
        let created = events.filter { $0.kind == .pageTableCreated }
        #expect(created.count == 3)
        #expect(created[0].explanation.hasPrefix("P's root page table is created in frame 0"))
        #expect(created[1].explanation.hasPrefix("P's level-2 page table for pages 0x0–0x3ff is created in frame 1"))
        #expect(created[2].explanation.contains("level-2 page table for pages 0x400–0x7ff"))
        #expect(m.counters.pageTablePages == 3)
        #expect(m.frames.filter { if case .pageTable = $0.content { true } else { false } }.count == 3)
        #expect(m.processes[0].pageTable[0]?.frame == 2, "data pages come after the tables they need")
        #expect(InvariantChecker.structuralProblems(m).isEmpty)
    }

    @Test func everyWalkReadsOneEntryPerTableItReaches() {
        let script: [Operation] = [.alloc(address: 0, pages: 8)] + (0..<8).map { .read(address: $0 * pageSize) } + [.read(address: 0)]
        for levels in [[10, 10], [9, 9, 9], [9, 9, 9, 9]] {
            let (end, results) = runChecked(machine(levels: levels, tlb: 4, script: script))
            // The first walk finds no tables yet and stops at the root: one reference. Every later
            // walk reads one entry per level.
            #expect(end.counters.walkReferences == (end.counters.tlbMisses - 1) * levels.count + 1)
            #expect(results.events(.pageWalk).first?.explanation.hasPrefix("Page walk (1 memory reference): level 1 table missing") == true)
            let walk = results.events(.pageWalk).last?.explanation ?? ""
            #expect(
                walk.hasPrefix("Page walk (\(levels.count) memory references): level 1 (frame 0) entry 0x0 → level 2 (frame 1) entry 0x0"))
        }
        let (flat, _) = runChecked(machine(levels: [], tlb: 4, script: script))
        #expect(flat.counters.walkReferences == flat.counters.tlbMisses)
        #expect(flat.counters.pageTablePages == 0)
    }

    @Test func tablesStayPinnedAndAreFreedWhenTheProcessEnds() {
        // 4 frames: 2 hold tables, so 4 data pages must share 2 frames.
        let script: [Operation] = [.alloc(address: 0, pages: 4)] + (0..<4).map { .read(address: $0 * pageSize) } + [.read(address: 0)]
        let (end, results) = runChecked(machine(levels: [4, 4], frames: 4, script: script))
        #expect(!results.events(.eviction).contains { $0.explanation.contains("page table") })
        #expect(end.counters.evictions == 3)
        let allFree = end.frames.allSatisfy { $0.isFree }
        #expect(allFree)
        #expect(end.processes[0].tablePages.isEmpty)
    }

    @Test func aPageBeyondTheAddressSpaceIsASegmentationFault() {
        let (end, results) = runChecked(machine(levels: [2, 2], script: [.alloc(address: 0, pages: 64), .read(address: 20 * pageSize)]))
        #expect(
            results.events(.segmentationFault).first?.explanation.contains("beyond the address space its 2-level page table can map")
                == true)
        #expect(end.processes[0].state == .done(.segmentationFault))
    }

    @Test func aForkedChildBuildsItsOwnTables() {
        let parent: [Operation] = [.alloc(address: 0, pages: 1), .write(address: 0, value: 5), .fork(child: 1), .read(address: 0)]
        let child: [Operation] = [.read(address: 0)]
        let config = MachineConfiguration(frames: 8, pageTableLevels: [4, 4])
        let (end, results) = runChecked(
            Machine(
                configuration: config, files: [],
                processes: [ProcessSpec(name: "P", script: parent), ProcessSpec(name: "C", script: child, startsRunning: false)]))
        #expect(results.events(.pageTableCreated).filter { $0.process == 1 }.count == 2)
        #expect(results.events(.read).filter { $0.process == 1 }.map(\.value) == [5])
        #expect(end.counters.pageTablePages == 4)
    }
}

@Suite struct InvertedPageTableTests {
    @Test func walksHashToABucketAndFollowItsChain() {
        // 4 frames: 4 buckets, bucket = (page + process) mod 4. Pages 1 and 5 share bucket 1.
        let script: [Operation] = [
            .alloc(address: 0, pages: 8), .read(address: pageSize), .read(address: 5 * pageSize), .read(address: pageSize),
        ]
        let config = MachineConfiguration(frames: 4, tlb: TLBConfiguration(entries: 0), invertedPageTable: true)
        var machine = Machine(configuration: config, files: [], processes: [ProcessSpec(name: "P", script: script)])
        var walks: [Event] = []
        var checker = InvariantChecker()
        while !machine.isFinished {
            let before = machine
            let result = machine.step()
            walks += result.events.filter { $0.kind == .pageWalk }
            #expect(checker.check(before: before, after: machine, result: result).isEmpty)
        }
        // Page 1: empty bucket (1 reference). Page 5: bucket 1 holds page 1 (2 references, not found).
        // Page 1 again: the chain is now 5 (newest), 1: found third (3 references).
        #expect(
            walks.map(\.explanation) == [
                "No TLB: every access walks the page table. Inverted page table walk (1 memory references): bucket (0x1 + 0) mod 4 = 1 is empty; not in the table, so not in memory.",
                "No TLB: every access walks the page table. Inverted page table walk (2 memory references): bucket (0x5 + 0) mod 4 = 1: (P, 0x1); not in the table, so not in memory.",
                "No TLB: every access walks the page table. Inverted page table walk (3 memory references): bucket (0x1 + 0) mod 4 = 1: (P, 0x5) → (P, 0x1); found.",
            ])
        #expect(machine.counters.walkReferences == 6)
        let emptied = machine.hashChains.allSatisfy { $0.isEmpty }
        #expect(emptied, "the process has exited: no translations remain")
    }

    @Test func aSharedPageHasOneEntryPerMapper() {
        let a: [Operation] = [.map(file: 0, address: 0, pages: nil, mode: .shared), .read(address: 0), .read(address: 0)]
        let b: [Operation] = [
            .map(file: 0, address: 2 * pageSize, pages: nil, mode: .shared), .read(address: 2 * pageSize), .read(address: 2 * pageSize),
        ]
        let config = MachineConfiguration(frames: 4, invertedPageTable: true)
        var machine = Machine(
            configuration: config, files: [zeroFile("f")],
            processes: [ProcessSpec(name: "A", script: a), ProcessSpec(name: "B", script: b)])
        for _ in 0..<4 { machine.step() }
        // A's page 0 is in bucket 0, B's page 2 in bucket (2 + 1) mod 4 = 3: two entries, one frame.
        #expect(machine.hashChains[0] == [ReverseMapEntry(process: 0, page: 0)])
        #expect(machine.hashChains[3] == [ReverseMapEntry(process: 1, page: 2)])
        #expect(InvariantChecker.structuralProblems(machine).isEmpty)
    }
}
