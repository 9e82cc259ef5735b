import Testing
@testable import VMM

/// The reference string of Silberschatz, Galvin & Gagne, Operating System Concepts, figure 9.12 ff.
let textbookString = [7, 0, 1, 2, 0, 3, 0, 4, 2, 3, 0, 3, 2, 1, 2, 0, 1, 7, 0, 1]
/// Belady's string: FIFO faults more with 4 frames than with 3.
let beladyString = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5]

@Suite struct ReplacementTests {
    @Test(
        "the textbook's published fault counts with 3 frames",
        arguments: [
            (ReplacementPolicy.fifo, 15), (.lru, 12), (.opt, 9),
        ])
    func textbook(policy: ReplacementPolicy, faults: Int) {
        let (machine, _) = runChecked(referenceString(textbookString, frames: 3, policy: policy))
        #expect(machine.counters.pageFaults == faults)
        #expect(machine.counters.evictions == faults - 3)
    }

    @Test func beladysAnomalyUnderFIFO() {
        let three = runChecked(referenceString(beladyString, frames: 3, policy: .fifo)).machine.counters.pageFaults
        let four = runChecked(referenceString(beladyString, frames: 4, policy: .fifo)).machine.counters.pageFaults
        #expect(three == 9)
        #expect(four == 10)
        // LRU is a stack algorithm: more frames never hurt.
        let lru3 = runChecked(referenceString(beladyString, frames: 3, policy: .lru)).machine.counters.pageFaults
        let lru4 = runChecked(referenceString(beladyString, frames: 4, policy: .lru)).machine.counters.pageFaults
        #expect(lru4 <= lru3)
    }

    /// Second chance, written as plainly as possible to check the engine against.
    func clockModel(_ pages: [Int], frames: Int) -> Int {
        var slots: [(page: Int, referenced: Bool)?] = Array(repeating: nil, count: frames)
        var hand = 0, faults = 0
        for page in pages {
            if let hit = slots.firstIndex(where: { $0?.page == page }) { slots[hit]!.referenced = true; continue }
            faults += 1
            if let free = slots.firstIndex(where: { $0 == nil }) { slots[free] = (page, true); continue }
            while slots[hand]!.referenced { slots[hand]!.referenced = false; hand = (hand + 1) % frames }
            slots[hand] = (page, true)
            hand = (hand + 1) % frames
        }
        return faults
    }

    @Test("Clock agrees with a plain second-chance model", arguments: [3, 4, 5])
    func clock(frames: Int) {
        for string in [textbookString, beladyString, [1, 2, 3, 1, 4, 1, 5, 2, 1, 6, 1, 3]] {
            let (machine, results) = runChecked(referenceString(string, frames: frames, policy: .clock))
            #expect(machine.counters.pageFaults == clockModel(string, frames: frames))
            if machine.counters.evictions > 0 {
                #expect(results.events(.eviction).contains { $0.explanation.contains("Clock: the hand stops") })
            }
        }
    }

    @Test func optNeverFaultsMoreThanAnyOtherPolicy() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<20 {
            let string = (0..<40).map { _ in generator.index(below: 8) }
            let opt = runChecked(referenceString(string, frames: 3, policy: .opt)).machine.counters.pageFaults
            for policy in [ReplacementPolicy.fifo, .lru, .clock, .random] {
                #expect(opt <= runChecked(referenceString(string, frames: 3, policy: policy)).machine.counters.pageFaults)
            }
        }
    }

    @Test func randomReplacementIsReproducibleBySeed() {
        let string = (0..<60).map { ($0 * 7 + $0 / 3) % 9 }
        let a = runChecked(referenceString(string, frames: 4, policy: .random, seed: 7)).results
        let b = runChecked(referenceString(string, frames: 4, policy: .random, seed: 7)).results
        #expect(a == b)
        let victims = { (seed: UInt64) in
            runChecked(referenceString(string, frames: 4, policy: .random, seed: seed)).results.events(.eviction).map(\.frame)
        }
        #expect(Set((1...8).map { victims(UInt64($0)) }).count > 1, "different seeds should choose differently")
    }

    @Test func evictionExplainsItselfAndShootsDownTheTLB() {
        let (_, results) = runChecked(referenceString([0, 1, 2], frames: 2, policy: .lru))
        let eviction = results.events(.eviction).first
        #expect(eviction?.explanation.contains("LRU evicts the page used longest ago") == true)
        #expect(results.events(.tlbShootdown).contains { $0.page == 0 })
    }
}
