/// Where the textbook VMM and Linux part ways, each a setting of its own (docs/semantics.md,
/// "Linux as a model", cites the kernel code each follows). The default is the textbook's
/// behaviour throughout, so a lesson runs as it always has unless it asks for Linux.
public struct KernelBehaviour: Hashable, Sendable {
    /// When a dirty page-cache page reaches the disk.
    public enum Writeback: String, CaseIterable, Sendable {
        /// At close and exit, at sync, and at eviction.
        case textbook
        /// Never at close or exit: at msync, fsync, sync, eviction, or by the writeback daemon once
        /// the page has been dirty for `writebackExpire` steps (mm/page-writeback.c, fs/fs-writeback.c).
        case linux
    }

    /// What fork copies, and how a write to an uncached private file page is taken.
    public enum Fork: String, CaseIterable, Sendable {
        /// Every page table entry is copied (copy-on-write for private pages); a private write to
        /// an uncached file page is two faults, the read and then the copy.
        case textbook
        /// A file mapping with no private copies yet is not copied (the child faults its pages in,
        /// as `vma_needs_copy` in mm/memory.c decides); a private write to an uncached file page
        /// reads and copies in one fault (`do_cow_fault`).
        case linux
    }

    public var writeback: Writeback
    /// Under Linux write-back: steps a page may stay dirty before the writeback daemon writes it
    /// (Linux's dirty_expire_centisecs, 30 s by default, is 30 steps here); nil: no daemon.
    public var writebackExpire: Int?
    /// Clean shared file pages are mapped read-only, so the first write traps and marks the page
    /// dirty; write-back write-protects it again (`vma_wants_writenotify`, `wp_page_shared`, `folio_mkclean`).
    public var writeNotify: Bool
    /// On a read fault of a file page, up to this many already-cached pages of the aligned block
    /// around it are mapped too (`do_fault_around`, fault_around_bytes); 1: off.
    public var faultAround: Int
    /// A file fault that misses the page cache reads a window of this many pages around the page
    /// in one disk read (`do_sync_mmap_readahead`); 1: off.
    public var readahead: Int
    /// A read of an untouched anonymous page maps the one shared zero page; the first write
    /// allocates (`do_anonymous_page`, `my_zero_pfn`).
    public var zeroPage: Bool
    public var fork: Fork

    public init(
        writeback: Writeback = .textbook, writebackExpire: Int? = 30, writeNotify: Bool = false, faultAround: Int = 1, readahead: Int = 1,
        zeroPage: Bool = false, fork: Fork = .textbook
    ) {
        self.writeback = writeback
        self.writebackExpire = writebackExpire
        self.writeNotify = writeNotify
        self.faultAround = faultAround
        self.readahead = readahead
        self.zeroPage = zeroPage
        self.fork = fork
    }

    /// The textbook kernel: every Linux behaviour off.
    public static let textbook = KernelBehaviour()

    /// Linux's defaults: write-back by sync and the daemon (30 steps), write-notify, fault-around of
    /// 16 pages (64 KiB of 4 KiB pages), readahead of 32 (read_ahead_kb 128), the zero page, fork
    /// as Linux does it.
    public static let linux = KernelBehaviour(
        writeback: .linux, writebackExpire: 30, writeNotify: true, faultAround: 16, readahead: 32, zeroPage: true, fork: .linux)
}

/// The kernels a whole configuration can be set to at once (`kernel linux`).
public enum KernelPreset: String, CaseIterable, Sendable {
    case textbook, linux

    /// The TLB's address-space ids per CPU under Linux x86 (TLB_NR_DYN_ASIDS in arch/x86/include/asm/tlbflush.h).
    public static let linuxASIDs = 6

    /// Sets every kernel-dependent part of `configuration`: the behaviours, the shootdown policy
    /// and the TLB's address-space ids.
    public func apply(to configuration: inout MachineConfiguration) {
        switch self {
        case .textbook:
            configuration.kernel = .textbook
            if configuration.shootdown == .linux { configuration.shootdown = .eager }
            configuration.tlb.asids = nil
        case .linux:
            configuration.kernel = .linux
            configuration.shootdown = .linux
            configuration.tlb.asids = Self.linuxASIDs
        }
    }
}

extension MachineConfiguration {
    /// "textbook", "linux", or "custom" for a mixture, as reports and the title line name it.
    public var kernelName: String {
        if kernel == .textbook && shootdown != .linux && tlb.asids == nil { return "textbook" }
        if kernel == .linux && shootdown == .linux && tlb.asids == KernelPreset.linuxASIDs { return "linux" }
        return "custom"
    }
}
