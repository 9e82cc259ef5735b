import Testing
@testable import VMM

@Suite struct ProcessTests {
    @Test func forkSharesPagesUntilTheChildWrites() {
        let parent: [Operation] = [
            .alloc(address: 0, pages: 1), .write(address: 0, value: 5), .fork(child: 1), .read(address: 0), .read(address: 0),
        ]
        let child: [Operation] = [.write(address: 0, value: 7), .read(address: 0)]
        let config = MachineConfiguration(scheduler: .explicit([0, 0, 0, 1, 1, 0, 0]))
        var machine = Machine(
            configuration: config, files: [],
            processes: [ProcessSpec(name: "P", script: parent), ProcessSpec(name: "C", script: child, startsRunning: false)])
        for _ in 0..<3 { machine.step() }
        let shared = machine.processes[0].pageTable[0]!.frame!
        #expect(machine.processes[1].pageTable[0]!.frame == shared)
        #expect(machine.processes[0].pageTable[0]!.sharing == .copyOnWrite)
        #expect(machine.frames[shared].mappers.count == 2)
        let (end, results) = runChecked(machine)
        let cow = results.events(.copyOnWrite)
        #expect(cow.count == 1)
        #expect(cow.first?.process == 1)
        #expect(cow.first?.frame != shared)
        #expect(results.events(.read).filter { $0.process == 0 }.map(\.value) == [5, 5])
        #expect(results.events(.read).filter { $0.process == 1 }.map(\.value) == [7])
        #expect(end.counters.protectionFaults >= 1)
    }

    @Test func swappingKeepsEveryWrittenWord() {
        let script: [Operation] =
            [.alloc(address: 0, pages: 3)]
            + (0..<3).map { .write(address: $0 * pageSize, value: 10 + $0) }
            + (0..<3).map { .read(address: $0 * pageSize) }
        let config = MachineConfiguration(frames: 2, swapSlots: 2, replacement: .fifo)
        let (end, results) = runChecked(Machine(configuration: config, files: [], processes: [ProcessSpec(name: "P", script: script)]))
        #expect(results.events(.read).map(\.value) == [10, 11, 12])
        #expect(end.counters.swapOuts >= 2)
        #expect(end.counters.swapIns >= 2)
        #expect(results.events(.majorFault).allSatisfy { $0.swapSlot != nil })
    }

    @Test func outOfMemoryKillsTheFaultingProcess() {
        let script: [Operation] = [.alloc(address: 0, pages: 2), .write(address: 0, value: 1), .write(address: pageSize, value: 2)]
        let config = MachineConfiguration(frames: 1, swapSlots: 0)
        let (end, results) = runChecked(Machine(configuration: config, files: [], processes: [ProcessSpec(name: "P", script: script)]))
        #expect(results.events(.outOfMemory).count == 1)
        #expect(end.processes[0].state == .done(.outOfMemory))
    }

    @Test func touchingUnmappedMemoryIsASegmentationFault() {
        let (end, results) = runChecked(
            Machine(
                configuration: MachineConfiguration(), files: [],
                processes: [ProcessSpec(name: "P", script: [.read(address: 0x5000), .read(address: 0)])]))
        #expect(results.events(.segmentationFault).count == 1)
        #expect(end.processes[0].state == .done(.segmentationFault))
        #expect(end.counters.reads == 0)
    }

    @Test func roundRobinHonoursTheQuantum() {
        let script: [Operation] = [.alloc(address: 0, pages: 1)] + Array(repeating: .read(address: 0), count: 3)
        let config = MachineConfiguration(scheduler: .roundRobin(quantum: 2))
        let (_, results) = runChecked(
            Machine(
                configuration: config, files: [],
                processes: [ProcessSpec(name: "A", script: script), ProcessSpec(name: "B", script: script)]))
        #expect(results.prefix(8).map(\.process) == [0, 0, 1, 1, 0, 0, 1, 1])
    }

