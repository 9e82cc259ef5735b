import ArgumentParser
import Scenario

/// Every way a command fails, as data. `Lookaside.main` renders it in one place: the message on
/// standard error (a file's problems as `path:line:col`, the line and a caret), then exit status 1.
/// Mistakes in the arguments themselves stay ArgumentParser's (usage, exit status 64).
struct CommandFailure: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }

    /// Any of the layers' own errors (diagnostics, a recording that cannot start, ...) as a failure.
    init(_ error: some Error) {
        description = String(describing: error)
    }
}

/// Writes a line to standard error: warnings, and the one rendering of a `CommandFailure`.
func printError(_ text: String) {
    StandardError.write(PrintableText.sanitized(text.hasSuffix("\n") ? text : text + "\n", keepingNewlines: true))
}
