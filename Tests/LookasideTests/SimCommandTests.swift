import Foundation
import Testing

@Suite struct SimCommandTests {
    func jsonRuns(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test func textbookResultsAsJSON() throws {
        let result = try lookaside([
            "sim", "--refs", "7,0,1,2,0,3,0,4,2,3,0,3,2,1,2,0,1,7,0,1", "--frames", "3", "--policy", "fifo,lru,opt", "--json",
        ])
        #expect(result.status == 0)
        let runs = try jsonRuns(result.standardOutput)
        #expect(runs.map { $0["policy"] as? String } == ["fifo", "lru", "opt"])
        #expect(runs.map { $0["faults"] as? Int } == [15, 12, 9])
        for run in runs {
            for key in ["policy", "frames", "references", "hits", "faults", "tlb_hits", "tlb_misses", "writebacks"] {
                #expect(run[key] != nil, "\(key)")
            }
            #expect(run["references"] as? Int == 20)
            #expect((run["hits"] as? Int ?? 0) + (run["faults"] as? Int ?? 0) == 20)
        }
    }

    @Test func aSweepDrawsTheCurveAndNamesBeladysAnomaly() throws {
        let out = try lookaside(["sim", "--refs", "1,2,3,4,1,2,5,1,2,3,4,5", "--policy", "fifo,lru", "--sweep", "2...5"]).standardOutput
        #expect(out.contains("Page faults by number of frames"))
        #expect(out.contains("    3 frames  fifo "))
        #expect(out.contains("Belady's anomaly: FIFO faults more with 4 frames than with one fewer."))
        #expect(!out.contains("Belady's anomaly: LRU"))
        let bars = out.split(separator: "\n").filter { $0.contains("█") }
        #expect(bars.count == 8)
        let runs = try jsonRuns(
            try lookaside(["sim", "--refs", "1,2,3,4,1,2,5,1,2,3,4,5", "--policy", "fifo", "--sweep", "1...7", "--json"]).standardOutput)
        #expect(runs.map { $0["faults"] as? Int } == [12, 12, 9, 10, 5, 5, 5])
    }

    @Test func tracesFromFilesAndStandardInputInEveryFormat() throws {
        let directory = NSTemporaryDirectory()
        let lackey = directory + "lookaside-\(getpid()).lackey"
        let plain = directory + "lookaside-\(getpid()).plain"
        // 0x400, 0x401, 0x400 (dirtied), 0x402 (evicts clean 0x401), 0x401 (evicts dirty 0x400): 4 faults, 1 write-back.
        try "==1== hello\nI  0400000,4\n L 0401000,8\n S 0400010,8\n M 0402000,4\nI  0401004,4\n".write(
            toFile: lackey, atomically: true, encoding: .utf8)
        try "0x400000\n4198400\n0x400010 W\n0x402000 W\n0x401004\n".write(toFile: plain, atomically: true, encoding: .utf8)
        defer { [lackey, plain].forEach { try? FileManager.default.removeItem(atPath: $0) } }
        let fromLackey = try jsonRuns(try lookaside(["sim", "--trace", lackey, "--frames", "2", "--json"]).standardOutput)
        let fromPlain = try jsonRuns(try lookaside(["sim", "--trace", plain, "--frames", "2", "--json"]).standardOutput)
        let fromStdin = try jsonRuns(
            try lookaside(["sim", "--trace", "-", "--frames", "2", "--json"], input: try String(contentsOfFile: lackey, encoding: .utf8))
                .standardOutput)
        for runs in [fromLackey, fromPlain, fromStdin] {
            #expect(runs.first?["references"] as? Int == 5)
            #expect(runs.first?["faults"] as? Int == 4)
            #expect(runs.first?["writebacks"] as? Int == 1)
        }
        let text = try lookaside(["sim", "--trace", lackey, "--frames", "2", "--tlb", "4:2"]).standardOutput
        #expect(text.hasPrefix("\(lackey) (lackey) · 5 references · 4096-byte pages · TLB 4 entries 2-way LRU"))
    }

    @Test func multiLevelPageTablesCostWalksAndFrames() throws {
        let refs = "0,1,1024,2048,0,1,1024,2048"
        let flat = try jsonRuns(try lookaside(["sim", "--refs", refs, "--frames", "8", "--tlb", "2", "--json"]).standardOutput)[0]
        let twoLevel = try jsonRuns(
            try lookaside(["sim", "--refs", refs, "--frames", "8", "--tlb", "2", "--levels", "10,10", "--json"]).standardOutput)[0]
        // Pages 0 and 1 share a level-2 table; 1024 and 2048 need one each: 1 root + 3 tables.
        #expect(twoLevel["page_table_pages"] as? Int == 4)
        #expect(flat["page_table_pages"] as? Int == 0)
        // Every reference misses the 2-entry TLB; three walks stop at the root (the first, and the
        // first touches of regions 1024 and 2048, before their level-2 tables exist): 8 x 2 - 3.
        #expect(twoLevel["tlb_misses"] as? Int == 8)
        #expect(twoLevel["walk_references"] as? Int == 13)
        #expect(flat["walk_references"] as? Int == flat["tlb_misses"] as? Int)
        let tight = try jsonRuns(try lookaside(["sim", "--refs", refs, "--frames", "5", "--levels", "10,10", "--json"]).standardOutput)[0]
        #expect((tight["faults"] as? Int ?? 0) > (flat["faults"] as? Int ?? .max), "tables take frames from data")
        let outside = try lookaside(["sim", "--refs", "0,1,70000", "--levels", "4,4", "--json"])
        #expect(outside.standardError.contains("1 references beyond the 20-bit address space of the page table were skipped"))
        // Inverted, 4 frames (4 buckets), no TLB: pages 1 and 5 share bucket 1 (walks of 1, 2, then 3 references).
        let inverted = try jsonRuns(try lookaside(["sim", "--refs", "1,5,1", "--frames", "4", "--inverted", "--json"]).standardOutput)[0]
        #expect(inverted["walk_references"] as? Int == 6)
        #expect(inverted["page_table_pages"] as? Int == 0)
        let both = try lookaside(["sim", "--refs", "1", "--levels", "4,4", "--inverted"])
        #expect(both.status != 0 && both.standardError.contains("either --inverted or multi-level"))
        let bad = try lookaside(["sim", "--refs", "1", "--levels", "10"])
        #expect(bad.status != 0 && bad.standardError.contains("--levels takes 2 to 4"))
    }

    @Test func damagedTracesAreSkippedOrStopAStrictRun() throws {
        let path = NSTemporaryDirectory() + "lookaside-\(getpid()).damaged"
        try "I  0400000,4\n L nothex,8\n S 0400010,8\n garbage\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let lenient = try lookaside(["sim", "--trace", path, "--json"])
        #expect(lenient.status == 0)
        #expect(try jsonRuns(lenient.standardOutput).first?["references"] as? Int == 2)
        #expect(
            lenient.standardError.contains(
                "skipped 2 malformed lines; the first, line 2: expected a hex address and a comma, found ' L nothex,8'"))
        let strict = try lookaside(["sim", "--trace", path, "--strict"])
        #expect(strict.status == ExitStatus.invalid)
        #expect(strict.standardError.contains("\(path):2: expected a hex address and a comma, found ' L nothex,8'"))
        let missing = try lookaside(["sim", "--trace", path + ".nope"])
        #expect(missing.status == ExitStatus.unreadable && missing.standardError.contains("no such trace file"))
        let both = try lookaside(["sim", "--refs", "1", "--trace", path])
        #expect(both.status != 0 && both.standardError.contains("exactly one of --refs or --trace"))
        let badPolicy = try lookaside(["sim", "--refs", "1", "--policy", "lru,nope"])
        #expect(badPolicy.status != 0 && badPolicy.standardError.contains("unknown policy 'nope'"))
    }

