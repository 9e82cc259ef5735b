import FoundationEssentials
import Glibc
import Interactive
import Scenario

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
    /// Creates the file: a new one, or, with `force`, replacing a regular file; never through a
    /// symbolic link.
    public init(path: String, program: String, scenario: Scenario, seed: UInt64?, settings: [String], force: Bool = false)
        throws(RecordingError)
    {
        self.path = path
        // Past a file-size limit a write must fail (EFBIG, reported) rather than kill us with
        // SIGXFSZ on the alternate screen.
        signal(SIGXFSZ, SIG_IGN)
        descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | (force ? O_TRUNC : O_EXCL), 0o644)
        guard descriptor >= 0 else { throw RecordingError(Self.refusal(path, errno: errno)) }
        start = clock.now
        log = RecordingLog(
            program: program, scenario: scenario, seed: seed, settings: settings, recordedAt: Date.now.formatted(.iso8601))
        write(log.headerLine)
        if let failure { throw RecordingError(failure) }
    }

    deinit { close(descriptor) }

    /// Whether `path` may become a recording, said before anything is started: not an existing file
    /// without `force`, not a symbolic link, not a directory, not the scenario being run.
    public static func checkTarget(_ path: String, force: Bool, scenarioPath: String) -> Result<Void, RecordingError> {
        var link = stat(), target = stat()
        guard lstat(path, &link) == 0 else { return .success(()) }
        if link.st_mode & S_IFMT == S_IFLNK { return .failure(RecordingError(refusal(path, errno: ELOOP))) }
        if link.st_mode & S_IFMT == S_IFDIR { return .failure(RecordingError("\(path): is a directory; --record needs a file name")) }
        if stat(scenarioPath, &target) == 0, target.st_dev == link.st_dev, target.st_ino == link.st_ino {
            return .failure(RecordingError("\(path): this is the scenario being run; record to another file"))
        }
        return force ? .success(()) : .failure(RecordingError(refusal(path, errno: EEXIST)))
    }

    static func refusal(_ path: String, errno code: Int32) -> String {
        switch code {
        case EEXIST: "\(path): already exists; use --force to replace it, or record to another file"
        case ELOOP: "\(path): is a symbolic link; --record writes only to a file itself"
        default: "\(path): cannot write the recording: \(String(cString: strerror(code)))"
        }
    }

    var elapsed: Double {
        let duration = clock.now - start
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Records an action already applied to `session`, and digests any step it reached for the first time.
    public func record(_ applied: AppliedAction, after session: Session) {
        for line in log.lines(for: applied, after: session, time: elapsed) { write(line) }
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
