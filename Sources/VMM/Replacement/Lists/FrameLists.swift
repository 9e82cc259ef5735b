/// The data frames in a few ordered lists (ARC's T1 and T2, 2Q's A1in and Am, S3-FIFO's small and
/// main queues, Linux's inactive and active lists), each a doubly linked list threaded through a
/// per-frame array: putting a frame at a list's head, taking it out, or reading a list's tail is
/// O(1), so no fault scans the frames. The head is the newest end, the tail the oldest.
struct FrameLists: Hashable, Sendable {
    /// A frame's place: its list (-1: none) and its neighbours toward the head and the tail.
    private struct Link: Hashable, Sendable {
        var list: Int32 = -1
        var newer: Int32 = -1
        var older: Int32 = -1
    }
    /// A list's ends and length.
    private struct Ends: Hashable, Sendable {
        var head: Int32 = -1
        var tail: Int32 = -1
        var count = 0
    }

    private var links: [Link]
    private var ends: [Ends]

    init(frames: Int, lists: Int) {
        links = Array(repeating: Link(), count: frames)
        ends = Array(repeating: Ends(), count: lists)
    }

    /// How many frames each list holds.
    var counts: [Int] { ends.map(\.count) }
    /// How many frames `list` holds.
    @inline(__always) func count(_ list: Int) -> Int { ends[list].count }

    /// The list `frame` is in; nil when it is in none.
    @inline(__always) func list(of frame: Int) -> Int? { links[frame].list < 0 ? nil : Int(links[frame].list) }

    /// The oldest frame of `list`.
    @inline(__always) func tail(_ list: Int) -> Int? { ends[list].tail < 0 ? nil : Int(ends[list].tail) }
    /// The next frame toward the head of its list (newer), from `frame`.
    @inline(__always) func newer(than frame: Int) -> Int? { links[frame].newer < 0 ? nil : Int(links[frame].newer) }

    /// Puts `frame` at the head of `list`, taking it out of any list it was in.
    @inline(__always) mutating func pushHead(_ frame: Int, _ list: Int) {
        if links[frame].list >= 0 {
            // Already the newest of that list (a page used over and over): nothing moves.
            if links[frame].list == Int32(list), ends[list].head == Int32(frame) { return }
            remove(frame)
        }
        let head = ends[list].head
        links[frame] = Link(list: Int32(list), newer: -1, older: head)
        if head >= 0 { links[Int(head)].newer = Int32(frame) } else { ends[list].tail = Int32(frame) }
        ends[list].head = Int32(frame)
        ends[list].count += 1
    }

    /// Takes `frame` out of its list (nothing when it is in none).
    @inline(__always) mutating func remove(_ frame: Int) {
        let link = links[frame]
        guard link.list >= 0 else { return }
        let from = Int(link.list)
        if link.older >= 0 { links[Int(link.older)].newer = link.newer } else { ends[from].tail = link.newer }
        if link.newer >= 0 { links[Int(link.newer)].older = link.older } else { ends[from].head = link.older }
        links[frame] = Link()
        ends[from].count -= 1
    }

    /// The frames of `list`, newest first: for the frames pane and the checks.
    func frames(in list: Int) -> [Int] {
        var found: [Int] = []
        var frame = ends[list].head
        while frame >= 0 {
            found.append(Int(frame))
            frame = links[Int(frame)].older
        }
        return found
    }

    /// The first frame from the tail of `list` toward its head that `accepts` takes.
    @inline(__always) func oldest(in list: Int, where accepts: (Int) -> Bool) -> Int? {
        var frame = tail(list)
        while let at = frame {
            if accepts(at) { return at }
            frame = newer(than: at)
        }
        return nil
    }
}
