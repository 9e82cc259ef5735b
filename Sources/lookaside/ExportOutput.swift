import ArgumentParser
import FoundationEssentials
import Glibc

/// What the exporting commands share: a screen size given as WIDTHxHEIGHT, and writing the result
/// to a file or standard output.
enum ExportOutput {
    static func screenSize(_ text: String) throws -> (width: Int, height: Int) {
        let parts = text.lowercased().split(separator: "x").map { Int($0) }
        guard parts.count == 2, let width = parts[0], let height = parts[1], (80...500).contains(width), (24...200).contains(height) else {
            throw ValidationError("--size takes WIDTHxHEIGHT from 80x24 to 500x200, not '\(text)'")
        }
        return (width, height)
    }

    /// Writes `text` to `path` (`-` or nil: standard output); `what` names it in an error.
    static func write(_ text: String, to path: String?, what: String) throws {
        guard let path, path != "-" else { return try StandardOutput.write(text) }
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
            throw CommandFailure("\(path): cannot write the \(what): \(String(cString: strerror(errno)))")
        }
    }
}
