#if canImport(Glibc)
    import Glibc
#endif
import CKernelHelper

/// The run's private directory: mode 0700 under $TMPDIR (or /tmp), holding the scenario's files
/// and the FIFOs of forked helpers. A janitor process removes it when the tool ends, however it
/// ends (even by SIGKILL); `remove()` does so at once at a normal end.
final class ScratchDirectory {
    let path: String
    /// The write end of the janitor's pipe: closed (by `remove` or by the tool's death), it cleans up.
    private var janitor: Int32 = -1
    private var janitorPID: pid_t = 0

    init() throws(RealKernelError) {
        let base = (getenv("TMPDIR").map { String(cString: $0) }).flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/lookaside-kernel-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else {
            throw .system("cannot make a scratch directory under \(base): \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
        chmod(path, 0o700)
        try startJanitor()
    }

    private func startJanitor() throws(RealKernelError) {
        var ends: [Int32] = [0, 0]
        guard lookaside_pipe(&ends) == 0 else { throw .system("cannot make the janitor's pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, ends[0], 0)
        let arguments: [String] = ["lookaside", "--kernel-janitor", path]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let status = posix_spawn(&janitorPID, "/proc/self/exe", &actions, nil, &argv, environ)
        close(ends[0])
        guard status == 0 else {
            close(ends[1])
            rmdir(path)
            throw .system("cannot start the janitor that removes the scratch directory")
        }
        janitor = ends[1]
    }

    /// A path inside the directory for `name` (never outside it: names are made by the run).
    func file(_ name: String) -> String { "\(path)/\(name)" }

    /// Writes `bytes` to a new file in the directory and drops its pages from the page cache, so the
    /// run starts cold (checked with mincore). Returns the file's path.
    func create(_ name: String, bytes: [UInt8]) throws(RealKernelError) -> String {
        let target = file(name)
        let fd = open(target, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .system("cannot create \(target): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, off_t(written)) }
            guard n > 0 else { throw .system("cannot write \(target): \(String(cString: strerror(errno)))") }
            written += n
        }
        guard lookaside_drop_cache(fd) == 0 else { throw .system("cannot drop \(target) from the page cache") }
        var residency = [UInt8](repeating: 0, count: max(1, bytes.count / 4096))
        if lookaside_file_residency(fd, UInt64(bytes.count), &residency) == 0, residency.contains(where: { $0 & 1 == 1 }) {
            throw .system("\(target) is still in the page cache after posix_fadvise(DONTNEED): the run cannot start cold")
        }
        return target
    }

    /// Removes the directory now and lets the janitor go.
    func remove() {
        guard janitor >= 0 else { return }
        close(janitor)
        janitor = -1
        var status: Int32 = 0
        _ = waitpid(janitorPID, &status, 0)
    }

    deinit { remove() }
}