    @Test func explicitScheduleThenRoundRobin() {
        let script: [Operation] = [.alloc(address: 0, pages: 1), .read(address: 0)]
        let config = MachineConfiguration(scheduler: .explicit([1, 1, 0]))
        let (_, results) = runChecked(
            Machine(
                configuration: config, files: [],
                processes: [ProcessSpec(name: "A", script: script), ProcessSpec(name: "B", script: script)]))
        #expect(results.map(\.process) == [1, 1, 0, 1, 0, 0])
    }

    @Test func exitingFreesEverything() {
        let script: [Operation] = [
            .alloc(address: 0, pages: 2), .write(address: 0, value: 1), .map(file: 0, address: 0x10000, pages: nil, mode: .shared),
            .write(address: 0x10000, value: 4),
        ]
        let (end, _) = runChecked(
            Machine(configuration: MachineConfiguration(), files: [zeroFile("f")], processes: [ProcessSpec(name: "P", script: script)]))
        #expect(end.processes[0].state == .done(.exited))
        #expect(end.frames.filter { !$0.isFree }.count == 1, "only the page-cache page stays")
        #expect(end.files[0].pages[0][0] == 4, "closing at exit writes back")
        #expect(end.tlb.validCount == 0)
    }
}

@Suite struct TLBTests {
    func machine(tlb: TLBConfiguration, pages: [Int], processes: Int = 1, scheduler: SchedulerPolicy = .roundRobin(quantum: 1)) -> Machine {
        let config = MachineConfiguration(frames: 16, tlb: tlb, scheduler: scheduler)
        let script: [Operation] = [.alloc(address: 0, pages: 16)] + pages.map { .read(address: $0 * pageSize) }
        return Machine(configuration: config, files: [], processes: (0..<processes).map { ProcessSpec(name: "P\($0)", script: script) })
    }

    @Test func hitsAndMissesOnAKnownSequence() {
        let (end, _) = runChecked(machine(tlb: TLBConfiguration(entries: 2), pages: [0, 1, 0, 2, 0, 1]))
        // LRU TLB of 2: miss 0, miss 1, hit 0, miss 2 (evicts 1), hit 0, miss 1.
        #expect(end.counters.tlbMisses == 4)
        #expect(end.counters.tlbHits == 2)
        let fifo = runChecked(machine(tlb: TLBConfiguration(entries: 2, replacement: .fifo), pages: [0, 1, 0, 2, 0, 1])).machine
        // FIFO evicts 0 (loaded first) when 2 comes, so the next 0 misses.
        #expect(fifo.counters.tlbMisses == 5)
    }

    @Test func setAssociativeConflictsThrash() {
        // 4 entries in 2 sets of 2: pages 0, 2, 4 all fall in set 0.
        let direct = runChecked(machine(tlb: TLBConfiguration(entries: 4, ways: 2), pages: [0, 2, 4, 0, 2, 4])).machine
        let full = runChecked(machine(tlb: TLBConfiguration(entries: 4), pages: [0, 2, 4, 0, 2, 4])).machine
        #expect(direct.counters.tlbHits == 0)
        #expect(full.counters.tlbHits == 3)
    }

    @Test func untaggedTLBIsFlushedOnEveryContextSwitch() {
        let tagged = runChecked(machine(tlb: TLBConfiguration(entries: 8, tagged: true), pages: [0, 0, 0], processes: 2)).results
        let untagged = runChecked(machine(tlb: TLBConfiguration(entries: 8, tagged: false), pages: [0, 0, 0], processes: 2)).results
        #expect(tagged.events(.tlbFlush).isEmpty)
        #expect(!untagged.events(.tlbFlush).isEmpty)
        #expect(untagged.events(.tlbMiss).count > tagged.events(.tlbMiss).count)
    }

    @Test func noTLBAtAllStillTranslates() {
        let (end, results) = runChecked(machine(tlb: TLBConfiguration(entries: 0), pages: [0, 1, 0]))
        #expect(end.counters.tlbHits == 0 && end.counters.tlbMisses == 0)
        #expect(results.events(.pageWalk).count == 3)
        #expect(results.events(.read).count == 3)
    }
}
