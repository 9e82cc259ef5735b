/// A replacement policy that keeps the frames in lists and remembers pages that left in ghost
/// queues (ARC, 2Q, S3-FIFO, Linux's two lists, MGLRU's generations). Its rule is written once, over `ListState`, and
/// serves both the engine (pages named by their content, every choice explained) and the fast
/// simulator (pages by number): the extensions below are the glue to each.
protocol ListPolicy: ReplacementRule {
    /// Why a victim was chosen, in the policy's own terms: what its sentence is made from.
    associatedtype Choice

    /// The lists' names, by number (ARC: T1, T2), as the frames pane shows them.
    static var listNames: [String] { get }
    /// A list's full name where the short ones repeat (Linux: inactive anon, active anon...), or
    /// nil for a list not in use (MGLRU's spare generations), in the order written out.
    static func listTitle(_ list: Int, _ state: ListState<FrameContent>) -> String?
    /// The lists in the order written out (MGLRU: youngest first).
    static func listOrder(_ state: ListState<FrameContent>) -> [Int]
    /// The ghost queues' names, by number (ARC: B1, B2).
    static var ghostNames: [String] { get }
    /// How many lists there are (by default one per name).
    static var listCount: Int { get }
    /// How many pages each ghost queue remembers, for `frames` frames.
    static func ghostCapacities(frames: Int, _ parameters: ReplacementParameters) -> [Int]
    /// `ListState.tallies` at the start (MGLRU: its first oldest and youngest generations).
    static func initialTallies(_ parameters: ReplacementParameters) -> [Int]

    /// A page is about to be faulted in: the policy looks for it in its ghost queues (ARC adapts
    /// its target there), and says where it found it.
    static func arrive<P>(_ page: P, _ state: inout ListState<P>) -> GhostHit?
    /// The victim among the frames `accepts` takes, and why; nil when no listed frame is taken.
    /// Looking may rearrange the lists (S3-FIFO moves pages used twice to its main queue); with
    /// `explain` the choice records what it did for the sentence, which the fast simulator skips.
    static func choose<P>(_ state: inout ListState<P>, explain: Bool, accepts: (Int) -> Bool)
        -> (frame: Int, choice: Choice)?
    /// A page has entered `frame`; `arrivedFrom` is the ghost queue it came back from.
    static func enter<P>(_ frame: Int, _ page: P, _ state: inout ListState<P>, arrivedFrom: Int?)
    /// A use of the page in `frame`, after the access that loaded it.
    static func hit<P>(_ frame: Int, _ state: inout ListState<P>)
    /// The frames whose referenced bits the choice's scan cleared (Linux reads and clears the
    /// page table entries' accessed bits as it scans): the engine clears them in the frames and
    /// page tables too.
    static func scanned(_ choice: Choice) -> [Int]

    /// The victim's sentence ("ARC: T1 holds 3 pages, above its target p = 1.5, so ...").
    static func sentence(_ choice: Choice, frame: Int, _ state: ListState<FrameContent>, page: (FrameContent) -> String) -> String
    /// The event for a page found in a ghost queue, after `arrive` took it out.
    static func ghostHitSentence(_ hit: GhostHit, page: String, _ state: ListState<FrameContent>) -> String
    /// The frames pane's cell for a frame in a list (by default the list's name).
    static func cell(_ frame: Int, _ state: ListState<FrameContent>) -> String
    /// What follows the policy's name in the frames pane's title (ARC's p).
    static func listTitleNote(_ state: ListState<FrameContent>) -> String
    /// Whether a ghost entry is shown with its number (Linux's shadow entries: the eviction count).
    static var ghostsShowValue: Bool { get }
    /// What follows a page in a written-out list (Linux: ' accessed, * marked PG_referenced).
    static func mark(_ frame: Int, _ state: ListState<FrameContent>) -> String
    /// What the marks and the ghost entries' numbers mean, for the lists overlay; nil: none shown.
    static var marksLegend: String? { get }

    var state: ListState<Int> { get set }
    init(state: ListState<Int>)
}

/// A page found in a ghost queue as it faults in again.
struct GhostHit: Hashable, Sendable {
    /// The ghost queue.
    var ghost: Int
    /// How many pages entered that queue after it (its age there).
    var since: Int
    /// The number its entry kept (Linux: the eviction count when it left).
    var value: Int
    /// ARC's target before and after it adapted.
    var targetBefore: Double = 0
    var targetAfter: Double = 0
    /// Whether the page comes back as one proven (into T2, Am, M, the active list); Linux's
    /// shadow entry proves it only when its refault distance is within the active list's size.
    var proves = true
    /// Linux: the size of the workingset the distance was measured against (MGLRU: the youngest
    /// generation then), and the page's kind.
    var activeSize = 0
    var fileBacked = false

    /// How long ago a page entered its ghost queue, in the pages that followed it there.
    static func age(_ since: Int) -> String {
        since == 0 ? "the last to go there" : "\(since) \(since == 1 ? "page" : "pages") went there after it"
    }
}

extension ListPolicy {
    static var listCount: Int { listNames.count }
    static func initialTallies(_ parameters: ReplacementParameters) -> [Int] { [0, 0] }
    static var marksLegend: String? { nil }

