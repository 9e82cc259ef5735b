import Testing
@testable import Scenario
import VMM

/// Runs a scenario with the invariant checker on; the machine at the end and each step's result.
private func run(_ scenario: Scenario) -> (machine: Machine, steps: [StepResult]) {
    var machine = scenario.makeMachine()
    var checker = InvariantChecker()
    var steps: [StepResult] = []
    while !machine.isFinished {
        let before = machine
        let result = machine.step()
        steps.append(result)
        let problems = checker.check(before: before, after: machine, result: result)
        #expect(problems.isEmpty, "\(scenario.path): \(problems)")
    }
    return (machine, steps)
}

private func lesson(_ name: String, _ settings: [String] = []) throws -> (machine: Machine, steps: [StepResult]) {
    run(try #require(try BundledScenarios.load(name)).overriding(settings))
}

private func events(_ steps: [StepResult], _ kind: Event.Kind) -> [Event] { steps.flatMap(\.events).filter { $0.kind == kind } }

/// The facts of docs/semantics.md, "Linux as a model", on the lessons the real kernel was measured on.
@Suite struct LinuxKernelTests {
    @Test func thePresetTurnsEveryBehaviourOnAndTextbookTurnsThemOff() throws {
        let linux = try #require(try BundledScenarios.load("tour")).overriding(["kernel=linux"]).configuration
        #expect(linux.kernel == .linux && linux.shootdown == .linux && linux.tlb.asids == 6 && linux.kernelName == "linux")
        let back = try #require(try BundledScenarios.load("linux-close")).overriding(["kernel=textbook"]).configuration
        #expect(back.kernel == .textbook && back.tlb.asids == nil && back.kernelName == "textbook")
        let mixed = try #require(try BundledScenarios.load("tour")).overriding(["write-notify=on"]).configuration
        #expect(mixed.kernelName == "custom" && mixed.kernel.writeNotify && mixed.kernel.writeback == .textbook)
    }

    @Test func sharedPageOnLinux() throws {
        let (machine, steps) = try lesson("shared-page", ["kernel=linux"])
        // One frame for both maps, one disk read, B's first read minor: as the textbook.
        #expect(events(steps, .diskRead).count == 1 && machine.processes[1].counters.minorFaults == 1)
        var replay = try #require(try BundledScenarios.load("shared-page")).overriding(["kernel=linux"]).makeMachine()
        var shared = false
        while !replay.isFinished {
            replay.step()
            shared =
                shared
                || replay.frames.contains { Set($0.mappers.map(\.process)) == [0, 1] && Set($0.mappers.map(\.page)) == [0x10, 0x70] }
        }
        #expect(shared, "A at page 0x10 and B at 0x70 map one frame")
        #expect(steps.count == replay.stepCount)
        // Neither close writes: the page ends dirty in the page cache and the disk keeps 20.
        #expect(machine.counters.writeBacks == 0 && machine.counters.diskWrites == 0)
        let frame = try #require(machine.files[0].pageCache[0])
        #expect(machine.frames[frame].dirty && machine.frames[frame].mappers.isEmpty && machine.frames[frame].words[1] == 99)
        #expect(machine.files[0].pages[0][1] == 20)
        // A's write after its read is the write-notify fault.
        #expect(machine.processes[0].counters.protectionFaults == 1)
        let textbook = try lesson("shared-page")
        #expect(textbook.machine.counters.writeBacks == 1 && textbook.machine.processes[0].counters.protectionFaults == 0)
    }

    @Test func tourOnLinux() throws {
        let (machine, steps) = try lesson("tour", ["kernel=linux"])
        #expect(machine.counters.majorFaults == 1 && machine.processes[1].counters.majorFaults == 0)
        #expect(machine.processes[1].counters.minorFaults == 1)
        #expect(machine.counters.diskReads == 1 && machine.counters.writeBacks == 0)
        // Step 3, A's first read: one disk read brings both pages, and fault-around maps page 0x11.
        let third = steps[2].events
        #expect(third.filter { $0.kind == .diskRead }.count == 1)
        #expect(third.contains { $0.kind == .map && $0.page == 0x11 && $0.explanation.hasPrefix("Fault-around") })
        // A's write to the second page: a write-protect fault, no page fault.
        let write = try #require(steps.first { $0.operation == "write 0x11000 42" })
        #expect(write.events.map(\.kind).contains(.protectionFault) && !write.events.contains { $0.kind == .majorFault })
        // The dirty page stays in the page cache after both closes: the disk still holds 5.
        #expect(machine.files[0].pages[1][0] == 5)
        let frame = try #require(machine.files[0].pageCache[1])
        #expect(machine.frames[frame].dirty && machine.frames[frame].words[0] == 42)
    }

    @Test func cowForkOnLinux() throws {
        let (machine, steps) = try lesson("cow-fork", ["kernel=linux"])
        // Right after the fork the child has the anonymous page (copy-on-write) but no entry for
        // the private file mapping, which had no private copy yet.
        let fork = try #require(steps.firstIndex { $0.operation == "fork child" })
        var replay = try #require(try BundledScenarios.load("cow-fork")).overriding(["kernel=linux"]).makeMachine()
        for _ in 0...fork { replay.step() }
        let child = replay.processes[1]
        #expect(child.pageTable[0x0]?.sharing == .copyOnWrite && child.pageTable[0x0]?.present == true)
        #expect(child.pageTable[0x10] == nil)
        // The child's write to the file page is one fault: a minor fault and the copy, no protection fault.
        let write = try #require(steps.first { $0.operation == "write 0x10000 9" })
        #expect(write.events.filter { $0.kind == .minorFault }.count == 1)
        #expect(!write.events.contains { $0.kind == .protectionFault } && write.events.contains { $0.kind == .copyOnWrite })
        #expect(machine.counters.diskWrites == 0 && machine.files[0].pages[0][0] == 1)
        // The textbook copies the entry at fork, so the same write is a protection fault.
        let textbook = try lesson("cow-fork")
        let same = try #require(textbook.steps.first { $0.operation == "write 0x10000 9" })
        #expect(same.events.contains { $0.kind == .protectionFault })
    }

    @Test func writePolicyWithAnMsyncAfterEachStoreGivesEightWritesAndSevenWriteProtectFaults() throws {
        let source = try #require(BundledScenarios.text(named: "write-policy"))
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var edited: [String] = []
        for line in lines where line != "write through" {
            edited.append(line)
            if line.hasPrefix("  write ") { edited.append("  msync 0x10000") }
        }
        let scenario = try ScenarioParser.parse("kernel linux\n" + edited.joined(separator: "\n"), path: "write-policy-msync.vmm")
        let (machine, steps) = run(scenario)
        #expect(machine.counters.diskWrites == 8 && machine.counters.writeBacks == 8)
        #expect(machine.counters.protectionFaults == 7)
        // The first write maps the page writable in its own (major) fault; every msync cleans it.
        #expect(machine.counters.majorFaults == 1)
        for step in steps where step.operation?.hasPrefix("msync") == true {
            #expect(step.events.filter { $0.kind == .writeBack }.count == 1)
        }
        #expect(machine.files[0].pages[0] == [5, 6, 7, 8])
    }

    @Test func anonymousReadThenWriteMapsTheZeroPageFirst() throws {
        let text = "kernel linux\nprocess P\n  alloc 0x0 pages 1\n  read 0x0\n  write 0x0 5\n  read 0x0\n"
        let scenario = try ScenarioParser.parse(text, path: "zero.vmm")
        var machine = scenario.makeMachine()
        machine.step()  // alloc
        let read = machine.step()
        #expect(read.events.map(\.kind) == [.tlbMiss, .pageWalk, .minorFault, .map, .read])
        #expect(machine.processes[0].pageTable[0]?.zeroPage == true && machine.frames.allSatisfy(\.isFree))
        let write = machine.step()
        #expect(write.events.contains { $0.kind == .minorFault } && !write.events.contains { $0.kind == .protectionFault })
        let frame = try #require(machine.processes[0].pageTable[0]?.frame)
        #expect(machine.frames[frame].words[0] == 5 && machine.frames.filter { !$0.isFree }.count == 1)
        #expect(machine.counters.minorFaults == 2)
        // The textbook: one zero-filled frame at the read, and the write takes no fault.
        let textbook = run(try ScenarioParser.parse(text.replacing("kernel linux", with: "kernel textbook"), path: "zero.vmm")).machine
        #expect(textbook.counters.minorFaults == 1)
    }

    @Test func closeWritesNothingAndSyncWritesOnce() throws {
        let (machine, steps) = try lesson("linux-close")
        for step in steps where step.operation?.hasPrefix("close") == true || step.operation == "exit" {
            #expect(!step.events.contains { $0.kind == .writeBack }, "\(step.operation ?? "")")
        }
        let sync = try #require(steps.first { $0.operation == "sync" })
        #expect(sync.events.filter { $0.kind == .writeBack }.count == 1)
        #expect(machine.files[0].pages[0][1] == 99)
        // The textbook writes at A's close.
        let textbook = try lesson("linux-close", ["kernel=textbook"])
        let close = try #require(textbook.steps.first { $0.operation == "close data.bin" })
        #expect(close.events.contains { $0.kind == .writeBack && $0.process == 0 })
    }

    @Test func theWritebackDaemonWritesAPageOnceItHasBeenDirtyForTheExpiry() throws {
        let text = """
            kernel linux
            writeback-expire 3
            file f 0
            process P
              map f at 0x10000 shared
              write 0x10000 7
              read 0x10000
              read 0x10000
              read 0x10000
              read 0x10000
              read 0x10000
            """
        let (machine, steps) = run(try ScenarioParser.parse(text, path: "daemon.vmm"))
        let written = steps.filter { $0.events.contains { $0.kind == .writeBack } }
        // Dirtied at step 2; the daemon wakes every 3 steps (the expiry is shorter than 5): at step 6, aged 4.
        #expect(written.map(\.step) == [6])
        #expect(written.first?.events.first { $0.kind == .writeBack }?.process == nil)
        #expect(machine.files[0].pages[0][0] == 7 && machine.counters.writeBacks == 1)
        let off = run(try ScenarioParser.parse(text.replacing("writeback-expire 3", with: "writeback-expire off"), path: "off.vmm"))
        #expect(off.machine.counters.writeBacks == 0 && off.machine.files[0].pages[0][0] == 0)
    }

    @Test func exitInterruptsEveryCPUInTheMaskLazyOnesToo() throws {
        let (machine, steps) = try lesson("linux-shootdowns")
        let fork = try #require(steps.first { $0.operation == "fork K" })
        #expect(!fork.events.contains { $0.kind == .ipi } && fork.events.contains { $0.kind == .ipiDeferred })
        let exit = try #require(steps.first { $0.process == 0 && $0.operation == "exit" })
        #expect(exit.events.filter { $0.kind == .ipi }.count == 1 && exit.cpu == 1)
        #expect(machine.counters.ipis == 1)
        // Eager, as the textbook models it: the fork interrupts CPU 0 and the exit does not.
        let eager = try lesson("linux-shootdowns", ["kernel=textbook"])
        let eagerFork = try #require(eager.steps.first { $0.operation == "fork K" })
        #expect(eagerFork.events.contains { $0.kind == .ipi })
        let eagerExit = try #require(eager.steps.first { $0.process == 0 && $0.operation == "exit" })
        #expect(!eagerExit.events.contains { $0.kind == .ipi })
    }

    @Test func aProcessBackAfterOthersTookEveryAddressSpaceIDStartsCold() throws {
        let (machine, _) = try lesson("linux-shootdowns")
        #expect(machine.processes[1].counters.tlbMisses == 2)
        let unlimited = try lesson("linux-shootdowns", ["tlb=4 asids unlimited"]).machine
        #expect(unlimited.processes[1].counters.tlbMisses == 1)
    }

    @Test func aLargeUnmapThatFreesTablesIsOneFullFlushPerCPU() throws {
        let text = """
            cpus 2
            kernel linux
            tlb 8
            schedule order A@cpu0 A@cpu0 A@cpu0 B@cpu0 A@cpu1 A@cpu1
            file big pages 40
            process A
              map big at 0x100000 shared
              read 0x100000
              read 0x101000
              read 0x102000
              close big
            process B
              alloc 0x0 pages 1
            """
        let scenario = try ScenarioParser.parse(text, path: "big.vmm")
        var machine = scenario.makeMachine()
        var close: StepResult?
        while !machine.isFinished {
            let result = machine.step()
            if result.operation == "close big" { close = result }
        }
        let ipis = try #require(close).events.filter { $0.kind == .ipi }
        #expect(ipis.count == 1)
        #expect(ipis.first?.explanation.contains("above Linux's ceiling of 33") == true)
    }

    /// A CPU running another process is interrupted for a change only when the mask is due its
    /// trim (1,000 steps after the last): then it drops the process's entries and leaves the mask.
    @Test(arguments: [10, 1100])
    func aCPURunningAnotherProcessIsInterruptedOnlyForTheMasksTrim(reads: Int) throws {
        let text = """
            cpus 2
            kernel linux
            schedule order A@cpu0 A@cpu0 B@cpu0 B@cpu0\(String(repeating: " A@cpu1", count: reads + 3))
            process A
              alloc 0x0 pages 1
              write 0x0 1
              refs\(String(repeating: " 0", count: reads))
              fork K
              fork L
            process B
              alloc 0x0 pages 1
              read 0x0
              read 0x0
            process K forked
              read 0x0
            process L forked
              read 0x0
            """
        let (machine, steps) = run(try ScenarioParser.parse(text, path: "trim.vmm"))
        let forks = steps.filter { $0.operation?.hasPrefix("fork") == true }
        #expect(forks.count == 2 && forks.allSatisfy { $0.cpu == 1 })
        let ipis = forks.map { $0.events.filter { $0.kind == .ipi } }
        if reads < 1000 {
            // Early in the run: lazily deferred, as lazy shootdowns do.
            #expect(ipis.allSatisfy(\.isEmpty) && forks[0].events.contains { $0.kind == .ipiDeferred })
        } else {
            // Past step 1,000: the first change trims CPU 0 out of A's mask; the second has nobody to tell.
            #expect(ipis[0].count == 1 && ipis[0].first?.explanation.contains("trim") == true)
            #expect(ipis[1].isEmpty && !forks[1].events.contains { $0.kind == .ipiDeferred })
        }
        #expect(machine.isFinished)
    }

    @Test("every bundled lesson keeps every invariant under the Linux kernel", arguments: BundledScenarios.names)
    func lessonsRunUnderLinux(name: String) throws {
        let (machine, _) = try lesson(name, ["kernel=linux"])
        #expect(machine.isFinished)
    }

    @Test func badKernelSettingsAreReportedWhereTheyAre() throws {
        let cases: [(String, String)] = [
            ("kernel bsd\n", "1:8: unknown kernel 'bsd'; expected one of textbook or linux"),
            ("fault-around 0\n", "1:14: fault-around block must be between 1 and 512, not 0"),
            ("readahead many\n", "1:11: expected readahead window (a decimal or 0x hex number), found 'many'"),
            ("writeback-expire 0\n", "1:18: expiry must be between 1 and 1000000, not 0"),
            ("tlb asids 0\n", "1:11: address-space ids must be between 1 and 4096, not 0"),
            ("zero-page maybe\n", "1:11: unknown setting 'maybe'; expected one of on, off, yes or no"),
        ]
        for (text, expected) in cases {
            #expect(throws: DiagnosticList.self) { try ScenarioParser.parse(text + "process P\n  alloc 0\n", path: "k.vmm") }
            do {
                _ = try ScenarioParser.parse(text + "process P\n  alloc 0\n", path: "k.vmm")
            } catch {
                #expect(error.diagnostics.map { "\($0.line):\($0.column): \($0.message)" }.first == expected, "\(text)")
            }
        }
    }
}
