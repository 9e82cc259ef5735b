import Scenario
import VMM

/// libFuzzer target: any text as `--set` settings (one per line) on a bundled lesson. They apply
/// and the lesson runs, or they are refused with diagnostics.
@_cdecl("LLVMFuzzerTestOneInput")
public func optionsTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let settings = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(8).map(String.init)
    guard let lesson = try? BundledScenarios.load("lost-update"), let changed = try? lesson.overriding(settings) else { return 0 }
    var machine = changed.makeMachine()
    for _ in 0..<300 where !machine.isFinished { machine.step() }
    return 0
}