    /// A new state: the policy's lists, its ghost queues and first tallies, for the engine and
    /// the fast simulator alike.
    static func newState<P>(frames: Int, _ parameters: ReplacementParameters) -> ListState<P> {
        ListState(
            kept: true, frames: frames, lists: listCount, ghostCapacities: ghostCapacities(frames: frames, parameters),
            parameters: parameters, tallies: initialTallies(parameters))
    }

    static func listState(frames: Int, _ parameters: ReplacementParameters) -> ListState<FrameContent> {
        newState(frames: frames, parameters)
    }

    /// A page about to be faulted in: the policy's look in its ghost queues, remembered until the
    /// page enters its frame (`takeArrival`) with the queue it came back from, if that proves it.
    static func lookInGhosts<P>(for page: P, _ state: inout ListState<P>) -> GhostHit? {
        state.arriving = page
        let hit = arrive(page, &state)
        state.arrivedFrom = hit.flatMap { $0.proves ? $0.ghost : nil }
        return hit
    }

    static func listTitle(_ list: Int, _ state: ListState<FrameContent>) -> String? { listNames[list] }
    static func listOrder(_ state: ListState<FrameContent>) -> [Int] { Array(0..<listCount) }
    static func cell(_ frame: Int, _ state: ListState<FrameContent>) -> String {
        state.lists.list(of: frame).map { listNames[$0] } ?? ""
    }
    static func listTitleNote(_ state: ListState<FrameContent>) -> String { "" }
    /// By default one ghost queue, and any page found in it comes back proven (2Q, S3-FIFO).
    static func arrive<P>(_ page: P, _ state: inout ListState<P>) -> GhostHit? { state.ghostHit(page, in: 0) }
    static func scanned(_ choice: Choice) -> [Int] { [] }
    static func mark(_ frame: Int, _ state: ListState<FrameContent>) -> String { "" }
    static var ghostsShowValue: Bool { false }

    // The engine's half.

    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        // The state is taken out while the rule works on it, so that asking the machine which
        // frames are candidates does not overlap the change, and no array is copied.
        var state = machine.lists
        machine.lists = .placeholder()
        let chosen = choose(&state, explain: true) { candidates.contains($0, in: machine) }
        machine.lists = state
        guard let chosen else { return nil }
        for frame in scanned(chosen.choice) where machine.frames[frame].referenced { machine.clearReferenced(frame) }
        return (chosen.frame, sentence(chosen.choice, frame: chosen.frame, state, page: machine.label))
    }

    static func listArrive(_ content: FrameContent, for pid: ProcessID, in machine: inout Machine) {
        guard let hit = lookInGhosts(for: content, &machine.lists) else { return }
        var event = Event(.ghostHit, process: pid, ghostHitSentence(hit, page: machine.describe(content), machine.lists))
        switch content {
        case let .anonymous(_, page): event.page = page
        case let .filePage(file, page), let .privateCopy(_, file, page), let .sessionCopy(_, file, page):
            event.file = file
            event.filePage = page
        case .free, .pageTable: break
        }
        machine.emit(event)
    }

    static func listEnter(_ frame: FrameNumber, in machine: inout Machine) {
        let content = machine.frames[frame].content
        let from = machine.lists.takeArrival(content)
        enter(frame, content, &machine.lists, arrivedFrom: from)
    }

    static func listHit(_ frame: FrameNumber, in machine: inout Machine) { hit(frame, &machine.lists) }

    static func view(of machine: Machine) -> PolicyView {
        let state = machine.lists
        var view = PolicyView(
            heading: "list", cells: machine.frames.indices.map { state.lists.list(of: $0) == nil ? "" : cell($0, state) })
        view.lists = listOrder(state).compactMap { list in
            guard let title = listTitle(list, state) else { return nil }
            let frames = state.lists.frames(in: list)
            return GhostView(
                name: title, capacity: frames.count, pages: frames.map { machine.label(machine.frames[$0].content) + mark($0, state) })
        }
        view.marksLegend = marksLegend
        view.ghosts = state.ghosts.indices.map { ghost in
            GhostView(
                name: ghostNames[ghost], capacity: state.ghosts[ghost].capacity,
                pages: state.ghosts[ghost].pages.reversed().map { page in
                    let value = ghostsShowValue ? state.ghosts[ghost].value(of: page).map { " E\($0)" } ?? "" : ""
                    return machine.label(page) + value
                })
        }
        return view
    }

    static func titleNote(_ machine: Machine) -> String { listTitleNote(machine.lists) }

    // The fast simulator's half.

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) {
        self.init(state: Self.newState(frames: frames.count, parameters))
    }

    mutating func arriving(_ page: Int) { _ = Self.lookInGhosts(for: page, &state) }

    mutating func loaded(_ frame: Int, _ frames: FrameTable) {
        let page = frames.page[frame]
        let from = state.takeArrival(page)
        Self.enter(frame, page, &state, arrivedFrom: from)
    }

    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) {
        if frames.loadedAt[frame] != now { Self.hit(frame, &state) }
    }

    mutating func evicted(_ frame: Int) { state.evicted(frame) }

    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        // Every listed frame is a candidate here: page tables never enter a list.
        Self.choose(&state, explain: false) { _ in true }!.frame
    }

    func deallocate() {}
}
