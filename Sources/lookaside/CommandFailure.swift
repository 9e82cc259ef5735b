import Recording
import Scenario

/// Every way a command fails, as data: what kind of failure it is, carrying the layers' own errors.
/// `Lookaside.main` renders it in one place: `description` on standard error (a file's problems as
/// `path:line:col`, the line and a caret), then `exitStatus`, so a script or a grader can tell a
/// recording that diverged from one that could not be read. Mistakes in the arguments that
/// ArgumentParser finds stay its own (usage, status 64, as `.usage` here).
enum CommandFailure: Error, CustomStringConvertible {
    /// Arguments that make no sense together or a value out of range, beyond what ArgumentParser checks.
    case usage(String)
    /// An input that cannot be read: missing, a directory or device, no permission, a failed read.
    case unreadable(String)
    /// A scenario, replay or setting read but wrong: its diagnostics.
    case invalid(DiagnosticList)
    /// An input read but wrong, in one sentence (a trace's line, a trace with no references).
    case invalidInput(String)
    /// A recording that does not replay as it was recorded.
    case diverged(file: String, Divergence)
    /// Lesson checks that failed, a line each.
    case lessonChecksFailed([String])
    /// An output (a report, a picture, a recording) that cannot be written.
    case output(String)
    /// Something the command needs that this machine lacks or refuses: a terminal, valgrind, a pipe.
    case unavailable(String)
    /// Several files' failures at once (`check` over many files).
    case several([CommandFailure])

    /// The exit status of each kind (README, "Exit status"): sysexits.h's where it has one.
    var exitStatus: Int32 {
        switch self {
        case .lessonChecksFailed: 2
        case .diverged: 3
        case .usage: 64  // EX_USAGE, as ArgumentParser's own
        case .invalid, .invalidInput: 65  // EX_DATAERR
        case .unreadable: 66  // EX_NOINPUT
        case .unavailable: 69  // EX_UNAVAILABLE
        case .output: 73  // EX_CANTCREAT
        // A file that could not be read or is wrong outranks a lesson that failed.
        case .several(let failures): failures.map(\.exitStatus).max { Self.rank($0) < Self.rank($1) } ?? 1
        }
    }

    private static func rank(_ status: Int32) -> Int32 { status == 2 ? 0 : status }

    var description: String {
        switch self {
        case .usage(let text), .unreadable(let text), .invalidInput(let text), .output(let text), .unavailable(let text): text
        case .invalid(let list): list.description
        case let .diverged(file, divergence): "\(file): the replay diverges from the simulation at \(divergence)"
        case .lessonChecksFailed(let lines): lines.joined(separator: "\n")
        case .several(let failures): failures.map(\.description).joined(separator: "\n")
        }
    }
}

/// Writes a line to standard error: warnings, and the one rendering of a `CommandFailure`.
func printError(_ text: String) {
    StandardError.write(PrintableText.sanitized(text.hasSuffix("\n") ? text : text + "\n", keepingNewlines: true))
}