    @Test func traceRunsAProgramUnderValgrind() throws {
        let result = try lookaside(["trace", "--frames", "32", "--policy", "lru,opt", "--json", "--", "/bin/true"], timeout: 120)
        #expect(result.status == 0, "\(result.standardError)")
        let runs = try jsonRuns(result.standardOutput)
        #expect(runs.count == 2)
        let references = try #require(runs.first?["references"] as? Int)
        #expect(references > 10_000)
        #expect((runs[1]["faults"] as? Int ?? .max) <= (runs[0]["faults"] as? Int ?? 0), "OPT never faults more than LRU")
        let missingProgram = try lookaside(["trace", "--", "/no/such/program"], timeout: 60)
        #expect(missingProgram.status == ExitStatus.unreadable)
    }

    @Test func aSweepOfAStackPolicyIsOnePassAndEqualsOneSimulatorPerSizeOnARealTrace() throws {
        // A real trace: valgrind lackey's of /bin/true, its first 40,000 lines.
        let path = NSTemporaryDirectory() + "lookaside-\(getpid()).true.lackey"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let valgrind = Process()
        valgrind.executableURL = URL(fileURLWithPath: "/usr/bin/valgrind")
        valgrind.arguments = ["--tool=lackey", "--trace-mem=yes", "--log-file=\(path)", "/bin/true"]
        try valgrind.run()
        valgrind.waitUntilExit()
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        try (lines.prefix(40_000).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        for extra in [["--lookahead", "1500"], ["--write-policy", "through"]] {
            let sweep = ["sim", "--trace", path, "--policy", "lru,opt", "--sweep", "1...512", "--json"] + extra
            let onePass = try lookaside(sweep, timeout: 300)
            let perSize = try lookaside(sweep + ["--per-size"], timeout: 300)
            #expect(onePass.status == 0 && perSize.status == 0, "\(onePass.standardError)\(perSize.standardError)")
            #expect(onePass.standardOutput == perSize.standardOutput, "\(extra)")
            let runs = try jsonRuns(onePass.standardOutput)
            #expect(runs.count == 1024)
            #expect((runs.first?["faults"] as? Int ?? 0) > (runs.last?["faults"] as? Int ?? 0))
        }
        let text = try lookaside(["sim", "--trace", path, "--policy", "fifo,lru,opt", "--sweep", "8...12"]).standardOutput
        #expect(text.contains("LRU, OPT: every size from one pass (stack distances; Mattson et al. 1970)."))
        #expect(text.contains("FIFO: one simulator per frame count (not a stack policy: its curve can rise)."))
        let withTLB = try lookaside(["sim", "--trace", path, "--policy", "lru", "--sweep", "8...12", "--tlb", "4"]).standardOutput
        #expect(withTLB.contains("LRU: one simulator per frame count (the TLB and page tables depend on the size)."))
    }

    @Test func reuseDistancesOfTheTextbookString() throws {
        let refs = ["sim", "--refs", "1,2,3,4,1,2,5,1,2,3,4,5", "--reuse"]
        let text = try lookaside(refs).standardOutput
        // Reuse distances by hand: 3 3 2 2 (the second 1 and 2, the third 1 and 2), then 4 4 4 (3, 4, 5).
        let rows = text.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        #expect(rows.contains("2–3 4 33.3% ████████████████ 33.3% with 4 frames"))
        #expect(rows.contains("4–7 3 25.0% ████████████ 58.3% with 8 frames"))
        #expect(rows.contains("first use 5 41.7% ████████████████████ a fault in any memory"))
        let json = try jsonRuns(try lookaside(refs + ["--json"]).standardOutput)
        let reuse = try #require(json.last?["reuse_distance"] as? [String: Any])
        #expect(reuse["first_uses"] as? Int == 5)
        let buckets = try #require(reuse["buckets"] as? [[String: Int]])
        #expect(
            buckets == [
                ["from": 0, "to": 0, "references": 0], ["from": 1, "to": 1, "references": 0], ["from": 2, "to": 3, "references": 4],
                ["from": 4, "to": 7, "references": 3],
            ])
    }

