import Testing

@testable import Scenario
@testable import VMM

/// The lessons of the policies kernels and caches use now, each count worked by hand (the traces
/// are in docs/semantics.md) and asserted under every policy the lesson text names.
@Suite struct ModernPolicyLessonTests {
    /// Faults of one process of a lesson under `policy` (its own policy when nil).
    static func faults(_ lesson: String, _ policy: String? = nil, of process: String? = nil) throws -> Int {
        let run = try runLesson(lesson, policy.map { ["replacement=\($0)"] } ?? [])
        guard let process else { return run.machine.counters.pageFaults }
        let pid = try #require(run.machine.processes.firstIndex { $0.name == process })
        return run.machine.processes[pid].counters.pageFaults
    }

    @Test("scan resistance: LRU, Clock and FIFO lose the working set to the backup; ARC, S3-FIFO, SIEVE, Linux and 2Q keep it")
    func scanResistance() throws {
        let expected: [String: Int] = [
            "lru": 41, "clock": 40, "fifo": 40, "arc": 8, "s3fifo": 8, "sieve": 8, "linux": 14, "2q": 18, "opt": 8,
        ]
        for (policy, count) in expected {
            #expect(try Self.faults("scan-resistance", policy, of: "app") == count, "\(policy)")
            // The archive's pages are each read once: a fault each, whatever the policy.
            #expect(try Self.faults("scan-resistance", policy, of: "backup") == 40, "\(policy)")
        }
        // 2Q's price: each working-set page proven once through A1out.
        let twoQ = try runLesson("scan-resistance", ["replacement=2q"])
        #expect(Set(twoQ.events.filter { $0.kind == .ghostHit }.compactMap(\.page)) == Set(0...7))
        // Linux: six of app's pages evicted by the first reclaim (all referenced, all sent round once,
        // then taken in order); after that only the archive's file pages leave.
        let linux = try runLesson("scan-resistance", ["replacement=linux"])
        let appEvictions = linux.events.filter { $0.kind == .eviction && $0.explanation.contains("holding app's") }
        #expect(appEvictions.count == 6)
    }

    @Test("one-hit wonders: SIEVE and S3-FIFO fault once per page where LRU faults on the popular pages again and again")
    func oneHitWonders() throws {
        let expected: [String: Int] = [
            "lru": 65, "clock": 64, "fifo": 64, "sieve": 36, "s3fifo": 36, "arc": 36, "2q": 42, "linux": 57, "opt": 36,
        ]
        for (policy, count) in expected { #expect(try Self.faults("one-hit-wonders", policy) == count, "\(policy)") }
    }

    @Test("ARC adapts: p moves 0, 1, 2, 3 on B1 hits and back to 2, 1 on B2 hits, as the hand trace has it")
    func arcAdapts() throws {
        let scenario = try #require(try BundledScenarios.load("arc-adapts"))
        var machine = scenario.makeMachine()
        var targets: [Double] = []
        var ghostPages: [Int] = []
        var evicted: [Int] = []
        while !machine.isFinished {
            let before = machine
            let result = machine.step()
            for event in result.events {
                if event.kind == .ghostHit {
                    targets.append(machine.lists.target)
                    ghostPages.append(try #require(event.page))
                }
                if event.kind == .eviction, let frame = event.frame, case let .anonymous(_, page) = before.frames[frame].content {
                    evicted.append(page)
                }
            }
        }
        #expect(targets == [1, 2, 3, 2, 1])
        #expect(ghostPages == [3, 4, 5, 1, 2])
        // T1's 3 and 4 into B1; on the B1 hits T1's 5, then T2's 1 and 2 into B2; on the B2 hits T2's
        // 3 and 4; then T2's 5 and 6 make room for 7 and 8 in T1, and 9 pushes T1's 7 into B1.
        #expect(evicted == [3, 4, 5, 1, 2, 3, 4, 5, 6, 7])
        #expect(machine.counters.pageFaults == 14)
        #expect(try Self.faults("arc-adapts", "lru") == 11)
    }

    @Test("refault: shadow entries send the looping pages to the active list; without them the loop thrashes")
    func refault() throws {
        let run = try runLesson("refault")
        #expect(run.machine.counters.pageFaults == 22)
        let refaults = run.events.filter { $0.kind == .ghostHit }
        // 1, 2 and 3 come back too soon for an empty active list; the loop's pages go straight to it.
        #expect(refaults.compactMap(\.page) == [1, 2, 3, 0x20, 0x21, 0x22])
        let activated = refaults.filter { $0.explanation.contains("goes straight to the active list") }
        #expect(activated.compactMap(\.page) == [0x20, 0x21, 0x22])
        #expect(try runLesson("refault", ["replacement=linux shadows off"]).machine.counters.pageFaults == 39)
        #expect(try Self.faults("refault", "lru") == 16)
    }

    @Test("MGLRU generations: page 1 is promoted at every aging and never evicted; the others age out oldest first")
    func mglruGenerations() throws {
        let scenario = try #require(try BundledScenarios.load("mglru-generations"))
        var machine = scenario.makeMachine()
        var evicted: [Int] = []
        var refaults: [(page: Int, recent: Bool)] = []
        while !machine.isFinished {
            let before = machine
            let result = machine.step()
            for event in result.events {
                if event.kind == .eviction, let frame = event.frame, case let .anonymous(_, page) = before.frames[frame].content {
                    evicted.append(page)
                }
                if event.kind == .ghostHit { refaults.append((try #require(event.page), event.explanation.contains("joins the youngest"))) }
            }
        }
        // 1 2 3 4 fill the four frames in generation 2; 5 finds them all accessed: the aging promotes
        // them to generation 4 oldest first, another makes 5, and the eviction takes 4's tail, 1.
        // 1 faults back with the youngest at 5, one generation after: the workingset, generation 5.
        #expect(evicted == [1, 2, 3, 4, 5, 6, 7])
        #expect(refaults.map(\.page) == [1, 2, 3])
        #expect(refaults.map(\.recent) == [true, true, false])
        #expect(machine.counters.pageFaults == 11)
        for (policy, faults) in ["lru": 10, "fifo": 12, "clock": 11, "linux": 11] {
            #expect(try Self.faults("mglru-generations", policy) == faults, "\(policy)")
        }
    }
}
