import Testing
@testable import VMM

/// One process touching pages of anonymous memory (or of a shared file), with `policy`.
func evictions(_ accesses: [(page: Int, write: Bool)], frames: Int, policy: ReplacementPolicy,
               parameters: ReplacementParameters = ReplacementParameters(), file: Bool = false) -> (victims: [Int], results: [StepResult], machine: Machine) {
    let config = MachineConfiguration(frames: frames, swapSlots: 16, replacement: policy, replacementParameters: parameters)
    let span = (accesses.map(\.page).max() ?? 0) + 1
    let setup: Operation = file ? .map(file: 0, address: 0, pages: span, mode: .shared) : .alloc(address: 0, pages: span)
    let script = [setup] + accesses.map { $0.write ? Operation.write(address: $0.page * pageSize, value: 1) : .read(address: $0.page * pageSize) }
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
        #expect(evictions(string, frames: 2, policy: .unopt).results.events(.eviction).first?.explanation.contains("UNOPT evicts the page that is next used") == true)
    }

    @Test func lfuKeepsTheOftenUsedPage() {
        let string = reads(1, 1, 1, 2, 3, 1, 2)
        #expect(evictions(string, frames: 2, policy: .lfu).machine.counters.pageFaults == 4)
        #expect(evictions(string, frames: 2, policy: .lru).machine.counters.pageFaults == 5)
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
        machine = Machine(configuration: machine.configuration, files: [], processes: [ProcessSpec(name: "P", script: [.alloc(address: 0, pages: 2), .read(address: 0), .read(address: 4096)])])
        for _ in 0..<3 { machine.step() }
        #expect(machine.frames.map { machine.ageBits($0.age) } == ["10000000", "10000000"])
    }

    @Test func wsclockCleansADirtyPageOutsideTheWindowBeforeEvictingIt() {
        let string: [(page: Int, write: Bool)] = [(0, true), (1, false), (1, false), (1, false), (2, false)]
        let run = evictions(string, frames: 2, policy: .wsclock, parameters: ReplacementParameters(window: 1), file: true)
        #expect(run.results.events(.writeBack).contains { $0.explanation.hasPrefix("WSClock: frame 0 is outside the working set but dirty") })
        #expect(run.victims == [0])
        #expect(run.results.events(.eviction).first?.explanation.contains("idle for") == true)
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
        let a: [Operation] = [.alloc(address: 0, pages: 2), .read(address: 0), .read(address: 4096)] + Array(repeating: .read(address: 0), count: 6)
        let b: [Operation] = [.alloc(address: 0, pages: 6)] + (0..<6).map { .read(address: $0 * 4096) }
        let (end, results) = runChecked(Machine(configuration: config, files: [], processes: [ProcessSpec(name: "A", script: a), ProcessSpec(name: "B", script: b)]))
        for eviction in results.events(.eviction) where eviction.explanation.contains("allotment") {
            #expect(eviction.process == 1)
            #expect(eviction.explanation.hasPrefix("B holds all 2 frames of its allotment and replacement is local"))
        }
        #expect(end.processes[0].counters.evictions == 0)
        #expect(end.processes[1].counters.evictions == 4)
    }
}
