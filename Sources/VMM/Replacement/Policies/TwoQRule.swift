/// 2Q, full version (Johnson and Shasha, VLDB 1994; libCacheSim's TwoQ.c): a page faulted in for
/// the first time enters A1in, a FIFO; one still named in A1out (the ghost queue of pages that
/// left A1in) has proven itself and enters Am, an LRU list. A use while in A1in changes nothing,
/// so a page used only in a burst ages out of A1in whatever its uses. The victim is A1in's oldest
/// page while A1in holds more than Kin pages (25% of the frames), its name kept in A1out (at most
/// Kout, 50%); otherwise Am's least recently used page, forgotten.
struct TwoQRule: ListPolicy {
    static let a1in = 0, am = 1, a1out = 0
    static var listNames: [String] { ["A1in", "Am"] }
    static var ghostNames: [String] { ["A1out"] }
    static func kin(_ state: ListState<some ListedPage>) -> Int { state.parameters.newFrames(.twoQ, of: state.capacity) }
    static func ghostCapacities(frames: Int, _ parameters: ReplacementParameters) -> [Int] {
        [parameters.ghostPages(.twoQ, of: frames)]
    }
    var state: ListState<Int>
    init(state: ListState<Int>) { self.state = state }

    /// Whether the victim came from A1in (above Kin), or from Am.
    typealias Choice = Bool

    static func choose<P>(_ state: inout ListState<P>, explain: Bool, accepts: (Int) -> Bool) -> (frame: Int, choice: Choice)? {
        let fromA1in = state.lists.count(a1in) > kin(state)
        for list in fromA1in ? [a1in, am] : [am, a1in] {
            guard let frame = state.lists.oldest(in: list, where: accepts) else { continue }
            state.victimGhost = list == a1in ? a1out : nil
            return (frame, list == a1in)
        }
        return nil
    }

    static func enter<P>(_ frame: Int, _ page: P, _ state: inout ListState<P>, arrivedFrom: Int?) {
        state.place(frame, page, in: arrivedFrom == nil ? a1in : am)
    }

    @inline(__always) static func hit<P>(_ frame: Int, _ state: inout ListState<P>) {
        if state.lists.list(of: frame) == am { state.lists.pushHead(frame, am) }
    }

    static func sentence(_ fromA1in: Bool, frame: Int, _ state: ListState<FrameContent>, page: (FrameContent) -> String) -> String {
        let (inCount, kin) = (state.lists.count(a1in), kin(state))
        if fromA1in {
            let remembered = state.ghosts[a1out].capacity > 0 ? "its page is remembered in A1out" : "A1out keeps no pages at this size"
            return
                "2Q: A1in holds \(inCount) \(inCount == 1 ? "page" : "pages"), more than Kin = \(kin), so its oldest page goes, frame \(frame), however often it was used while there; \(remembered)"
        }
        return
            "2Q: A1in holds \(inCount) \(inCount == 1 ? "page" : "pages"), not more than Kin = \(kin), so Am's least recently used page goes, frame \(frame), and is forgotten"
    }

    static func ghostHitSentence(_ hit: GhostHit, page: String, _ state: ListState<FrameContent>) -> String {
        "Ghost hit: \(page) is still named in A1out, where it went when it left A1in (\(GhostHit.age(hit.since))): used again after its first stay, it has proven itself and comes back into Am, the LRU list of proven pages."
    }

    static func listTitleNote(_ state: ListState<FrameContent>) -> String { " Kin=\(kin(state)) Kout=\(state.ghosts[a1out].capacity)" }
}
