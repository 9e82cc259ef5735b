import Foundation
import Glibc
import Scenario
import Views
import VMM

/// Writes a replay file as the session goes: one record per line, each written with its own
/// write(2), so quitting, Ctrl-C, a crash or a kill loses at most the action in progress.
final class Recorder {
    let path: String
    private let descriptor: Int32
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    /// A copy of the simulation that runs ahead only to digest each newly reached step once.
    private var shadow: Machine
    private(set) var failure: String?

    init(path: String, scenario: Scenario, seed: UInt64?, settings: [String]) throws(ExitCodeError) {
        self.path = path
        // Past a file-size limit a write must fail (EFBIG, reported) rather than kill us with
        // SIGXFSZ on the alternate screen.
        signal(SIGXFSZ, SIG_IGN)
        descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ExitCodeError("\(path): cannot write the recording: \(String(cString: strerror(errno)))") }
        start = clock.now
        shadow = scenario.makeMachine(seed: seed)
        let header = ReplayHeader(program: LookasideVersion.string, scenarioPath: scenario.path, scenarioSource: scenario.source,
                                  seed: shadow.configuration.seed, settings: settings, recordedAt: ISO8601DateFormatter().string(from: Date()))
        write(ReplayFormat.line(header))
        if let failure { throw ExitCodeError(failure) }
    }

    deinit { close(descriptor) }

    var elapsed: Double {
        let duration = clock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Records an action already applied to `session`, and digests any step it reached for the first time.
    func record(_ action: Action, after session: Session) {
        guard let recorded = action.recorded(time: elapsed, session: session) else { return }
        while shadow.stepCount < session.step, !shadow.isFinished {
            let result = shadow.step()
            write(ReplayFormat.line(StepDigestRecord(step: result.step, digest: EventDigest.digest(result.events))))
        }
        write(ReplayFormat.line(recorded))
    }

    func finish(at step: Int) {
        write(ReplayFormat.line(ReplayEnd(time: elapsed, step: step)))
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

/// A message for the user and a non-zero exit.
struct ExitCodeError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
