/// What a replacement policy shows of each frame in the frames pane: a heading and one cell per
/// frame (LRU's rank, OPT's next use, Clock's hand...). Plain text: the views lay it out.
public struct PolicyView: Hashable, Sendable {
    public var heading: String
    public var cells: [String]
    /// The ghost queues of a list policy (ARC's B1 and B2), each newest first.
    public var ghosts: [GhostView] = []
    /// A list policy's lists (ARC's T1 and T2), each newest first, its capacity its length.
    public var lists: [GhostView] = []
    /// What the marks after pages in `lists` and the numbers in `ghosts` mean (Linux, MGLRU).
    public var marksLegend: String?

    /// One cell per frame from each frame that holds something.
    static func cells(_ heading: String, _ machine: Machine, _ text: (Frame) -> String) -> PolicyView {
        PolicyView(heading: heading, cells: machine.frames.map { $0.isFree ? "" : text($0) })
    }

    /// Each candidate frame's rank by `key`, 1 first: the next victim under an ordering policy.
    /// Page-table frames are never candidates, so they get no rank.
    static func ranks(_ heading: String, _ machine: Machine, by key: (Frame) -> Int) -> PolicyView {
        let used = machine.frames.indices.filter { index in
            if case .pageTable = machine.frames[index].content { return false }
            return !machine.frames[index].isFree
        }
        let order = used.sorted { (key(machine.frames[$0]), $0) < (key(machine.frames[$1]), $1) }
        var rank = Array(repeating: "", count: machine.frames.count)
        for (position, frame) in order.enumerated() { rank[frame] = "\(position + 1)" }
        return PolicyView(heading: heading, cells: rank)
    }

    /// Where a clock hand points, after each frame's own text.
    static func hand(_ heading: String, _ machine: Machine, _ text: (Frame) -> String) -> PolicyView {
        PolicyView(
            heading: heading,
            cells: machine.frames.indices.map { frame in
                let own = machine.frames[frame].isFree ? "" : text(machine.frames[frame])
                guard frame == machine.clockHand else { return own }
                return own.isEmpty ? "◀" : own + " ◀"
            })
    }
}

/// A ghost queue as the frames pane lists it: pages that left memory, remembered by name only.
public struct GhostView: Hashable, Sendable {
    public var name: String
    public var capacity: Int
    /// Newest first, as `Machine.label` names them.
    public var pages: [String]
}
