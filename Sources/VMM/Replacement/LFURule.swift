/// LFU: evict the page used least often since it was loaded; ties go to the page loaded first.
struct LFURule: UseCountRule {
    static func victim(in machine: inout Machine, among candidates: [FrameNumber]) -> (FrameNumber, String)? {
        let frames = machine.frames
        let victim = candidates.min { (frames[$0].uses, frames[$0].loadedAt, $0) < (frames[$1].uses, frames[$1].loadedAt, $1) }!
        return (victim, "LFU evicts the page used least often since it was loaded (\(machine.plural(frames[victim].uses, "use")))")
    }

    static let mostUsedFirst = false
    var order: KeyedFrameHeap
}
