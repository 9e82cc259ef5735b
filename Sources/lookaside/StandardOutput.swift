import Glibc

/// Everything a command prints goes through here, one write(2) per call, so a failed write (a full
/// disk, a closed file) is the command's failure with its reason, not an exit status 0.
enum StandardOutput {
    static func write(_ text: String) throws(CommandFailure) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("lookaside: cannot write to standard output: \(String(cString: strerror(errno)))")
            }
            bytes = bytes.dropFirst(written)
        }
    }

    static func line(_ text: String) throws(CommandFailure) { try write(text + "\n") }
}
