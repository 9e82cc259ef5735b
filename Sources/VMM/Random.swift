/// SplitMix64: a tiny, fast, seeded generator.
///
/// It lives inside the machine state as a value, so every random choice the engine
/// makes (random replacement, random TLB eviction, random scheduling, random close
/// order) is reproduced exactly when a simulation is re-run from a checkpoint.
public struct SeededGenerator: RandomNumberGenerator, Hashable, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform index in `0..<count` (count must be positive).
    public mutating func index(below count: Int) -> Int {
        Int(next() % UInt64(count))
    }
}
