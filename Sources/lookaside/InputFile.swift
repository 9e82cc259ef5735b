import Foundation

/// What a path given on the command line names, found out in one place for scenarios, replays and
/// traces, so each says the same thing about a missing file or a directory.
enum InputFile {
    case missing
    case directory
    case file

    init(_ path: String) {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            self = .missing
        } else {
            self = isDirectory.boolValue ? .directory : .file
        }
    }

    /// The file's bytes, or why they cannot be had ("permission denied or I/O error").
    static func contents(_ path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
}
