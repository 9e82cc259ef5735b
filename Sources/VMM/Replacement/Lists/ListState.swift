/// What a policy that keeps its frames in lists holds besides the frames (ARC, 2Q, S3-FIFO,
/// Linux's two lists, MGLRU): the lists, the ghost queues of pages that left, each frame's page (the name
/// it leaves in a ghost queue) and use count, and the few numbers the policy adapts. Unlike the
/// engine's other indexes this is state, not derived from the frames: two machines whose frames
/// agree can differ in it, so it takes part in the machine's equality.
///
/// One value serves the engine (pages named by `FrameContent`) and the fast simulator (pages
/// named by number), so each policy's rule is written once, over this, for both.
struct ListState<Page: ListedPage>: Hashable, Sendable {
    /// Whether the policy keeps lists at all; an unkept state is empty and costs nothing.
    let isKept: Bool
    /// The frames the lists share out (the cache size, `c` in the papers).
    let capacity: Int
    /// The policy's parameters (ghost sizes, the small queue's share), as configured.
    let parameters: ReplacementParameters
    var lists: FrameLists
    var ghosts: [GhostQueue<Page>]
    /// Each frame's page while it is in a list.
    var pages: [Page?]
    /// Each frame's uses since it entered its list (S3-FIFO's frequency, 2 bits in the paper).
    var uses: [UInt8]
    /// ARC's adaptive target for T1's size (p), between 0 and the capacity.
    var target: Double = 0
    /// The page now being faulted in, and the ghost queue it was found in (nil: none), from the
    /// policy's look at the ghosts before the victim is chosen until the page enters a frame.
    var arriving: Page?
    var arrivedFrom: Int?
    /// The ghost queue the victim being evicted now goes to (nil: none), and the number its entry
    /// keeps (nil: the evictions so far), set with the choice.
    var victimGhost: Int?
    var victimValue: Int?
    /// Evictions so far (and, under Linux, activations too): the clock refault distances are read on.
    var evictions = 0
    /// A policy's own running counts (Linux: anonymous and file pages scanned, for swappiness;
    /// MGLRU: the oldest and youngest generation numbers).
    var tallies = [0, 0]

    init(kept: Bool, frames: Int, lists: Int, ghostCapacities: [Int], parameters: ReplacementParameters, tallies: [Int] = [0, 0]) {
        self.tallies = tallies
        isKept = kept
        capacity = frames
        self.parameters = parameters
        self.lists = FrameLists(frames: kept ? frames : 0, lists: kept ? lists : 0)
        ghosts = kept ? ghostCapacities.map { GhostQueue(capacity: $0) } : []
        pages = Array(repeating: nil, count: kept ? frames : 0)
        uses = Array(repeating: 0, count: kept ? frames : 0)
    }

    /// A frame a page has just entered, in `list`, unused.
    @inline(__always) mutating func place(_ frame: Int, _ page: Page, in list: Int) {
        pages[frame] = page
        uses[frame] = 0
        lists.pushHead(frame, list)
    }

    /// The page the ghost look was for, if `page` is it: where it was found, consumed.
    @inline(__always) mutating func takeArrival(_ page: Page) -> Int? {
        defer {
            arriving = nil
            arrivedFrom = nil
        }
        return arriving == page ? arrivedFrom : nil
    }

    /// The page in `frame` is evicted: it is remembered in the ghost queue the choice named, if any.
    @inline(__always) mutating func evicted(_ frame: Int) {
        guard lists.list(of: frame) != nil else { return }
        if let ghost = victimGhost, let page = pages[frame] { ghosts[ghost].append(page, value: victimValue ?? evictions) }
        victimGhost = nil
        victimValue = nil
        evictions += 1
        removed(frame)
    }

    /// `frame` no longer holds its page (evicted, or freed as its process ended).
    @inline(__always) mutating func removed(_ frame: Int) {
        lists.remove(frame)
        pages[frame] = nil
        uses[frame] = 0
    }

    /// A page looked for in one ghost queue, taken out if it is there: any hit proves it (2Q, S3-FIFO).
    @inline(__always) mutating func ghostHit(_ page: Page, in ghost: Int) -> GhostHit? {
        ghosts[ghost].remove(page).map { GhostHit(ghost: ghost, since: $0.since, value: $0.value) }
    }

    /// Counts a use of `frame`, saturating.
    @inline(__always) mutating func countUse(_ frame: Int) { if uses[frame] < .max { uses[frame] += 1 } }

    /// An empty state, put in the machine's place while a rule works on the real one.
    static func placeholder() -> ListState {
        ListState(kept: false, frames: 0, lists: 0, ghostCapacities: [], parameters: ReplacementParameters())
    }
}

/// A page as the list policies name it: the engine's `FrameContent`, the fast simulator's page number.
protocol ListedPage: Hashable, Sendable {
    /// Whether the page is a file's (Linux keeps file and anonymous pages on lists of their own).
    var isFileBacked: Bool { get }
}

extension FrameContent: ListedPage {
    var isFileBacked: Bool { if case .filePage = self { true } else { false } }
}

/// A trace's pages are one kind: anonymous memory, as valgrind's are.
extension Int: ListedPage {
    var isFileBacked: Bool { false }
}
