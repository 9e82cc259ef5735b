import Testing
@testable import VMM

/// Two processes A and B that both map `data` shared and run the given scripts.
func twoWriters(
    _ sharing: SharingPolicy, flushBeforeRead: Bool = false, order: [ProcessID]? = nil,
    a: [Operation], b: [Operation]
) -> Machine {
    var config = MachineConfiguration(frames: 8, sharing: sharing, flushBeforeRead: flushBeforeRead)
    if let order { config.scheduler = .explicit(order.map { ScheduledTurn(process: $0) }) }
    let map = Operation.map(file: 0, address: 0x10000, pages: nil, mode: .shared)
    return Machine(
        configuration: config, files: [zeroFile("data", pages: 2)],
        processes: [ProcessSpec(name: "A", script: [map] + a), ProcessSpec(name: "B", script: [map] + b)])
}

let word0 = 0x10000, word1 = 0x10000 + 1024

@Suite struct SharingTests {
    @Test func writeThroughWritesEveryTimeWriteBackOnce() {
        func diskWrites(_ policy: WritePolicy) -> (Int, [Int]) {
            let config = MachineConfiguration(writePolicy: policy)
            let script: [Operation] =
                [.map(file: 0, address: 0, pages: nil, mode: .shared)]
                + (1...10).map { .write(address: ($0 % 4) * 1024, value: $0) } + [.close(file: 0)]
            let (machine, _) = runChecked(
                Machine(configuration: config, files: [zeroFile("f")], processes: [ProcessSpec(name: "A", script: script)]))
            return (machine.counters.diskWrites, machine.files[0].pages[0])
        }
        let (through, throughWords) = diskWrites(.writeThrough)
        let (back, backWords) = diskWrites(.writeBack)
        #expect(through == 10)
        #expect(back == 1)
        #expect(throughWords == [8, 9, 10, 7])
        #expect(backWords == throughWords)
    }

    @Test func oneSharedCopyIsSeenByBothAtTheirOwnAddresses() {
        let config = MachineConfiguration()
        let a: [Operation] = [
            .map(file: 0, address: 0x1000, pages: nil, mode: .shared), .write(address: 0x1000, value: 42), .read(address: 0x1000),
        ]
        let b: [Operation] = [.map(file: 0, address: 0x8000, pages: nil, mode: .shared), .read(address: 0x8000), .read(address: 0x8000)]
        var machine = Machine(
            configuration: config, files: [zeroFile("f")],
            processes: [ProcessSpec(name: "A", script: a), ProcessSpec(name: "B", script: b)])
        let reads = (0..<6).flatMap { _ in machine.step().events }.filter { $0.kind == .read }
        let frame = machine.processes[0].pageTable[1]!.frame!
        #expect(machine.processes[1].pageTable[8]!.frame == frame)
        #expect(machine.frames[frame].mappers == [ReverseMapEntry(process: 0, page: 1), ReverseMapEntry(process: 1, page: 8)])
        #expect(machine.processes[1].pageTable[8]!.sharing == .shared)
        #expect(reads.filter { $0.process == 1 }.map(\.value) == [42, 42])
        runChecked(machine)
    }

    @Test func lostUpdateWhenPrivateCopiesAreWrittenBackInCloseOrder() {
        let machine = twoWriters(
            .privateCopies(.close), order: [0, 1, 0, 1, 0, 1],
            a: [.write(address: word0, value: 1), .close(file: 0)],
            b: [.write(address: word0, value: 2), .close(file: 0)])
        let (end, results) = runChecked(machine)
        let lost = results.events(.lostUpdate)
        #expect(lost.count == 1)
        #expect(lost.first?.process == 1)
        #expect(lost.first?.otherProcess == 0)
        #expect(lost.first?.word == 0)
        #expect(end.files[0].pages[0][0] == 2)
        #expect(end.counters.lostUpdates == 1)
    }

    @Test func disjointWordsAreBothKept() {
        let machine = twoWriters(
            .privateCopies(.close), order: [0, 1, 0, 1, 0, 1],
            a: [.write(address: word0, value: 1), .close(file: 0)],
            b: [.write(address: word1, value: 2), .close(file: 0)])
        let (end, results) = runChecked(machine)
        #expect(results.events(.lostUpdate).isEmpty)
        #expect(end.files[0].pages[0][0...1] == [1, 2])
    }

    @Test func openOrderMakesTheLaterCloserWaitAndTheLaterOpenerWin() {
        // B closes first, but A opened first: B waits, A writes back, then B overwrites A.
        let machine = twoWriters(
            .privateCopies(.open), order: [0, 1, 0, 1, 1, 0, 1],
            a: [.write(address: word0, value: 1), .read(address: word1), .close(file: 0)],
            b: [.write(address: word0, value: 2), .close(file: 0)])
        let (end, results) = runChecked(machine)
        #expect(results.events(.closeWait).first?.process == 1)
        #expect(results.events(.wake).first?.process == 1)
        #expect(results.events(.lostUpdate).first?.otherProcess == 0)
        #expect(end.files[0].pages[0][0] == 2)
        // Under close order the same interleaving lets A, the later closer, win.
        let closeOrder = twoWriters(
            .privateCopies(.close), order: [0, 1, 0, 1, 1, 0, 1],
            a: [.write(address: word0, value: 1), .read(address: word1), .close(file: 0)],
            b: [.write(address: word0, value: 2), .close(file: 0)])
        #expect(runChecked(closeOrder).machine.files[0].pages[0][0] == 1)
    }

