import Foundation
import Testing
import VMM

@testable import Scenario

/// Several CPUs: the shootdown lessons' counts worked by hand, and one CPU behaving exactly as
/// before CPUs existed.
@Suite struct MultiCPUTests {
    func run(_ name: String, _ settings: [String] = []) throws -> (Machine, [StepResult]) {
        let scenario = try #require(try BundledScenarios.load(name)).overriding(settings)
        var machine = scenario.makeMachine()
        var results: [StepResult] = []
        var checker = InvariantChecker()
        while !machine.isFinished {
            let before = machine
            results.append(machine.step())
            let problems = checker.check(before: before, after: machine, result: results.last!)
            #expect(problems.isEmpty, "\(name) \(settings): \(problems)")
        }
        return (machine, results)
    }

    func events(_ results: [StepResult], _ kind: Event.Kind) -> [(step: Int, cpu: Int?, event: Event)] {
        results.flatMap { result in result.events.filter { $0.kind == kind }.map { (result.step, result.cpu, $0) } }
    }

    /// Each bundled lesson written for one CPU, run with `cpus 1` said outright: every step's
    /// process, operation, events and explanations hash to what the engine gave before it had CPUs
    /// (Golden/single-cpu-lessons.txt, made by the engine of commit 4dfd3f3).
    @Test func oneCPUIsTheMachineAsItWas() throws {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/single-cpu-lessons.txt")
        let lines = try String(contentsOf: golden, encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 18)
        for line in lines {
            let fields = line.split(separator: " ").map(String.init)
            var machine = try #require(try BundledScenarios.load(fields[0])).overriding(["cpus=1"]).makeMachine()
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var steps = 0
            while !machine.isFinished {
                let result = machine.step()
                steps += 1
                let text =
                    "\(result.process ?? -1) \(result.operation ?? "-") " + EventDigest.digest(result.events)
                    + result.events.map(\.explanation).joined(separator: "\n")
                for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            }
            #expect("\(steps) \(String(hash, radix: 16))" == "\(fields[1]) \(fields[2])", "\(fields[0])")
        }
    }

