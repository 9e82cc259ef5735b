import Foundation
import Testing
@testable import Scenario
import VMM

/// Runs a bundled scenario to its end with the invariant checker on, returning the machine and every event.
func runLesson(_ name: String, _ settings: [String] = [], seed: UInt64? = nil) throws -> (
    machine: Machine, events: [Event], scenario: Scenario
) {
    let scenario = try #require(try BundledScenarios.load(name)).overriding(settings)
    var machine = scenario.makeMachine(seed: seed)
    var checker = InvariantChecker()
    var events: [Event] = []
    while !machine.isFinished {
        let before = machine
        let result = machine.step()
        events += result.events
        let problems = checker.check(before: before, after: machine, result: result)
        #expect(problems.isEmpty, "\(name): \(problems)")
    }
    return (machine, events, scenario)
}

@Suite struct LibraryTests {
    @Test func everyFileInScenariosIsBundled() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../scenarios").standardized
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".vmm") }.map {
            String($0.dropLast(4))
        }.sorted()
        #expect(files == BundledScenarios.names)
        #expect(files.count >= 12)
        for name in files {
            let onDisk = try String(contentsOf: folder.appendingPathComponent("\(name).vmm"), encoding: .utf8)
            #expect(BundledScenarios.text(named: name).map { $0 + "\n" } == onDisk || BundledScenarios.text(named: name) == onDisk)
        }
    }

    @Test("every bundled scenario's own expectations hold", arguments: BundledScenarios.names)
    func expectationsHold(name: String) throws {
        let (machine, events, scenario) = try runLesson(name)
        #expect(!scenario.expectations.isEmpty, "a bundled lesson must check itself")
        #expect(!scenario.watch.isEmpty && !scenario.description.isEmpty)
        for check in scenario.lessonChecks(machine: machine, events: events) {
            #expect(check.passed, "\(name):\(check.expectation.line): expect \(check.expectation.text), was \(check.actual)")
        }
    }

    @Test func tourSharesOneFrameBetweenTwoMaps() throws {
        let scenario = try #require(try BundledScenarios.load(BundledScenarios.defaultName))
        var machine = scenario.makeMachine()
        var sawShared = false
        while !machine.isFinished {
            machine.step()
            if machine.frames.contains(where: { Set($0.mappers.map(\.process)).count == 2 && Set($0.mappers.map(\.page)).count == 2 }) {
                sawShared = true
            }
        }
        #expect(sawShared)
    }

    @Test func replacementPoliciesOnTheTextbookString() throws {
        #expect(try runLesson("replacement").machine.counters.pageFaults == 15)
        #expect(try runLesson("replacement", ["replacement=lru"]).machine.counters.pageFaults == 12)
        #expect(try runLesson("replacement", ["replacement=opt"]).machine.counters.pageFaults == 9)
        let clock = try runLesson("replacement", ["replacement=clock"]).machine.counters.pageFaults
        #expect(clock >= 9 && clock <= 15)
    }

    @Test func beladysAnomaly() throws {
        #expect(try runLesson("belady").machine.counters.pageFaults == 9)
        #expect(try runLesson("belady", ["frames=4"]).machine.counters.pageFaults == 10)
        #expect(
            try runLesson("belady", ["frames=4", "replacement=lru"]).machine.counters.pageFaults
                <= runLesson("belady", ["replacement=lru"]).machine.counters.pageFaults)
    }

    @Test func thePageWalkCostsTwoReferencesAndTablesStayInMemory() throws {
        let (machine, events, _) = try runLesson("page-walk")
        // Two of the misses stop at the root: the very first (no tables yet) and the first touch of
        // the second 4 MiB region (no level-2 table for it yet). The rest read both levels.
        #expect(machine.counters.walkReferences == 2 * machine.counters.tlbMisses - 2)
        #expect(
            events.contains {
                $0.kind == .pageWalk
                    && $0.explanation.hasPrefix("Page walk (1 memory reference): level 1 (frame 0) entry 0x1 → level 2 table missing")
            })
        #expect(events.filter { $0.kind == .pageTableCreated }.count == 3)
        #expect(!events.contains { $0.kind == .eviction && $0.explanation.contains("page table") })
        #expect(
            events.contains {
                $0.kind == .pageWalk && $0.explanation.hasPrefix("Page walk (2 memory references): level 1 (frame 0) entry 0x0 → level 2")
            })
        // With a single-level table nothing is spent on tables, so nothing is evicted.
        let flat = try runLesson("page-walk", ["page-table=single"]).machine
        #expect(flat.counters.evictions == 0)
        #expect(flat.counters.walkReferences == flat.counters.tlbMisses)
        let inverted = try runLesson("page-walk", ["page-table=inverted"]).machine
        #expect(inverted.counters.pageTablePages == 0 && inverted.counters.evictions == 0)
        #expect(inverted.counters.walkReferences >= inverted.counters.tlbMisses)
    }

    @Test func agingApproximatesLRU() throws {
        let aging = try runLesson("aging-vs-lru")
        #expect(aging.machine.counters.pageFaults == 9)
        #expect(aging.scenario.configuration.replacementParameters == ReplacementParameters(bits: 2, interval: 3, window: 8))
        #expect(try runLesson("aging-vs-lru", ["replacement=lru"]).machine.counters.pageFaults == 10)
        #expect(
            try runLesson("aging-vs-lru", ["replacement=aging bits 8 interval 1"]).machine.counters.pageFaults
                == runLesson("aging-vs-lru", ["replacement=lru"]).machine.counters.pageFaults)
    }

    @Test func localReplacementConfinesThrashing() throws {
        let local = try runLesson("local-vs-global").machine
        #expect(local.processes.map(\.counters.pageFaults) == [2, 12])
        #expect(local.allotments == [2, 2])
        let global = try runLesson("local-vs-global", ["allocation=global"]).machine
        #expect(global.processes[0].counters.pageFaults == 7, "globally, B's slices push A's pages out")
        let proportional = try runLesson("local-vs-global", ["allocation=local proportional"]).machine
        // A touches 2 pages and B 6: 4 frames split 1 and 3.
        #expect(proportional.allotments == [1, 3])
        #expect(proportional.processes[0].counters.pageFaults == 12, "one frame for a two-page loop: every reference faults")
    }

    @Test func writeThroughVersusWriteBack() throws {
        let through = try runLesson("write-policy").machine
        let back = try runLesson("write-policy", ["write=back"]).machine
        #expect(through.counters.diskWrites == 8)
        #expect(back.counters.diskWrites == 1)
        #expect(through.files[0].pages == back.files[0].pages)
    }

    @Test func thrashingStopsWithEnoughFrames() throws {
        #expect(try runLesson("thrashing").machine.counters.pageFaults == 30)
        let roomy = try runLesson("thrashing", ["frames=6"]).machine
        #expect(roomy.counters.pageFaults == 6)
        #expect(roomy.counters.swapOuts == 0)
    }

    @Test func lostUpdateNamesBothProcesses() throws {
        let lost = try runLesson("lost-update").events.filter { $0.kind == .lostUpdate }
        #expect(lost.count == 1)
        #expect(lost.first?.process == 1 && lost.first?.otherProcess == 0 && lost.first?.word == 0)
    }

    @Test func closeOrderDecidesTheWinner() throws {
        #expect(try runLesson("open-order").machine.files[0].pages[0][0] == 2)
        #expect(try runLesson("close-order").machine.files[0].pages[0][0] == 1)
        #expect(try runLesson("open-order", ["sharing=private-close"]).machine.files[0].pages[0][0] == 1)
        #expect(try runLesson("random-order").machine.files[0].pages[0][0] == 2)
        #expect(try runLesson("random-order", seed: 6).machine.files[0].pages[0][0] == 1)
        let winners = try Set(
            (1...10).map { try runLesson("open-order", ["sharing=private-random"], seed: UInt64($0)).machine.files[0].pages[0][0] })
        #expect(winners == [1, 2])
    }

    @Test func lockAndVersionsLoseNothingSilently() throws {
        let lock = try runLesson("write-lock")
        #expect(lock.events.first { $0.kind == .lockWait }?.otherProcess == 0)
        let versions = try runLesson("versions")
        #expect(versions.machine.files[0].versions.map(\.author) == [nil, 0, 1])
        #expect(versions.events.first { $0.kind == .mergeConflict }?.word == 0)
    }

    @Test func flushBeforeReadChangesWhatBReads() throws {
        let readByB = { (settings: [String]) in
            try runLesson("flush-before-read", settings).events.filter { $0.kind == .read && $0.process == 1 }.map(\.value)
        }
        #expect(try readByB([]) == [0, 7])
        #expect(try readByB(["flush-before-read=off"]) == [0, 0])
    }

    @Test func tlbReachAndCopyOnWrite() throws {
        let reach = try runLesson("tlb-reach").machine
        #expect(reach.counters.tlbMisses == 22)
        let bigger = try runLesson("tlb-reach", ["tlb=8"]).machine
        #expect(bigger.counters.tlbMisses == 6)
        let cow = try runLesson("cow-fork")
        #expect(cow.events.filter { $0.kind == .read && $0.process == 0 && $0.page == 0 }.map(\.value) == [5, 5])
        #expect(cow.events.filter { $0.kind == .copyOnWrite }.count == 3)
    }
}
