import Interactive
import Recording
import Scenario

/// libFuzzer target: any bytes as a replay file. It reads, replays and verifies, or is refused.
@_cdecl("LLVMFuzzerTestOneInput")
public func replayTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let replay = try? Replay.parse(bytes: bytes, path: "fuzz.lkr") else { return 0 }
    _ = replay.verify()
    _ = replay.session(afterActions: replay.actions.count)
    return 0
}