    @Test func theWorkingSetShowsAProgramsPhases() throws {
        // Two phases: 40 references over 2 pages, then 40 over 8.
        let refs = (0..<40).map { "\($0 % 2)" } + (0..<40).map { "\(10 + $0 % 8)" }
        let args = ["sim", "--refs", refs.joined(separator: ","), "--working-set", "8", "--frames", "4"]
        let json = try jsonRuns(try lookaside(args + ["--json"]).standardOutput)
        let body = try #require(json.last?["working_set"] as? [String: Any])
        #expect(body["window"] as? Int == 8 && body["frames"] as? Int == 4 && body["policy"] as? String == "lru")
        let intervals = try #require(body["intervals"] as? [[String: Any]])
        // 80 references: intervals of 2 (64 of 1 merged once), so 40 of them.
        #expect(intervals.count == 40)
        #expect(intervals.compactMap { $0["references"] as? Int } == Array(repeating: 2, count: 40))
        // In the first phase the window holds 2 pages, in the second 8 (once the window is past the change).
        #expect(intervals[10]["largest_size"] as? Int == 2)
        #expect(intervals[39]["mean_size"] as? Double == 8)
        // LRU with 4 frames: 2 faults in the first phase, every reference of the 8-page loop in the second.
        #expect(intervals.prefix(20).compactMap { $0["faults"] as? Int }.reduce(0, +) == 2)
        #expect(intervals.suffix(20).compactMap { $0["faults"] as? Int }.reduce(0, +) == 40)
        let text = try lookaside(args).standardOutput
        #expect(
            text.contains("Working set W(t, 8): distinct pages in the last 8 references\n(the mean over each 2 references; the largest 8)"))
        #expect(text.contains("Page faults per 1,000 references (LRU, 4 frames)"))
        // Each chart's time axis runs from the first reference to the last.
        let axes = text.split(separator: "\n").filter { $0.hasSuffix(" references") && $0.split(separator: " ").first == "0" }
        #expect(axes.count == 2)
        let bad = try lookaside(["sim", "--refs", "1", "--working-set", "0"])
        #expect(bad.status == 64 && bad.standardError.contains("--working-set takes a window of 1 to 67108864 references, not 0"))
    }

    @Test func aTraceOpensAsAScenario() throws {
        let path = NSTemporaryDirectory() + "lookaside-\(getpid()).short"
        try "I  0400000,4\n L 0401000,8\n S 0400010,8\nI  0400004,4\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let out = try lookaside(["run", "--trace", path, "--headless", "--set", "frames=1"]).standardOutput
        #expect(out.contains("Lookaside · Trace: the first 4 references of \(path)"))
        #expect(out.contains("step 1  trace  alloc 0x400000 pages 2"))
        #expect(out.contains("trace writes 3 to 0x400000"))
        #expect(out.contains("Memory is full: LRU evicts"))
    }
}

