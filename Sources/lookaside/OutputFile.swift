import Glibc

/// The one way a command writes a file it was asked for (`export -o`, `snapshot -o`, `sim --plot`).
///
/// Nothing the user already has is lost to it:
/// - a path that is the same file as one of the command's inputs is refused before any work;
/// - a regular file with one name is replaced only once the new contents are complete and on
///   disk (a temporary file beside it, renamed over it), keeping its mode and owner; through a
///   symbolic link, the file it names is the one replaced and the link stays;
/// - a file with other hard links, a FIFO or a character device (`/dev/null`, a terminal) is
///   written in place, never replaced, so every name sees the new contents and device nodes stay
///   devices; a block device, a socket or a directory is refused;
/// - `-` (or no path) is standard output; every write, the flush and the close are checked.
///
/// Text is written as it comes (`write`), so an export need never hold its whole output.
final class OutputFile {
    /// The path as given, for messages ("standard output" for `-`).
    let name: String
    /// What is written, in an error ("cast", "snapshot", "plot").
    let what: String
    private var descriptor: Int32
    /// How the output becomes whole at `commit`.
    private let completion: Completion
    private var done = false

    private enum Completion {
        case standardOutput
        case inPlace
        /// Written to `temporary`, then renamed to `target` with the mode and owner kept.
        case replace(temporary: String, target: String, mode: mode_t, owner: uid_t, group: gid_t)
    }

    /// Opens the output, or says why it may not be written. `inputs` are the paths the command
    /// reads (`-` and paths that name no file are passed over).
    init(_ path: String?, what: String, inputs: [String]) throws(CommandFailure) {
        self.what = what
        guard let path, path != "-" else {
            name = "standard output"
            descriptor = STDOUT_FILENO
            completion = .standardOutput
            return
        }
        name = path
        guard !path.isEmpty else {
            throw CommandFailure.output("the output's file name is empty; give a file name, or - for standard output")
        }
        // Past a file-size limit a write must fail (EFBIG, reported) rather than kill the program.
        signal(SIGXFSZ, SIG_IGN)
        let shown = path.printable
        var target = stat()
        let exists = stat(path, &target) == 0
        if exists {
            for input in inputs where input != "-" {
                var read = stat()
                guard stat(input, &read) == 0, read.st_dev == target.st_dev, read.st_ino == target.st_ino else { continue }
                let which = input == path ? "the file being read" : "the same file as \(input.printable), which is being read"
                throw CommandFailure.output("\(shown): this is \(which); write the \(what) to another file")
            }
        }
        switch exists ? target.st_mode & S_IFMT : S_IFREG {
        case S_IFDIR: throw CommandFailure.output("\(shown): is a directory; give a file name for the \(what)")
        case S_IFBLK:
            throw CommandFailure.output("\(shown): is a block device; the \(what) is written only to a file or a character device")
        case S_IFSOCK:
            throw CommandFailure.output("\(shown): is a socket; the \(what) is written only to a file, a pipe or a character device")
        case S_IFREG where !exists || target.st_nlink == 1:
            // Through a symbolic link, the file it names is replaced; a link to nothing yet
            // creates that file, as a shell's `>` would.
            let real = exists ? Self.resolved(path) ?? path : path
            var template = Array((Self.directory(of: real) + "/." + Self.base(of: real) + ".lookaside-XXXXXX").utf8CString)
            let made = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard made >= 0 else { throw CommandFailure.output("\(shown): cannot write the \(what): \(Self.reason(errno))") }
            _ = fcntl(made, F_SETFD, FD_CLOEXEC)
            descriptor = made
            let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
            if exists {
                completion = .replace(
                    temporary: temporary, target: real, mode: target.st_mode & 0o7777, owner: target.st_uid, group: target.st_gid)
            } else {
                // mkstemp makes 0600; a new file gets what any new file would: 0666 less the umask.
                let mask = umask(0o022)
                umask(mask)
                completion = .replace(temporary: temporary, target: real, mode: 0o666 & ~mask, owner: getuid(), group: getgid())
            }
        default:
            // O_TRUNC is ignored by FIFOs and devices; a file with other links is emptied and
            // rewritten, so each of its names sees the new contents.
            let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0o666)
            guard opened >= 0 else { throw CommandFailure.output("\(shown): cannot write the \(what): \(Self.reason(errno))") }
            descriptor = opened
            completion = .inPlace
        }
    }

    deinit { abandon() }

    /// Appends text; a failure abandons the output (a replacement leaves the old file as it was).
    func write(_ text: String) throws(CommandFailure) {
        if let code = StandardOutput.writeEvery(text, to: descriptor) { throw failure(code) }
    }

    /// Makes the output whole: on disk and, for a replacement, renamed into place.
    func commit() throws(CommandFailure) {
        guard !done else { return }
        switch completion {
        case .standardOutput:
            done = true
        case .inPlace:
            done = true
            let closed = close(descriptor)
            descriptor = -1
            guard closed == 0 || errno == EINTR else { throw failure(errno, abandoning: false) }
        case let .replace(temporary, target, mode, owner, group):
            // The owner first: changing it clears set-id bits, which the mode then restores.
            if getuid() == 0 { _ = fchown(descriptor, owner, group) }
            guard fchmod(descriptor, mode) == 0 else { throw failure(errno) }
            guard fsync(descriptor) == 0 else { throw failure(errno) }
            let closed = close(descriptor)
            descriptor = -1
            guard closed == 0 else { throw failure(errno) }
            guard rename(temporary, target) == 0 else { throw failure(errno) }
            done = true
        }
    }

    /// Gives the output up: a replacement's temporary file is removed and the old file stays.
    private func abandon() {
        guard !done else { return }
        done = true
        if descriptor >= 0, descriptor != STDOUT_FILENO { close(descriptor) }
        descriptor = -1
        if case .replace(let temporary, _, _, _, _) = completion { unlink(temporary) }
    }

    private func failure(_ code: Int32, abandoning: Bool = true) -> CommandFailure {
        if abandoning { abandon() }
        return CommandFailure.output("\(name.printable): cannot write the \(what): \(Self.reason(code))")
    }

    /// The file a symbolic link finally names, when it exists.
    private static func resolved(_ path: String) -> String? {
        guard let real = realpath(path, nil) else { return nil }
        defer { free(real) }
        return String(cString: real)
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func base(of path: String) -> String {
        path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path
    }

    private static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
