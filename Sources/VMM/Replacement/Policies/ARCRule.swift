/// ARC, the adaptive replacement cache (Megiddo and Modha, FAST 2003; libCacheSim's ARC.c): two
/// LRU lists, T1 for pages used once since they entered and T2 for pages used again, and two
/// ghost lists, B1 and B2, naming the pages last evicted from each. A fault on a page in B1 says
/// T1 was too small, and grows T1's target size p; one in B2 shrinks it; either way the page
/// comes back into T2. The victim is T1's least recently used page while T1 is above p, else
/// T2's. The ghost lists hold at most as many pages as there are frames, together with the lists.
struct ARCRule: ListPolicy {
    static let t1 = 0, t2 = 1, b1 = 0, b2 = 1
    static var listNames: [String] { ["T1", "T2"] }
    static var ghostNames: [String] { ["B1", "B2"] }
    static func ghostCapacities(frames: Int, _ parameters: ReplacementParameters) -> [Int] { [frames, frames] }

    var state: ListState<Int>
    init(state: ListState<Int>) { self.state = state }

    static func arrive<P>(_ page: P, _ state: inout ListState<P>) -> GhostHit? {
        let (before, c) = (state.target, Double(state.capacity))
        let sizes = (b1: Double(state.ghosts[b1].count), b2: Double(state.ghosts[b2].count))
        if state.ghosts[b1].contains(page) {
            // Asked before the page leaves B1, as the paper's delta is: |B2| / |B1| at least 1.
            state.target = min(before + max(sizes.b2 / sizes.b1, 1), c)
            let taken = state.ghosts[b1].remove(page)!
            return GhostHit(ghost: b1, since: taken.since, value: taken.value, targetBefore: before, targetAfter: state.target)
        }
        if state.ghosts[b2].contains(page) {
            state.target = max(before - max(sizes.b1 / sizes.b2, 1), 0)
            let taken = state.ghosts[b2].remove(page)!
            return GhostHit(ghost: b2, since: taken.since, value: taken.value, targetBefore: before, targetAfter: state.target)
        }
        return nil
    }

    enum Choice {
        /// REPLACE: from T1 (above its target, or at it with the page coming from B2) or from T2.
        case replace(fromT1: Bool, forgot: (ghost: Int, page: Any)?)
        /// T1 and B1 fill the cache on their own: T1's oldest page goes, remembered nowhere.
        case t1Full
    }

    static func choose<P>(_ state: inout ListState<P>, explain: Bool, accepts: (Int) -> Bool) -> (frame: Int, choice: Choice)? {
        let (t1Count, t2Count) = (state.lists.count(t1), state.lists.count(t2))
        var forgot: (ghost: Int, page: Any)?
        func forget(_ ghost: Int) {
            let page = state.ghosts[ghost].dropOldest()
            if explain, let page { forgot = (ghost, page) }
        }
        if state.arrivedFrom == nil {
            // The paper's case IV, a page in no list: first keep the ghosts within bounds.
            if t1Count + state.ghosts[b1].count >= state.capacity {
                guard state.ghosts[b1].isEmpty else {
                    forget(b1)
                    return replace(&state, comingFromB2: false, t1Count, t2Count, forgot, accepts)
                }
                if let frame = state.lists.oldest(in: t1, where: accepts) {
                    state.victimGhost = nil
                    return (frame, .t1Full)
                }
            } else if t1Count + t2Count + state.ghosts[b1].count + state.ghosts[b2].count >= 2 * state.capacity, !state.ghosts[b2].isEmpty {
                forget(b2)
            }
        }
        return replace(&state, comingFromB2: state.arrivedFrom == b2, t1Count, t2Count, forgot, accepts)
    }

