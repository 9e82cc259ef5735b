import VMM

/// A long move under way: what was asked, where it goes, where it started.
public struct Seek: Hashable, Sendable {
    public enum Goal: Hashable, Sendable {
        case end
        case step(Int)
        case event([Event.Kind])
    }

    public var action: Action
    public var goal: Goal
    public var from: Int
}
