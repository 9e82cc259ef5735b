/// MFU: evict the page used most often since it was loaded, on the argument that a page with a
/// small count was only just brought in and has yet to be used (Silberschatz's counting-based
/// replacement, LFU's opposite). Ties go to the page loaded first.
struct MFURule: UseCountRule {
    static func victim(in machine: inout Machine, among candidates: [FrameNumber]) -> (FrameNumber, String)? {
        let frames = machine.frames
        let victim = candidates.min { (-frames[$0].uses, frames[$0].loadedAt, $0) < (-frames[$1].uses, frames[$1].loadedAt, $1) }!
        return (victim, "MFU evicts the page used most often since it was loaded (\(machine.plural(frames[victim].uses, "use")))")
    }

    static let mostUsedFirst = true
    var order: KeyedFrameHeap
}
