/// Random replacement, seeded: a frame drawn uniformly from the candidates (every frame that
/// holds no page table, in frame order), exactly as the engine draws it.
struct RandomRule: ReplacementRule {
    static func victim(in machine: inout Machine, among candidates: VictimCandidates) -> (FrameNumber, String)? {
        // A uniform draw needs them all counted.
        let candidates = candidates.list(in: machine)
        guard !candidates.isEmpty else { return nil }
        let victim = candidates[machine.generator.index(below: candidates.count)]
        return (victim, "random replacement picks frame \(victim) (seeded)")
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
