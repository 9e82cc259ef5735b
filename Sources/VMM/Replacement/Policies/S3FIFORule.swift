/// S3-FIFO (Yang et al., SOSP 2023; libCacheSim's S3FIFO.c): three FIFO queues. A new page enters
/// the small queue S (10% of the frames); one still named in the ghost queue G enters the main
/// queue M. Each use counts, up to 3. When S holds its share or more, its oldest page is looked
/// at: used twice or more since it entered, it moves to M (its count starting again); otherwise
/// it is evicted and named in G (90% of the frames' worth of names). When M is over its share,
/// its oldest page goes back in at M's head with one use less if it was used, and is evicted if
/// not. Most pages are used once: they leave from S quickly, without pushing out M's.
struct S3FIFORule: ListPolicy {
    static let small = 0, main = 1, ghost = 0
    /// Uses in S that move a page to M (libCacheSim's move-to-main-threshold).
    static let promotion: UInt8 = 2
    static var listNames: [String] { ["S", "M"] }
    static var ghostNames: [String] { ["G"] }
    /// S's share: at least one frame (libCacheSim's own rounds to none below 10 frames and then
    /// admits nothing: docs/semantics.md).
    static func smallSize(_ state: ListState<some ListedPage>) -> Int {
        max(1, state.parameters.newFrames(.s3fifo, of: state.capacity))
    }
    static func ghostCapacities(frames: Int, _ parameters: ReplacementParameters) -> [Int] {
        [parameters.ghostPages(.s3fifo, of: frames)]
    }
    var state: ListState<Int>
    init(state: ListState<Int>) { self.state = state }

    struct Choice {
        var fromSmall: Bool
        /// Frames moved from S to M, and M's pages given another pass, on the way.
        var promoted: [Int] = []
        var reinserted: [Int] = []
    }

    static func choose<P>(_ state: inout ListState<P>, explain: Bool, accepts: (Int) -> Bool) -> (frame: Int, choice: Choice)? {
        var choice = Choice(fromSmall: false)
        var smallTried = false
        // M takes a use off each page it passes (at most 3), so it evicts within 4 rounds.
        var passes = 4 * state.lists.count(main) + 1
        while true {
            if !smallTried, state.lists.count(small) > 0, state.lists.count(main) <= state.capacity - smallSize(state) {
                // S holds its share or more: its oldest pages, until one used less than twice
                // goes; those used twice move to M on the way, however full M gets.
                smallTried = true
                while let frame = state.lists.oldest(in: small, where: accepts) {
                    guard state.uses[frame] >= promotion else {
                        state.victimGhost = ghost
                        choice.fromSmall = true
                        return (frame, choice)
                    }
                    state.uses[frame] = 0
                    state.lists.pushHead(frame, main)
                    if explain { choice.promoted.append(frame) }
                    passes += 4
                }
                continue
            }
            guard passes > 0, let frame = state.lists.oldest(in: main, where: accepts) else {
                // Nothing in M may go: S's oldest that may, whatever M's size.
                guard let frame = state.lists.oldest(in: small, where: accepts) else { return nil }
                state.victimGhost = ghost
                choice.fromSmall = true
                return (frame, choice)
            }
            passes -= 1
            if state.uses[frame] > 0 {
                state.uses[frame] = min(state.uses[frame], 3) - 1
                state.lists.pushHead(frame, main)
                if explain { choice.reinserted.append(frame) }
                continue
            }
            state.victimGhost = nil
            return (frame, choice)
        }
    }

    static func enter<P>(_ frame: Int, _ page: P, _ state: inout ListState<P>, arrivedFrom: Int?) {
        // Until the first eviction, pages beyond S's share go straight to M: the cache fills with
        // them rather than leaving M empty (libCacheSim's S3FIFO.c; its v0 filled S alone).
        let warming = state.evictions == 0 && state.lists.count(small) >= smallSize(state)
        state.place(frame, page, in: arrivedFrom == nil && !warming ? small : main)
    }

    @inline(__always) static func hit<P>(_ frame: Int, _ state: inout ListState<P>) { state.countUse(frame) }

    static func sentence(_ choice: Choice, frame: Int, _ state: ListState<FrameContent>, page: (FrameContent) -> String) -> String {
        var passes: [String] = []
        if !choice.promoted.isEmpty {
            passes.append(
                "\(SecondChanceHand.frameList(choice.promoted)) used twice in S \(choice.promoted.count == 1 ? "moves" : "move") to M")
        }
        if !choice.reinserted.isEmpty {
            passes.append(
                "\(SecondChanceHand.frameList(choice.reinserted)) used in M \(choice.reinserted.count == 1 ? "goes" : "go") round M again with one use less"
            )
        }
        let before = passes.isEmpty ? "" : " (\(passes.joined(separator: "; ")))"
        if choice.fromSmall {
            let remembered =
                state.ghosts[ghost].capacity > 0 ? "and its page is named in the ghost queue G" : "and G keeps no names at this size"
            return
                "S3-FIFO\(before): S's oldest page, used less than twice since it entered, goes: frame \(frame), \(remembered)"
        }
        return
            "S3-FIFO\(before): M is over its share of \(state.capacity - smallSize(state)), and its oldest page not used since its last pass goes: frame \(frame)"
    }

    static func ghostHitSentence(_ hit: GhostHit, page: String, _ state: ListState<FrameContent>) -> String {
        "Ghost hit: \(page) is still named in G, where it went when it left S (\(GhostHit.age(hit.since))): wanted again soon after leaving, it skips S and enters the main queue M."
    }

    static func cell(_ frame: Int, _ state: ListState<FrameContent>) -> String {
        let list = state.lists.list(of: frame) == small ? "S" : "M"
        return "\(list) \(min(state.uses[frame], 3))"
    }

    static func listTitleNote(_ state: ListState<FrameContent>) -> String { " S=\(smallSize(state)) G=\(state.ghosts[ghost].capacity)" }
}
