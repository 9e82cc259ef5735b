#if canImport(Glibc)
    import Glibc
#endif
import CKernelHelper

/// What /proc says (Documentation/admin-guide/mm/pagemap.rst): each read a pread of 8-byte words.
enum ProcFiles {
    /// One /proc/PID/pagemap entry per virtual page from `first`: present (bit 63), swapped (62),
    /// file-page or shared-anonymous (61), exclusively mapped (56), soft-dirty (55), PFN (0–54;
    /// zero without CAP_SYS_ADMIN). Nil when the file cannot be read (the process is gone).
    static func pagemap(pid: pid_t, first: UInt64, count: Int) -> [UInt64]? {
        words(at: "/proc/\(pid)/pagemap", index: first, count: count)
    }

    /// /proc/kpagecount (how many page tables map the frame) and /proc/kpageflags for one PFN; nil
    /// where they cannot be read (not root).
    static func frame(_ pfn: UInt64) -> (mapCount: Int, flags: UInt64)? {
        guard let count = words(at: "/proc/kpagecount", index: pfn, count: 1)?.first,
            let flags = words(at: "/proc/kpageflags", index: pfn, count: 1)?.first
        else { return nil }
        return (Int(count), flags)
    }

    /// Whether the privileged files can be read: PFNs and frame facts are only visible to root.
    static var privileged: Bool {
        let fd = open("/proc/kpageflags", O_RDONLY | O_CLOEXEC)
        if fd >= 0 { close(fd) }
        return fd >= 0 && geteuid() == 0
    }

    /// Minor and major faults of a process so far (/proc/PID/stat fields 10 and 12).
    static func faults(pid: pid_t) -> (minor: Int, major: Int)? {
        guard let text = read(path: "/proc/\(pid)/stat"), let close = text.lastIndex(of: ")") else { return nil }
        // After the command name, in parentheses: field 3 (state) onward.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 10, let minor = Int(fields[7]), let major = Int(fields[9]) else { return nil }
        return (minor, major)
    }

    /// Each CPU's TLB-shootdown interrupts so far (the TLB line of /proc/interrupts).
    static func tlbShootdowns() -> [Int] {
        guard let text = read(path: "/proc/interrupts"),
            let line = text.split(separator: "\n").first(where: { $0.trimmingPrefix(" ").hasPrefix("TLB:") })
        else { return [] }
        return line.split(separator: " ").dropFirst().compactMap { Int($0) }
    }

    /// The pages of a file in the page cache (mincore), and where cachestat(2) exists, dirty and
    /// under writeback; nil for those where it does not.
    static func cache(of fd: Int32, pages: Int) -> [(cached: Bool, dirty: Bool?, writeback: Bool?)] {
        var residency = [UInt8](repeating: 0, count: max(1, pages))
        let known = lookaside_file_residency(fd, UInt64(pages * 4096), &residency) == 0
        var cached: UInt64 = 0, dirty: UInt64 = 0, writeback: UInt64 = 0
        // Asked once whether the kernel has cachestat; then only cached pages are asked (a page
        // not in the cache is neither dirty nor under writeback).
        let stats = lookaside_cachestat(fd, 0, 4096, &cached, &dirty, &writeback) == 0
        return (0..<pages).map { page in
            let inCache = known && residency[page] & 1 == 1
            guard stats else { return (inCache, nil, nil) }
            guard inCache, lookaside_cachestat(fd, UInt64(page * 4096), 4096, &cached, &dirty, &writeback) == 0 else {
                return (inCache, false, false)
            }
            return (true, dirty > 0, writeback > 0)
        }
    }

    private static func words(at path: String, index: UInt64, count: Int) -> [UInt64]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var values = [UInt64](repeating: 0, count: count)
        let length = count * 8
        let n = values.withUnsafeMutableBytes { pread(fd, $0.baseAddress, length, off_t(Int(bitPattern: UInt(index &* 8)))) }
        return n == length ? values : nil
    }

    private static func read(path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = Glibc.read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            bytes += buffer[..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
