/// The simulator's body for one policy, behind one dynamic call per run of references. The
/// closures are made where the rule's type is known, so each policy's loop is compiled for it.
struct ReferencePath {
    let run: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Bool>, UnsafeBufferPointer<Int>?) -> Void
    let result: () -> SimulationResult
    let deallocate: () -> Void

    init<Rule: SimulatedReplacement>(_ rule: Rule.Type, _ shape: MachineShape) {
        let machine = MachineBox(SimulatedMachine<Rule>(shape))
        run = { pages, writes, nextUses in machine.value.run(pages: pages, writes: writes, nextUses: nextUses) }
        result = { machine.value.result }
        deallocate = { machine.value.deallocate() }
    }
}

/// Holds a simulated machine for the closures that run it.
private final class MachineBox<Rule: SimulatedReplacement> {
    var value: SimulatedMachine<Rule>
    init(_ value: SimulatedMachine<Rule>) { self.value = value }
}
