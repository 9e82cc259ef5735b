import Testing

@testable import VMM

/// Round robin on several CPUs scans for the next process rather than listing the ready ones; it
/// must choose exactly what the list-based rule chooses (the CPUs in turn, passing over one with
/// nothing it may run; a process keeps its CPU while its quantum lasts; else the first ready
/// process after the one the CPU ran that no other CPU runs now, wrapping round).
@Suite struct SchedulerTests {
    /// The rule, written over a list of the ready processes.
    static func listed(_ machine: Machine, quantum: Int) -> (cpu: Int, process: ProcessID)? {
        let ready = machine.processes.indices.filter { machine.processes[$0].state == .ready }
        func runnable(on id: Int) -> [ProcessID] {
            ready.filter { pid in !machine.cpus.contains { $0.id != id && $0.running == pid } }
        }
        guard let id = (1...machine.cpus.count).map({ (machine.cpu + $0) % machine.cpus.count }).first(where: { !runnable(on: $0).isEmpty })
        else { return nil }
        let eligible = runnable(on: id)
        if let current = machine.cpus[id].running, eligible.contains(current), machine.cpus[id].quantumUsed < quantum {
            return (id, current)
        }
        let after = machine.cpus[id].running ?? -1
        return (id, eligible.first { $0 > after } ?? eligible[0])
    }

    @Test("several CPUs take turns as the list-based rule says", arguments: [(2, 1), (3, 1), (3, 2), (4, 3)])
    func roundRobinOnSeveralCPUs(cpus: Int, quantum: Int) {
        // Processes of different lengths, so they finish at different times and CPUs run dry.
        let processes = (0..<7).map { index in
            ProcessSpec(
                name: "P\(index)",
                script: [.alloc(address: 0, pages: 2)] + (0..<(1 + index * 3 % 5)).map { .read(address: ($0 % 2) * 4096) })
        }
        let configuration = MachineConfiguration(frames: 6, scheduler: .roundRobin(quantum: quantum), cpus: cpus)
        var machine = Machine(configuration: configuration, files: [], processes: processes)
        var steps = 0, checked = 0
        while !machine.isFinished, steps < 500 {
            let expected = Self.listed(machine, quantum: quantum)
            let result = machine.step()
            if let expected {
                #expect(result.cpu == expected.cpu && result.process == expected.process, "step \(result.step)")
                checked += 1
            }
            steps += 1
        }
        #expect(machine.isFinished && checked > 20)
    }
}
