/// Linux's multi-generational LRU (Documentation/mm/multigen_lru.rst, mm/vmscan.c; on by default
/// since 6.1 on many distributions): pages in generations, numbered from the oldest (min_seq) to the
/// youngest (max_seq), at most `generations` of them (MAX_NR_GENS, 4). A page faulted in joins the
/// second youngest generation, as pages added in a fault are (folio_add_lru marks them active); the
/// accessed bit is set by every access, the faulting one too. The aging makes a new youngest
/// generation and walks the page tables: each page accessed since is promoted to it and its bit
/// cleared; the pages left behind are older by one generation. The aging runs when only
/// MIN_NR_GENS (2) generations are left, or when the oldest holds too few pages (under 1/4 of all).
/// The eviction takes the oldest generation's tail: accessed since (found by the rmap look at
/// reclaim), it is promoted to the youngest; otherwise it is evicted with a shadow entry naming the
/// oldest generation then. An emptied oldest generation is retired (min_seq moves up). A page that
/// faults back within `generations` of the youngest is a workingset refault: it joins the youngest.
struct MGLRURule: ListPolicy {
    static let minimumGenerations = 2
    static let shadows = 0
    static var listNames: [String] { (0..<8).map { "g\($0)" } }
    /// A list is written out under the generation it holds now, youngest first; unused ones not at all.
    static func listTitle(_ list: Int, _ state: ListState<FrameContent>) -> String? {
        (oldest(state)...youngest(state)).reversed().first { self.list($0, state) == list }.map { "gen \($0)" }
    }
    static var ghostNames: [String] { ["shadow"] }
    static var listCount: Int { 8 }
    static func ghostCapacities(frames: Int, _ parameters: ReplacementParameters) -> [Int] { [2 * frames] }
    static var ghostsShowValue: Bool { true }
    static var marksLegend: String? { "' the page's accessed bit is set; E the oldest generation when it left." }
    static let young: UInt8 = 2

    /// The generations kept at most (MAX_NR_GENS): the lists used are `seq % generations`.
    static func generations(_ parameters: ReplacementParameters) -> Int { parameters.generations ?? 4 }
    static func generations(_ state: ListState<some ListedPage>) -> Int { generations(state.parameters) }
    /// The oldest and youngest generation numbers, kept in `tallies`: they start at 0 and 3, as
    /// lru_gen_init_lruvec leaves them (four generations, all empty).
    static func oldest(_ state: ListState<some ListedPage>) -> Int { state.tallies[0] }
    static func youngest(_ state: ListState<some ListedPage>) -> Int { state.tallies[1] }
    static func list(_ seq: Int, _ state: ListState<some ListedPage>) -> Int { seq % generations(state) }
    static func initialTallies(_ parameters: ReplacementParameters) -> [Int] { [0, generations(parameters) - 1] }

    var state: ListState<Int>
    init(state: ListState<Int>) { self.state = state }

    static func arrive<P>(_ page: P, _ state: inout ListState<P>) -> GhostHit? {
        guard let taken = state.ghosts[shadows].remove(page) else { return nil }
        let distance = youngest(state) - taken.value
        return GhostHit(
            ghost: shadows, since: taken.since, value: taken.value, proves: distance < generations(state), activeSize: youngest(state))
    }

    struct Choice {
        var generation: Int
        /// On the way: the agings that made new generations, and the pages found accessed at the
        /// oldest generation's tail and promoted to the youngest.
        var agings: [(youngest: Int, promoted: Int)] = []
        var promoted: [Int] = []
        var retired: [Int] = []
    }

    /// The aging: a new youngest generation, every page accessed since promoted to it (the page
    /// table walk), its bit cleared.
    static func age<P>(_ state: inout ListState<P>) -> Int {
        state.tallies[1] += 1
        let target = list(youngest(state), state)
        var promoted = 0
        // Oldest first, each list from its tail, so that promoted pages keep their order.
        for generation in oldest(state)..<youngest(state) {
            for frame in state.lists.frames(in: list(generation, state)).reversed() where state.uses[frame] & young != 0 {
                state.uses[frame] = 0
                state.lists.pushHead(frame, target)
                promoted += 1
            }
        }
        return promoted
    }

    /// Whether the aging must run before an eviction: two generations left, or an oldest
    /// generation too small (should_run_aging: old x (MIN_NR_GENS + 2) < total), room permitting.
    static func agingDue<P>(_ state: ListState<P>) -> Bool {
        let span = youngest(state) - oldest(state) + 1
        if span <= minimumGenerations { return true }
        guard span < generations(state) else { return false }
        let total = (oldest(state)...youngest(state)).reduce(0) { $0 + state.lists.count(list($1, state)) }
        return state.lists.count(list(oldest(state), state)) * (minimumGenerations + 2) < total
    }

