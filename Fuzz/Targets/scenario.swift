import Scenario
import VMM

/// libFuzzer target: any bytes as a scenario file. It parses and runs (with the invariant
/// checker) or is refused with diagnostics; it never traps or hangs.
@_cdecl("LLVMFuzzerTestOneInput")
public func scenarioTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let scenario = try? ScenarioParser.parse(bytes: bytes, path: "fuzz.vmm") else { return 0 }
    var machine = scenario.makeMachine()
    var checker = InvariantChecker()
    for _ in 0..<500 where !machine.isFinished {
        let before = machine
        let result = machine.step()
        if !checker.check(before: before, after: machine, result: result).isEmpty { fatalError("an invariant broke") }
    }
    return 0
}
