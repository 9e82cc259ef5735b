import Glibc
import Scenario

/// Everything a command prints goes through here, one write(2) per call, so a failed write (a full
/// disk, a closed file) is the command's failure with its reason, not an exit status 0. Whatever
/// the text holds from an input (a title, a file's name), nothing but newlines and tabs of it can
/// act on a terminal: controls, bidirectional overrides and noncharacters are printed as `?`.
enum StandardOutput {
    static func write(_ text: String) throws(CommandFailure) {
        try writeAll(PrintableText.sanitized(text, keepingNewlines: true), to: STDOUT_FILENO, named: "standard output")
    }

    static func line(_ text: String) throws(CommandFailure) { try write(text + "\n") }

    /// Writes every byte, again after an interrupted write(2).
    static func writeAll(_ text: String, to descriptor: Int32, named name: String) throws(CommandFailure) {
        if let code = writeEvery(text, to: descriptor) {
            throw CommandFailure.output("lookaside: cannot write to \(name): \(String(cString: strerror(code)))")
        }
    }

    /// Writes every byte, again after an interrupted write(2); the errno of a write that failed.
    static func writeEvery(_ text: String, to descriptor: Int32) -> Int32? {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            bytes = bytes.dropFirst(written)
        }
        return nil
    }
}

/// Warnings, progress and failures. A failed write here has nowhere left to be reported.
/// (`printError` makes a message printable; the progress bar writes its own escape sequences.)
enum StandardError {
    static func write(_ text: String) { try? StandardOutput.writeAll(text, to: STDERR_FILENO, named: "standard error") }
}
