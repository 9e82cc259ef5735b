/// Where a replay and a fresh simulation first disagree.
public struct Divergence: Error, Hashable, Sendable, CustomStringConvertible {
    public var step: Int
    public var expected: String
    public var found: String
    /// What was being compared, in words.
    public var what: String

    public var description: String { "step \(step): \(what): expected \(expected), found \(found)" }
}