    /// The paper's REPLACE: T1's LRU page into B1 when T1 is above p (or at p, the page coming
    /// from B2), else T2's into B2. A list with no candidate gives way to the other.
    private static func replace<P>(
        _ state: inout ListState<P>, comingFromB2: Bool, _ t1Count: Int, _ t2Count: Int, _ forgot: (ghost: Int, page: Any)?,
        _ accepts: (Int) -> Bool
    ) -> (frame: Int, choice: Choice)? {
        let fromT1 = t1Count > 0 && (Double(t1Count) > state.target || (Double(t1Count) == state.target && comingFromB2)) || t2Count == 0
        for list in fromT1 ? [t1, t2] : [t2, t1] {
            guard let frame = state.lists.oldest(in: list, where: accepts) else { continue }
            state.victimGhost = list == t1 ? b1 : b2
            return (frame, .replace(fromT1: list == t1, forgot: forgot))
        }
        return nil
    }

    static func enter<P>(_ frame: Int, _ page: P, _ state: inout ListState<P>, arrivedFrom: Int?) {
        state.place(frame, page, in: arrivedFrom == nil ? t1 : t2)
    }

    @inline(__always) static func hit<P>(_ frame: Int, _ state: inout ListState<P>) { state.lists.pushHead(frame, t2) }

    static func sentence(_ choice: Choice, frame: Int, _ state: ListState<FrameContent>, page: (FrameContent) -> String) -> String {
        let (t1Count, t2Count) = (state.lists.count(t1), state.lists.count(t2))
        let p = formatTarget(state.target)
        switch choice {
        case .t1Full:
            return
                "ARC: T1 and its ghost list B1 together hold all \(state.capacity) frames' worth of pages and B1 is empty, so T1's least recently used page goes, frame \(frame), and is remembered nowhere"
        case let .replace(fromT1, forgot):
            let dropped =
                forgot.map {
                    " (first forgetting \(($0.page as? FrameContent).map(page) ?? "a page") from \(ghostNames[$0.ghost]), its oldest ghost)"
                } ?? ""
            if fromT1 {
                let why =
                    t2Count == 0
                    ? "T2 is empty"
                    : Double(t1Count) > state.target
                        ? "T1 holds \(t1Count) pages, above its target p = \(p)"
                        : "T1 is at its target p = \(p) and the page comes back from B2"
                return
                    "ARC\(dropped): \(why), so T1's least recently used page goes, frame \(frame), and its page is remembered in ghost list B1"
            }
            return
                "ARC\(dropped): T1 holds \(t1Count) \(t1Count == 1 ? "page" : "pages"), not above its target p = \(p), so T2's least recently used page goes, frame \(frame), and its page is remembered in ghost list B2"
        }
    }

    static func ghostHitSentence(_ hit: GhostHit, page: String, _ state: ListState<FrameContent>) -> String {
        let (before, after) = (formatTarget(hit.targetBefore), formatTarget(hit.targetAfter))
        let (list, other) = hit.ghost == b1 ? ("B1", "T1") : ("B2", "T2")
        let change = hit.targetAfter == hit.targetBefore ? "p stays at \(after)" : "p moves from \(before) to \(after)"
        let lesson =
            hit.ghost == b1
            ? "recency: had T1 been larger it would still be in memory, so ARC grows T1's target"
            : "frequency: had T2 been larger it would still be in memory, so ARC shrinks T1's target in T2's favour"
        return
            "Ghost hit: \(page) is still named in \(list), where it went when it left \(other) (\(GhostHit.age(hit.since))). That points to \(lesson): \(change). It comes back into T2."
    }

    static func listTitleNote(_ state: ListState<FrameContent>) -> String { " p=\(formatTarget(state.target))" }

    /// p with at most two decimals (it moves by ratios of the ghost lists' sizes).
    static func formatTarget(_ p: Double) -> String {
        let hundredths = Int((p * 100).rounded())
        let (whole, fraction) = (hundredths / 100, hundredths % 100)
        if fraction == 0 { return "\(whole)" }
        if fraction % 10 == 0 { return "\(whole).\(fraction / 10)" }
        return "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
