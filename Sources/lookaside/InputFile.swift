import Glibc

/// What a path given on the command line names, found out in one place for scenarios, replays and
/// traces, so each says the same about a missing file, a directory or a special file, and none is
/// read whole before its size is known.
enum InputFile: Equatable {
    case missing
    case directory
    /// A regular file of this many bytes.
    case file(size: Int)
    /// A FIFO, a device (/dev/zero, /dev/null), a socket: named in words.
    case special(String)

    init(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            self = .missing
            return
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: self = .directory
        case S_IFREG: self = .file(size: Int(info.st_size))
        case S_IFIFO: self = .special("a pipe (FIFO)")
        case S_IFCHR: self = .special("a character device")
        case S_IFBLK: self = .special("a block device")
        case S_IFSOCK: self = .special("a socket")
        default: self = .special("not a regular file")
        }
    }

    /// A regular file's bytes, read only when it is at most `limit` bytes; otherwise why not, as
    /// the rest of a message that starts with the path ("is a directory; ...").
    static func read(_ path: String, limit: Int, expected: String) -> Result<[UInt8], ReadFailure> {
        switch InputFile(path) {
        case .missing: return .failure(.missing)
        case .directory: return .failure(.refused("it is a directory; expected \(expected)"))
        case .special(let what): return .failure(.refused("it is \(what), not a file; expected \(expected)"))
        case .file(let size) where size > limit:
            return .failure(.refused("it is \(size) bytes; \(expected) may be at most \(limit) bytes"))
        case .file(let size):
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return .failure(.refused(String(cString: strerror(errno)))) }
            defer { close(descriptor) }
            // Read to the end, but never more than the limit (the file may have grown).
            var bytes = [UInt8](repeating: 0, count: min(size, limit) + 1)
            var filled = 0
            while filled < bytes.count {
                let got = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
                if got < 0, errno == EINTR { continue }
                guard got >= 0 else { return .failure(.refused(String(cString: strerror(errno)))) }
                if got == 0 { break }
                filled += got
            }
            guard filled <= limit else { return .failure(.refused("it grew past \(limit) bytes while being read")) }
            return .success(Array(bytes[..<filled]))
        }
    }

    enum ReadFailure: Error {
        case missing
        case refused(String)
    }
}