/// Numbers from the command line and from traces are checked where they enter.
@Suite struct SimLimitTests {
    @Test func aSweepMustFitInMemoryAndInTheFrameLimit() throws {
        let huge = try lookaside(["sim", "--refs", "1,2", "--sweep", "4611686018427387905...4611686018427387905"])
        #expect(huge.status == 64)
        #expect(huge.standardError.contains("--sweep takes FROM...TO with 1 <= FROM <= TO <= 16777216 (at most 4096 values)"))
        let wide = try lookaside([
            "sim", "--refs", "1,2", "--sweep", "1...4096", "--policy", "fifo,lru,clock,opt,random,mru,unopt,lfu,nru,aging,wsclock,gclock",
        ])
        #expect(wide.status == 64)
        // LRU and OPT take their curves from one pass: the other ten policies need a simulator per size.
        #expect(wide.standardError.contains("ask for 83906560 simulated frames in all (frame counts x policies); at most 16777216"))
    }

    @Test func theLargestPageNumberIsAPageLikeAnyOther() throws {
        let result = try lookaside(["sim", "--refs", "9223372036854775807", "--json"])
        #expect(result.status == 0 && result.standardError.isEmpty)
        #expect(try SimCommandTests().jsonRuns(result.standardOutput)[0]["faults"] as? Int == 1)
    }

    @Test func aTraceBeyondAScenariosAddressesIsRefusedWithItsReference() throws {
        let trace = NSTemporaryDirectory() + "lookaside-high-\(getpid()).trace"
        defer { try? FileManager.default.removeItem(atPath: trace) }
        try "0x1000\n0xffffffffffff0000\n".write(toFile: trace, atomically: true, encoding: .utf8)
        let result = try lookaside(["run", "--trace", trace, "--headless"])
        #expect(result.status == ExitStatus.invalid)
        #expect(
            result.standardError
                == "\(trace): reference 2 is to page 0xffffffffffff0, beyond the 48-bit addresses a scenario can use; 'lookaside sim --trace' takes any address\n"
        )
        #expect(try lookaside(["sim", "--trace", trace, "--json"]).status == 0)
    }
}
