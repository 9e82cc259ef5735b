/// Random replacement, seeded: a frame drawn uniformly from the candidates (every frame that
/// holds no page table, in frame order), exactly as the engine draws it.
struct RandomRule: ReplacementRule {
    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        draw(&machine, among: candidates).map { ($0, "random replacement picks frame \($0) (seeded)") }
    }

    /// The k-th candidate in frame order, k drawn uniformly. When swap has room, every frame is
    /// a candidate (when memory is full), or every frame the process holds (local replacement),
    /// but the few that hold page tables or are pinned, so the k-th is found by stepping over
    /// those, without a look at every frame; otherwise (a full swap) the candidates are listed.
    static func draw(_ machine: inout Machine, among candidates: VictimCandidates) -> FrameNumber? {
        if let owner = candidates.owner, candidates.swapHasRoom { return drawOwned(&machine, by: owner, among: candidates) }
        guard machine.freeFrames.isEmpty, candidates.owner == nil, candidates.swapHasRoom else {
            let listed = candidates.list(in: machine)
            return listed.isEmpty ? nil : listed[machine.generator.index(below: listed.count)]
        }
        var excluded = Set(candidates.pinned)
        if !machine.configuration.pageTableLevels.isEmpty {
            for process in machine.processes { excluded.formUnion(process.tablePages.values) }
        }
        let count = machine.frames.count - excluded.count
        guard count > 0 else { return nil }
        var victim = machine.generator.index(below: count)
        for frame in excluded.sorted() {
            guard frame <= victim else { break }
            victim += 1
        }
        return victim
    }

    /// Under local replacement: the k-th of the frames the process holds, less its page tables
    /// and the pinned, found by rank in its bitmap of frames.
    private static func drawOwned(_ machine: inout Machine, by owner: ProcessID, among candidates: VictimCandidates) -> FrameNumber? {
        let owned = machine.framesOwned[owner]
        let excluded = Set(candidates.pinned).union(machine.processes[owner].tablePages.values).filter { owned.contains($0) }
        let count = owned.count - excluded.count
        guard count > 0 else { return nil }
        var rank = machine.generator.index(below: count)
        for frame in excluded.sorted() {
            guard owned.rank(of: frame) <= rank else { break }
            rank += 1
        }
        return owned.member(at: rank)
    }

    /// Nothing about a frame says whether it goes next.
    static func view(of machine: Machine) -> PolicyView { PolicyView(heading: "", cells: machine.frames.map { _ in "" }) }

    private let frameCount: Int
    /// Frames holding page tables, ascending.
    private var pinnedFrames: [Int] = []

    init(_ frames: FrameTable, parameters: ReplacementParameters, seed: UInt64) {
        frameCount = frames.count
    }

    mutating func loaded(_ frame: Int, _ frames: FrameTable) {}
    @inline(__always) mutating func referenced(_ frame: Int, now: Int, nextUse: Int, _ frames: FrameTable) {}
    mutating func evicted(_ frame: Int) {}

    mutating func pinned(_ frame: Int) {
        let index = pinnedFrames.firstIndex { $0 > frame } ?? pinnedFrames.count
        pinnedFrames.insert(frame, at: index)
    }

    mutating func victim(now: Int, _ frames: FrameTable, _ result: inout SimulationResult, _ generator: inout SeededGenerator) -> Int {
        // The k-th frame that is not a page table: step over the tables at or below it.
        var frame = generator.index(below: frameCount - pinnedFrames.count)
        for table in pinnedFrames {
            guard table <= frame else { break }
            frame += 1
        }
        return frame
    }

    func deallocate() {}
}
