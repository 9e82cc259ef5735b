import Testing

@testable import VMM

/// The one loop every run of a scenario goes through: where it stops, and what it hands on.
@Suite struct MachineStepsTests {
    let pages = [0, 1, 2, 3, 0, 1, 4, 0, 1, 2, 3, 4]

    @Test func forEachStepStopsAtTheLimitOrTheEndAndHandsOnTheMachineItLeft() {
        var machine = referenceString(pages, frames: 3, policy: .fifo)
        var seen: [(step: Int, count: Int)] = []
        machine.forEachStep(limit: 5) { result, after in seen.append((result.step, after.stepCount)) }
        #expect(seen.map(\.step) == [1, 2, 3, 4, 5])
        #expect(seen.allSatisfy { $0.step == $0.count })
        #expect(machine.stepCount == 5 && !machine.isFinished)

        // Going on from there to the end takes exactly the steps a plain loop takes.
        var plain = referenceString(pages, frames: 3, policy: .fifo)
        var expected: [StepResult] = []
        while !plain.isFinished { expected.append(plain.step()) }
        let rest = machine.takeSteps()
        #expect(rest.map(\.step) == Array(6...expected.count))
        #expect(rest.map { EventDigest.digest($0.events) } == expected.dropFirst(5).map { EventDigest.digest($0.events) })
        #expect(machine.isFinished && machine.counters == plain.counters)
        #expect(machine.takeSteps().isEmpty)
    }

    @Test func stepUntilStopsOnTheStepItIsTold() {
        var machine = referenceString(pages, frames: 3, policy: .fifo)
        var faults = 0
        machine.stepUntil { result, _ in
            faults += result.events.filter { $0.kind == .minorFault || $0.kind == .majorFault }.count
            return faults == 4
        }
        let taken = machine.stepCount
        var again = referenceString(pages, frames: 3, policy: .fifo)
        let counted = again.takeSteps(limit: taken).reduce(0) {
            $0 + $1.events.filter { $0.kind == .minorFault || $0.kind == .majorFault }.count
        }
        #expect(counted == 4)
        #expect(again.takeSteps(limit: taken - 1).isEmpty)
    }

    @Test func twoMachinesStepTogetherAndPartWhereTheirEventsFirstDiffer() {
        var fifo = referenceString(pages, frames: 3, policy: .fifo), lru = referenceString(pages, frames: 3, policy: .lru)
        let parting = Machine.stepToParting(&fifo, &lru, limit: .max)
        #expect(parting?.left.step == fifo.stepCount && fifo.stepCount == lru.stepCount)
        #expect(parting.map { EventDigest.digest($0.left.events) != EventDigest.digest($0.right.events) } == true)
        // A shorter run takes empty steps until the longer one ends.
        var short = referenceString([0, 1], frames: 3, policy: .fifo), long = referenceString(pages, frames: 3, policy: .fifo)
        var empty = 0
        Machine.stepTogether(&short, &long) { left, _, _, _ in
            if left.events.isEmpty { empty += 1 }
            return true
        }
        #expect(short.isFinished && long.isFinished)
        #expect(empty == long.stepCount - short.stepCount)
        var same = referenceString(pages, frames: 3, policy: .lru), twin = referenceString(pages, frames: 3, policy: .lru)
        #expect(Machine.stepToParting(&same, &twin, limit: .max) == nil)
    }
}
