import Testing
@testable import Scenario
import VMM

/// Each counter counts each thing once, and each explanation says what really happened.
@Suite struct CountersAndWordsTests {
    @Test func aWriteRetriedAfterALockWaitIsOneWrite() throws {
        let (machine, events, _) = try runLesson("write-lock")
        let b = try #require(machine.processes.firstIndex { $0.name == "B" })
        #expect(events.contains { $0.kind == .lockWait && $0.process == b })
        // B's script: one write, one read (close and exit are not references).
        #expect(machine.processes[b].counters.writes == 1)
        #expect(machine.processes[b].counters.reads == 1)
        #expect(machine.processes[b].counters.references == 2)
        #expect(machine.counters.writes == 2 && machine.counters.references == 5)
    }

    @Test func closeWaitsAreCountedAsWaits() throws {
        let (machine, events, _) = try runLesson("open-order")
        let waits = events.filter { $0.kind == .closeWait }
        #expect(!waits.isEmpty)
        #expect(machine.counters.closeWaits == waits.count)
        for event in waits { #expect(machine.processes[event.process!].counters.closeWaits >= 1) }
        #expect(Counters().named.contains { $0.name == "close_waits" })
    }

    @Test func underTheLockPolicyAWriteDoesNotClaimThereIsNoLocking() throws {
        let (_, events, _) = try runLesson("write-lock")
        let overwrite = try #require(events.first { $0.kind == .write && $0.explanation.contains("replacing") })
        #expect(overwrite.explanation.hasSuffix("B holds the page's write lock now."))
        #expect(!events.contains { $0.explanation.contains("no locking") })
        let (_, shared, _) = try runLesson("write-lock", ["sharing=shared"])
        #expect(shared.contains { $0.kind == .write && $0.explanation.hasSuffix("one shared copy, no locking.") })
    }

    @Test func writeThroughWordsTheWriteAsEveryOtherWrite() throws {
        let (_, events, _) = try runLesson("write-policy")
        let writes = events.filter { $0.kind == .write }
        #expect(!writes.isEmpty)
        for write in writes {
            #expect(write.explanation.contains("(page 0x10, word \(write.word!)) in frame"), "\(write.explanation)")
            #expect(write.explanation.contains(", page 0 of log.txt"), "\(write.explanation)")
        }
    }

    @Test func forkCountsEveryPageItMakesCopyOnWrite() throws {
        let scenario = try #require(try BundledScenarios.load("cow-fork"))
        var machine = scenario.makeMachine()
        var fork: Event?
        while fork == nil, !machine.isFinished { fork = machine.step().events.first { $0.kind == .fork } }
        let event = try #require(fork)
        let child = try #require(event.otherProcess)
        let shared = machine.processes[child].pageTable.values.filter { $0.sharing == .copyOnWrite }.count
        #expect(shared == 2)
        #expect(event.explanation.contains("\(shared) private pages are now copy-on-write in both"))
    }

    @Test func oneFrameIsOneFrame() throws {
        let scenario = try #require(try BundledScenarios.load("tour")).overriding(["frames=1"])
        #expect(scenario.policySummary.hasPrefix("1 frame · "))
        #expect(try #require(try BundledScenarios.load("tour")).policySummary.hasPrefix("4 frames · "))
    }
}
