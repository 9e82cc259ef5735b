/// The fault curve of a stack policy (LRU or OPT) from one pass over the references: the faults,
/// evictions and write-backs of every memory size in a range at once, equal to running one
/// simulator per size (Mattson, Gecsei, Slutz and Traiger, "Evaluation techniques for storage
/// hierarchies", 1970: a stack policy's memory of C frames always holds a subset of its memory of
/// C + 1, so each reference's depth in one stack says which sizes fault).
///
/// Only for a machine with one-level page tables and no TLB (the TLB and page-table pages depend on
/// the size in ways a stack does not capture). FIFO, Clock and the others are not stack policies:
/// their curves can rise (Belady's anomaly) and need a simulator per size.
public enum FaultCurve {
    /// Whether one pass serves `policy`.
    public static func serves(_ policy: ReplacementPolicy) -> Bool { policy == .lru || policy == .opt }

    /// A one-pass consumer whose results are one per frame count in `frames`.
    public static func make(policy: ReplacementPolicy, frames: ClosedRange<Int>, writePolicy: WritePolicy = .writeBack)
        -> any StreamConsumer
    {
        precondition(serves(policy), "\(policy) is not a stack policy")
        precondition(frames.lowerBound >= 1, "at least one frame")
        let tally = StackTally(depth: frames.upperBound, writeBack: writePolicy == .writeBack)
        return policy == .lru
            ? StackCurve(policy: policy, frames: frames, stack: LRUStack(), tally: tally)
            : StackCurve(policy: policy, frames: frames, stack: OPTStack(depth: frames.upperBound), tally: tally)
    }
}

/// How deep each reference is found in a stack policy's stack.
protocol DistanceStack {
    /// The distance of a reference to page number `page` (numbers in order of first use) with its
    /// next use; more than any memory size asked about when the page is not within the stack.
    mutating func reference(_ page: Int, nextUse: Int) -> Int
    /// Each page's position in the stack now, by page number.
    func positions(pages: Int) -> [Int]
}

extension LRUStack: DistanceStack {
    @inline(__always) mutating func reference(_ page: Int, nextUse: Int) -> Int { reference(page) }
    func positions(pages: Int) -> [Int] { positions() }
}

extension OPTStack: DistanceStack {}

/// One stack and its tally, specialised for the stack.
final class StackCurve<Stack: DistanceStack>: StreamConsumer, @unchecked Sendable {
    let policy: ReplacementPolicy
    let frames: ClosedRange<Int>
    private var state: State

    /// Everything a run changes, in one value, so a run is one exclusive access to it rather than
    /// one per reference.
    private struct State {
        var numbering = PageNumbering()
        var stack: Stack
        var tally: StackTally

        mutating func run(_ pages: UnsafeBufferPointer<Int>, _ writes: UnsafeBufferPointer<Bool>, _ nextUses: UnsafeBufferPointer<Int>?) {
            for index in pages.indices {
                let (page, _) = numbering.number(of: pages[index])
                let distance = stack.reference(page, nextUse: nextUses?[index] ?? .max)
                tally.record(page, distance: distance, write: writes[index])
            }
        }
    }

    init(policy: ReplacementPolicy, frames: ClosedRange<Int>, stack: Stack, tally: StackTally) {
        self.policy = policy
        self.frames = frames
        state = State(stack: stack, tally: tally)
    }

    var needsFuture: Bool { policy.needsFuture }

    func access(pages: UnsafeBufferPointer<Int>, writes: UnsafeBufferPointer<Bool>, nextUses: UnsafeBufferPointer<Int>?) {
        state.run(pages, writes, nextUses)
    }

    var results: [SimulationResult] {
        state.tally.results(policy: policy, frames: frames, positions: state.stack.positions(pages: state.numbering.count))
    }
}
