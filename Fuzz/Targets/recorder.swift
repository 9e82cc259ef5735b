import Interactive
import Recording
import Scenario

/// libFuzzer target: any bytes as a session typed by a user, recorded as the interface records it.
/// The first byte picks a lesson, the second the steps a long move takes a frame, each byte after
/// a key or the passing of time. The recording must verify and end where the live session did.
@_cdecl("LLVMFuzzerTestOneInput")
public func recorderTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard bytes.count >= 2, bytes.count <= 400 else { return 0 }
    let lessons = ["tour", "lost-update", "thrashing", "replacement"]
    guard let scenario = try? BundledScenarios.load(lessons[Int(bytes[0]) % lessons.count]) else { return 0 }
    var session = Session(scenario: scenario, seed: 1, stepBudget: 1 + Int(bytes[1]) % 40)
    var log = RecordingLog(program: "fuzz", scenario: scenario, seed: 1, settings: [], recordedAt: nil)
    var lines = [log.headerLine]
    var time = 0.0
    func record(_ outcome: Outcome) -> Bool {
        for applied in outcome.applied {
            time += 0.01
            lines += log.lines(for: applied, after: session, time: time)
        }
        return outcome.quits
    }
    // Typed keys, then Ctrl-C if the bytes never quit.
    for byte in bytes.dropFirst(2) + [255] {
        let outcome: Outcome
        if let key = keys[Int(byte) % 256] {
            outcome = session.handle(key)
        } else {
            outcome = session.tick(seconds: Double(byte % 8) * 0.05)
        }
        if record(outcome) { break }
        // The loop takes the next stretch of a long move, and auto-run's steps, every frame.
        if session.isBusy, record(session.tick(seconds: 0.016)) { break }
    }
    lines.append(log.endLine(time: time + 0.01, step: session.step))
    check(lines.joined(), endsAt: session.step)
    return 0
}

/// The recording must read back, end where the session ended, and verify.
func check(_ recording: String, endsAt step: Int) {
    let parsed = Result { try Replay.parse(bytes: Array(recording.utf8), path: "session.lkr") }
    guard case .success(let replay) = parsed else { fatalError("a recording the program wrote does not read back: \(parsed)") }
    let ended = replay.end.map(\.step)
    precondition(ended == step, "the end record says step \(ended ?? -1), the session ended at \(step)")
    let divergence = replay.verify()
    precondition(divergence == nil, "a recording of a real session does not verify: \(divergence.map { "\($0)" } ?? "")")
}

/// What each byte types: the keys a user reaches for (moves, long moves, auto-run, prompts and
/// their typing, overlays, panes, the quiz, quitting), or nil for time passing.
let keys: [Key?] = {
    var table = [Key?](repeating: nil, count: 256)
    let typed: [Key] =
        "nnbb.,rr+-gG:/feu\t[]jkatQ12H?iv47xNq".map { .character($0) }
        + [.escape, .escape, .enter, .enter, .backspace, .tab, .right, .left, .up, .down, .pageUp, .pageDown, .resize]
    for (index, key) in typed.enumerated() { table[index] = key }
    table[255] = .interrupt
    return table
}()
