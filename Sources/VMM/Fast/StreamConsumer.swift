/// Anything that takes a reference stream in runs, as `StreamSimulation` hands them out: a
/// simulator for one memory size, or a one-pass analysis of the whole stream. Each is used by one
/// worker at a time, so it may keep its state in place.
public protocol StreamConsumer: AnyObject, Sendable {
    /// Whether it needs each reference's next use (OPT's look-ahead).
    var needsFuture: Bool { get }
    /// A run of references; `nextUses`, when given, as long as `pages`.
    func access(pages: UnsafeBufferPointer<Int>, writes: UnsafeBufferPointer<Bool>, nextUses: UnsafeBufferPointer<Int>?)
    /// What it found so far, one result per memory size it covers (none for analyses that are not
    /// fault counts).
    var results: [SimulationResult] { get }
}

extension PagingSimulator: StreamConsumer {
    public var needsFuture: Bool { policy.needsFuture }
    public var results: [SimulationResult] { [result] }
}
