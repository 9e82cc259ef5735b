import Testing
@testable import VMM

/// One process reading pages of anonymous memory in the given order: a textbook reference string.
func referenceString(_ pages: [Int], frames: Int, policy: ReplacementPolicy, seed: UInt64 = 1) -> Machine {
    let config = MachineConfiguration(frames: frames, swapSlots: 64, replacement: policy, seed: seed)
    let script: [Operation] = [.alloc(address: 0, pages: (pages.max() ?? 0) + 1)] + pages.map { .read(address: $0 * config.pageSize) }
    return Machine(configuration: config, files: [], processes: [ProcessSpec(name: "P", script: script)])
}

/// Runs to the end with the invariant checker after every step; every violation fails the test.
@discardableResult
func runChecked(_ start: Machine, limit: Int = 200_000, sourceLocation: SourceLocation = #_sourceLocation) -> (
    machine: Machine, results: [StepResult]
) {
    var machine = start
    var checker = InvariantChecker()
    var results: [StepResult] = []
    while !machine.isFinished, results.count < limit {
        let before = machine
        let result = machine.step()
        results.append(result)
        let problems = checker.check(before: before, after: machine, result: result)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))", sourceLocation: sourceLocation)
        if !problems.isEmpty { break }
    }
    return (machine, results)
}

extension Array where Element == StepResult {
    var events: [Event] { flatMap(\.events) }
    func events(_ kind: Event.Kind) -> [Event] { events.filter { $0.kind == kind } }
}

let pageSize = 4096

/// A file of `pages` pages whose words are all zero.
func zeroFile(_ name: String, pages: Int = 1, words: Int = 4) -> FileSpec {
    FileSpec(name: name, pages: Array(repeating: Array(repeating: 0, count: words), count: pages))
}
