import Foundation
import Testing

@Suite(.serialized) struct TeachingCommandTests {
    @Test func aQuizAnsweredInTheInterfaceIsScoredRecordedAndVerified() throws {
        let file = NSTemporaryDirectory() + "lookaside-\(getpid())-quiz.lkr"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let tmux = try TmuxSession(["run", "tour", "--quiz", "--record", file], width: 100, height: 30)
        try tmux.waitFor("step 0 of 13")
        try tmux.send("n", "n", "n")
        try tmux.waitFor("TLB hit or miss?")
        try tmux.send("2")  // miss: right
        try tmux.waitFor("cause a page fault, and of which kind?")
        try tmux.send("1")  // no fault: wrong, it is a major fault
        try tmux.waitFor("quiz 1/2")
        #expect(try tmux.screen().contains("✗ page faults: you said no page fault; it is a major fault (disk or swap)."))
        try tmux.send("n")
        try tmux.waitFor("TLB hit or miss?")
        try tmux.send("s")  // skipped: counted as missed
        try tmux.waitFor("question 2 of 2")
        try tmux.send("2")  // B's first read is a minor fault: right
        try tmux.waitFor("quiz 2/4")
        try tmux.send("q")
        let (status, _) = try tmux.ending()
        #expect(status == "EXIT=0")
        let verified = try lookaside(["play", file, "--verify"])
        #expect(verified.status == 0, "\(verified.standardError)")
        #expect(verified.standardOutput.contains("quiz: 2 of 4 right. Missed: TLB 1 of 2, page faults 1 of 2."))
    }

    @Test func compareHeadlessNamesWhereTheRunsPartWays() throws {
        let result = try lookaside(["compare", "replacement", "--with", "replacement=lru", "--with", "replacement=opt", "--headless"])
        #expect(result.status == 0)
        let out = result.standardOutput
        #expect(out.contains("A: replacement=lru\nB: replacement=opt\n"))
        // At page 3 both evict page 1; they first differ at page 4 (LRU evicts 2, OPT evicts 0).
        #expect(out.contains("They part ways at step 9:"))
        #expect(out.contains("OPT evicts the page that"))
        let faults = try #require(out.split(separator: "\n").first { $0.contains("minor-faults") })
        #expect(faults.split(separator: " ").filter { !$0.isEmpty }.map(String.init) == ["minor-faults", "12", "9", "differs"])
        let same = try lookaside(["compare", "tour", "--with", "seed=5", "--headless"])
        #expect(same.standardOutput.contains("The two runs never part"))
        let bad = try lookaside(["compare", "tour", "--headless"])
        #expect(bad.status != 0 && bad.standardError.contains("give one or two --with settings"))
        let badKey = try lookaside(["compare", "tour", "--with", "colour=red", "--headless"])
        #expect(badKey.status == ExitStatus.invalid && badKey.standardError.contains("cannot set 'colour'"))
    }

    @Test func compareRunsSideBySideInTheTerminal() throws {
        let tmux = try TmuxSession(["compare", "write-policy", "--with", "write=back"], width: 80, height: 24)
        try tmux.waitFor("A: as written")
        try tmux.send("G")
        let screen = try tmux.waitFor("the end") { $0.contains("step 11 of 11") }
        #expect(screen.contains("│disk-writes  8  1"))
        #expect(screen.contains("Same in both: frames"))
        try tmux.send("q")
        #expect(try tmux.ending().status == "EXIT=0")
    }

    @Test func exercisesAreHandoutsReproducibleBySeed() throws {
        for topic in ["translation", "tlb", "replacement", "write-policy", "sharing"] {
            let first = try lookaside(["exercise", topic, "--seed", "4", "--answers"])
            #expect(first.status == 0)
            #expect(first.standardOutput.contains("\nAnswer\n"))
            #expect(first.standardOutput == (try lookaside(["exercise", topic, "--seed", "4", "--answers"]).standardOutput))
            let markdown = try lookaside(["exercise", topic, "--seed", "4", "--format", "markdown"]).standardOutput
            #expect(markdown.hasPrefix("## Exercise: "))
            #expect(!markdown.contains("### Answer"))
        }
        let unknown = try lookaside(["exercise", "paging"])
        #expect(unknown.status != 0)
    }
}
