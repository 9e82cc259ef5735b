/// Everything that fixes a simulated machine.
struct MachineShape {
    var policy: ReplacementPolicy
    var frames: Int
    var tlb: TLBConfiguration
    var writePolicy: WritePolicy
    var seed: UInt64
    var parameters: ReplacementParameters
    var levels: [Int]
    var inverted: Bool
}