    @Test func randomOrderIsSeededAndSometimesDiffersFromOpenOrder() {
        func winner(seed: UInt64) -> Int {
            var machine = twoWriters(
                .privateCopies(.random), order: [0, 1, 0, 1, 0, 1],
                a: [.write(address: word0, value: 1), .close(file: 0)],
                b: [.write(address: word0, value: 2), .close(file: 0)])
            machine = Machine(
                configuration: {
                    var c = machine.configuration; c.seed = seed; return c
                }(),
                files: [zeroFile("data", pages: 2)],
                processes: machine.processes.map { ProcessSpec(name: $0.name, script: $0.script) })
            return runChecked(machine).machine.files[0].pages[0][0]
        }
        #expect(winner(seed: 3) == winner(seed: 3))
        #expect(Set((1...12).map { winner(seed: UInt64($0)) }) == [1, 2])
    }

    @Test func exclusiveLockMakesTheSecondWriterWait() {
        let machine = twoWriters(
            .exclusiveLock, order: [0, 1, 0, 1, 0, 1],
            a: [.write(address: word0, value: 1), .close(file: 0)],
            b: [.write(address: word0, value: 2), .close(file: 0)])
        let (end, results) = runChecked(machine)
        let wait = results.events(.lockWait)
        #expect(wait.count == 1)
        #expect(wait.first?.process == 1)
        #expect(wait.first?.otherProcess == 0)
        #expect(results.events(.lockAcquired).map(\.process) == [0, 1])
        #expect(end.counters.lockWaits == 1)
        #expect(end.files[0].pages[0][0] == 2)
        #expect(results.events(.lostUpdate).isEmpty)
    }

    @Test func crossedLocksDeadlock() {
        let second = 0x10000 + pageSize
        let machine = twoWriters(
            .exclusiveLock, order: [0, 1, 0, 1, 0, 1],
            a: [.write(address: word0, value: 1), .write(address: second, value: 1)],
            b: [.write(address: second, value: 2), .write(address: word0, value: 2)])
        let (end, results) = runChecked(machine)
        #expect(results.events(.deadlock).count == 1)
        #expect(end.isFinished)
    }

    @Test func versionsMergeDisjointChangesAndReportConflicts() {
        let machine = twoWriters(
            .versioned, order: [0, 1, 0, 1, 0, 1, 0, 1],
            a: [.write(address: word0, value: 1), .write(address: word1, value: 5), .close(file: 0)],
            b: [.write(address: word0, value: 2), .write(address: word1 + 1024, value: 6), .close(file: 0)])
        let (end, results) = runChecked(machine)
        let conflicts = results.events(.mergeConflict)
        #expect(conflicts.count == 1)
        #expect(conflicts.first?.process == 1)
        #expect(conflicts.first?.otherProcess == 0)
        #expect(conflicts.first?.word == 0)
        #expect(end.files[0].versions.map(\.number) == [1, 2, 3])
        #expect(end.files[0].versions.last?.conflicts == 1)
        #expect(end.files[0].pages[0][0...2] == [1, 5, 6])
        #expect(results.events(.lostUpdate).isEmpty)
    }

    @Test func flushBeforeReadShowsTheOtherWritersChange() {
        func bRead(flush: Bool) -> (Int?, [Event]) {
            let machine = twoWriters(
                .privateCopies(.close), flushBeforeRead: flush, order: [0, 1, 0, 1],
                a: [.write(address: word0, value: 9)], b: [.read(address: word0)])
            let (_, results) = runChecked(machine)
            return (results.events(.read).first { $0.process == 1 }?.value, results.events(.forcedWrite))
        }
        let (without, noForce) = bRead(flush: false)
        let (with, forced) = bRead(flush: true)
        #expect(without == 0)
        #expect(noForce.isEmpty)
        #expect(with == 9)
        #expect(forced.first?.process == 0)
        #expect(forced.first?.otherProcess == 1)
    }

    @Test func flushBeforeReadUnderSharedWriteBackGoesToDisk() {
        let machine = twoWriters(
            .sharedCopy, flushBeforeRead: true, order: [0, 1, 0, 1],
            a: [.write(address: word0, value: 9)], b: [.read(address: word0)])
        var m = machine
        for _ in 0..<4 { m.step() }
        #expect(m.files[0].pages[0][0] == 9)
        #expect(m.counters.diskWrites == 1)
    }

    @Test func privateMappingIsCopiedOnWriteAndNeverWrittenBack() {
        let a: [Operation] = [
            .map(file: 0, address: 0, pages: nil, mode: .private), .read(address: 0), .write(address: 0, value: 3), .read(address: 0),
            .close(file: 0),
        ]
        let file = FileSpec(name: "f", pages: [[7, 7, 7, 7]])
        let (end, results) = runChecked(
            Machine(configuration: MachineConfiguration(), files: [file], processes: [ProcessSpec(name: "A", script: a)]))
        #expect(results.events(.copyOnWrite).count == 1)
        #expect(results.events(.read).map(\.value) == [7, 3])
        #expect(end.files[0].pages[0] == [7, 7, 7, 7])
        #expect(end.counters.diskWrites == 0)
        #expect(results.events(.close).contains { $0.explanation.contains("discarded") })
    }

    @Test func syncWritesBackWithoutClosing() {
        let a: [Operation] = [
            .map(file: 0, address: 0, pages: nil, mode: .shared), .write(address: 0, value: 3), .sync(file: 0), .read(address: 0),
        ]
        var machine = Machine(configuration: MachineConfiguration(), files: [zeroFile("f")], processes: [ProcessSpec(name: "A", script: a)])
        for _ in 0..<3 { machine.step() }
        #expect(machine.files[0].pages[0][0] == 3)
        #expect(machine.frames[machine.files[0].pageCache[0]!].dirty == false)
    }
}
