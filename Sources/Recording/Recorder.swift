import Foundation
import Glibc
import Interactive
import Scenario
import VMM

/// Writes a replay file as the session goes: one record per line, each written with its own
/// write(2), so quitting, Ctrl-C, a crash or a kill loses at most the action in progress.
public final class Recorder {
    public let path: String
    private let descriptor: Int32
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var log: RecordingLog
    /// Set once a write fails: what went wrong, with the file's name.
    public private(set) var failure: String?

    /// `program` names the recording Lookaside in the header.
    public init(path: String, program: String, scenario: Scenario, seed: UInt64?, settings: [String]) throws(RecordingError) {
        self.path = path
        // Past a file-size limit a write must fail (EFBIG, reported) rather than kill us with
        // SIGXFSZ on the alternate screen.
        signal(SIGXFSZ, SIG_IGN)
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw RecordingError("\(path): cannot write the recording: \(String(cString: strerror(errno)))") }
        start = clock.now
        log = RecordingLog(
            program: program, scenario: scenario, seed: seed, settings: settings, recordedAt: ISO8601DateFormatter().string(from: Date()))
        write(log.headerLine)
        if let failure { throw RecordingError(failure) }
    }

    deinit { close(descriptor) }

    var elapsed: Double {
        let duration = clock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Records an action already applied to `session`, and digests any step it reached for the first time.
    public func record(_ action: Action, after session: Session) {
        for line in log.lines(for: action, after: session, time: elapsed) { write(line) }
    }

    public func finish(at step: Int) {
        write(log.endLine(time: elapsed, step: step))
    }

    private func write(_ line: String) {
        guard failure == nil else { return }
        var bytes = Array(line.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                failure = "\(path): the recording could not be written: \(String(cString: strerror(errno)))"
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
