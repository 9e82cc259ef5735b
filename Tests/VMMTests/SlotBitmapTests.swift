import Testing

@testable import VMM

@Suite struct SlotBitmapTests {
    /// Rank, select and the first common member, a word at a time, against the members listed:
    /// bitmaps of several words, filled sparsely and densely.
    @Test(arguments: [(300, 10), (300, 90), (64, 50), (1_000, 2)])
    func wordAtATimeAnswersAsTheListedMembers(slots: Int, percent: Int) {
        var random = SeededGenerator(seed: UInt64(slots * 100 + percent))
        var (one, other) = (SlotBitmap(slots: slots, full: false), SlotBitmap(slots: slots, full: false))
        for slot in 0..<slots {
            one.set(slot, random.index(below: 100) < percent)
            other.set(slot, random.index(below: 100) < 50)
        }
        let members = (0..<slots).filter { one.contains($0) }
        #expect(one.count == members.count)
        for slot in 0..<slots {
            #expect(one.rank(of: slot) == members.filter { $0 < slot }.count, "rank of \(slot)")
            #expect(one.first(atOrAfter: slot, alsoIn: other) == (slot..<slots).first { one.contains($0) && other.contains($0) })
        }
        for rank in 0...members.count { #expect(one.member(at: rank) == (rank < members.count ? members[rank] : nil)) }
    }
}