    @Test func shootdownCostEagerInterruptsBothCPUsThatRanA() throws {
        let (machine, results) = try run("shootdown-cost")
        // Worked by hand: at step 8, C on CPU 1 evicts data.bin's page. A's mask is {0, 2} (it ran on
        // both), B's is {1}: CPU 1 drops B's entry itself and interrupts CPU 0 and CPU 2 for A's.
        let ipis = events(results, .ipi)
        #expect(ipis.map(\.step) == [8, 8])
        #expect(ipis.allSatisfy { $0.cpu == 1 && $0.event.process == 0 })
        #expect(
            ipis.map(\.event.explanation).map { $0.hasPrefix("IPI: CPU 1 interrupts CPU 0") || $0.hasPrefix("IPI: CPU 1 interrupts CPU 2") }
                == [true, true])
        #expect(events(results, .ipiAck).count == 2)
        #expect(machine.counters.ipis == 2)
        #expect(machine.cpus.map(\.counters.ipis) == [0, 2, 0])
        // One entry dropped in each of the three TLBs at step 8.
        #expect(events(results, .tlbShootdown).filter { $0.step == 8 }.count == 3)
    }

    @Test func shootdownCostLazySparesTheIdleCPU() throws {
        let (machine, results) = try run("shootdown-cost", ["shootdown=lazy"])
        // CPU 0 runs nothing (A moved to CPU 2): not interrupted. CPU 2 runs A: interrupted.
        #expect(events(results, .ipi).map(\.event.explanation).map { $0.hasPrefix("IPI: CPU 1 interrupts CPU 2") } == [true])
        let deferred = events(results, .ipiDeferred)
        #expect(deferred.count == 1 && deferred[0].event.explanation.contains("CPU 0 is idle"))
        #expect(machine.counters.ipis == 1)
        // CPU 0 owes A a flush until A runs there again (step 10, when A exits on CPU 0).
        let flush = events(results, .tlbFlush).filter { $0.event.explanation.contains("deferred while it ran others") }
        #expect(flush.map(\.step) == [10])
        #expect(flush.first?.cpu == 0)
    }

    @Test func withoutShootdownsAStaleEntryReadsAnotherProcessesWord() throws {
        let (machine, results) = try run("stale-tlb")
        #expect(machine.counters.ipis == 0)
        let stale = events(results, .staleTLB)
        #expect(stale.count == 1)
        #expect(stale.first?.step == 9 && stale.first?.cpu == 2)
        #expect(stale.first?.event.process == 0 && stale.first?.event.otherProcess == 2 && stale.first?.event.frame == 0)
        // A reads C's 2 through the stale entry, where data.bin holds 10.
        let read = try #require(results[8].events.first { $0.kind == .read })
        #expect(read.value == 2)
        #expect(machine.files[0].pages[0][0] == 10)
        #expect(machine.cpus[2].counters.staleTLBUses == 1)
        // The same run with eager shootdowns: the re-read faults and reads 10.
        let (_, eager) = try run("stale-tlb", ["shootdown=eager"])
        #expect(events(eager, .staleTLB).isEmpty)
        #expect(eager[8].events.first { $0.kind == .read }?.value == 10)
    }

    @Test func aProcessThatMovesWarmsEachCPUsTLB() throws {
        let (tagged, _) = try run("tlb-per-cpu")
        #expect(tagged.processes[0].counters.tlbMisses == 4 && tagged.processes[0].counters.tlbHits == 2)
        let (untagged, results) = try run("tlb-per-cpu", ["tlb=4 untagged"])
        // Without ASIDs, Q's turn on CPU 0 flushes P's entries: P misses on every first touch.
        #expect(untagged.processes[0].counters.tlbMisses == 6 && untagged.processes[0].counters.tlbHits == 0)
        #expect(results.prefix(9).map(\.cpu) == [0, 0, 0, 1, 1, 0, 0, 0, 0])
    }

    @Test func theScheduleNamesCPUsAndSettingsChooseThem() throws {
        let scenario = try ScenarioParser.parse(
            "cpus 4\nshootdown lazy\nprocess A\n  alloc 0x0 pages 1\n  read 0x0\nprocess B\n  alloc 0x0 pages 1\n  read 0x0\nschedule order A@cpu3 B@cpu1 A@cpu0\n",
            path: "x.vmm")
        #expect(scenario.configuration.cpus == 4 && scenario.configuration.shootdown == .lazy)
        #expect(
            scenario.configuration.scheduler
                == .explicit([ScheduledTurn(process: 0, cpu: 3), ScheduledTurn(process: 1, cpu: 1), ScheduledTurn(process: 0, cpu: 0)]))
        var machine = scenario.makeMachine()
        #expect((0..<3).map { _ in machine.step().cpu } == [3, 1, 0])
        let none = try scenario.overriding(["cpus=5", "shootdown=none"])
        #expect(none.configuration.cpus == 5 && none.configuration.shootdown == .none)
        #expect(throws: DiagnosticList.self) { try scenario.overriding(["cpus=9"]) }
        // The schedule names CPU 3: two CPUs are too few, and the setting says why.
        #expect {
            try scenario.overriding(["cpus=2"])
        } throws: { error in
            (error as? DiagnosticList)?.diagnostics.first?.message == "the schedule names CPU 3, but there are 2 CPUs (cpu0 to cpu1)"
        }
    }
}

@Suite struct WatchedStepsTests {
    @Test func theStepsWatchLinesName() throws {
        let scenario = try ScenarioParser.parse(
            """
            watch Step 8: the eviction.
            watch Steps 4 and 5 (CPU 1): misses; steps 10–12 and step 2 to 3.
            watch The counters: nothing about a step number here, 7 frames.
            process P
              alloc 0x0 pages 1
              read 0x0
            """, path: "x.vmm")
        #expect(scenario.watchedSteps == [2, 3, 4, 5, 8, 10, 11, 12])
        #expect(try #require(try BundledScenarios.load("tlb-per-cpu")).watchedSteps == [4, 5, 8, 9])
    }
}