    static func choose<P>(_ state: inout ListState<P>, explain: Bool, accepts: (Int) -> Bool) -> (frame: Int, choice: Choice)? {
        var choice = Choice(generation: oldest(state))
        var budget = 4 * state.capacity + 4 * generations(state) + 8
        var aged = false
        while budget > 0 {
            budget -= 1
            // Empty oldest generations are retired first (try_to_inc_min_seq), down to two.
            while youngest(state) - oldest(state) + 1 > minimumGenerations, state.lists.count(list(oldest(state), state)) == 0 {
                if explain { choice.retired.append(oldest(state)) }
                state.tallies[0] += 1
            }
            // The aging, when two generations are left or the oldest is small: once per eviction,
            // or again if the oldest of the two is empty (every page is in the youngest).
            let stuck = youngest(state) - oldest(state) + 1 <= minimumGenerations && state.lists.count(list(oldest(state), state)) == 0
            if (!aged && agingDue(state)) || stuck {
                aged = true
                let promoted = age(&state)
                if explain { choice.agings.append((youngest(state), promoted)) }
            }
            let seq = oldest(state)
            guard let frame = state.lists.oldest(in: list(seq, state), where: accepts) else {
                // The oldest generation is empty (or holds nothing that may go): retire it.
                guard youngest(state) - seq + 1 > minimumGenerations else {
                    // Two generations left and the oldest has nothing that may go: the next one's tail.
                    for younger in (seq + 1)...youngest(state) {
                        if let frame = state.lists.oldest(in: list(younger, state), where: accepts) {
                            state.victimGhost = shadows
                            state.victimValue = seq
                            choice.generation = younger
                            return (frame, choice)
                        }
                    }
                    return nil
                }
                if state.lists.count(list(seq, state)) > 0 {
                    // Pages that may not go now are carried into the next generation.
                    for frame in state.lists.frames(in: list(seq, state)) { state.lists.pushHead(frame, list(seq + 1, state)) }
                }
                state.tallies[0] += 1
                if explain { choice.retired.append(seq) }
                continue
            }
            if state.uses[frame] & young != 0 {
                state.uses[frame] = 0
                state.lists.pushHead(frame, list(youngest(state), state))
                if explain { choice.promoted.append(frame) }
                continue
            }
            state.victimGhost = shadows
            // The shadow entry names the oldest generation at the eviction (the token's min_seq).
            state.victimValue = seq
            choice.generation = seq
            return (frame, choice)
        }
        return nil
    }

    static func enter<P>(_ frame: Int, _ page: P, _ state: inout ListState<P>, arrivedFrom: Int?) {
        let seq = arrivedFrom == nil ? max(youngest(state) - 1, oldest(state)) : youngest(state)
        state.place(frame, page, in: list(seq, state))
        state.uses[frame] = young
    }

    @inline(__always) static func hit<P>(_ frame: Int, _ state: inout ListState<P>) { state.uses[frame] |= young }

    static func scanned(_ choice: Choice) -> [Int] { choice.promoted }

    /// The generation a frame's list stands for now.
    static func generation(of frame: Int, _ state: ListState<FrameContent>) -> Int? {
        guard let list = state.lists.list(of: frame) else { return nil }
        return (oldest(state)...youngest(state)).first { self.list($0, state) == list }
    }

    static func sentence(_ choice: Choice, frame: Int, _ state: ListState<FrameContent>, page: (FrameContent) -> String) -> String {
        var before: [String] = []
        for aging in choice.agings {
            before.append(
                "the aging made generation \(aging.youngest) the youngest and promoted to it the \(aging.promoted) \(aging.promoted == 1 ? "page" : "pages") accessed since the last"
            )
        }
        if !choice.retired.isEmpty {
            before.append("generation \(choice.retired.map(String.init).joined(separator: ", ")) emptied and retired")
        }
        if !choice.promoted.isEmpty {
            before.append(
                "\(SecondChanceHand.frameList(choice.promoted)) at the oldest generation's tail had been accessed and went to the youngest")
        }
        let first = before.isEmpty ? "" : " (first \(before.joined(separator: "; ")))"
        return
            "MGLRU\(first): the eviction takes the tail of the oldest generation, \(choice.generation): frame \(frame), not accessed since it was last looked at; its shadow entry names generation \(oldest(state))"
    }

    static func ghostHitSentence(_ hit: GhostHit, page: String, _ state: ListState<FrameContent>) -> String {
        let gens = generations(state)
        let when = "it was evicted while generation \(hit.value) was the oldest, and the youngest is now \(hit.activeSize)"
        if hit.proves {
            return
                "Refault: \(page) faults back; \(when): within \(gens) generations, so it is part of the workingset and joins the youngest generation."
        }
        return
            "Refault: \(page) faults back; \(when): \(hit.activeSize - hit.value) generations back, not within the last \(gens), so it joins the second youngest generation like any new page."
    }

    static func cell(_ frame: Int, _ state: ListState<FrameContent>) -> String {
        guard let generation = generation(of: frame, state) else { return "" }
        return "gen \(generation)"
    }

    static func mark(_ frame: Int, _ state: ListState<FrameContent>) -> String { state.uses[frame] & young != 0 ? "'" : "" }

    static func listTitleNote(_ state: ListState<FrameContent>) -> String { " gens \(oldest(state))–\(youngest(state))" }

    static func listOrder(_ state: ListState<FrameContent>) -> [Int] {
        (oldest(state)...youngest(state)).reversed().map { list($0, state) }
    }
}
