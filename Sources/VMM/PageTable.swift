/// Whether a page table entry points at a copy others see too.
public enum PageSharing: String, Hashable, Sendable {
    /// The page-cache copy (or memory inherited over fork of a shared mapping) seen by every mapper.
    case shared
    /// A copy only this process maps.
    case `private`
    /// Shared read-only until the first write makes a private copy.
    case copyOnWrite = "cow"
}

public struct PageTableEntry: Hashable, Sendable {
    public var present = false
    public var frame: FrameNumber?
    /// Where the page lives while it is not present, if it was swapped out.
    public var swapSlot: SwapSlotNumber?
    public var dirty = false
    public var referenced = false
    public var writable = false
    public var sharing = PageSharing.private
    /// Present, mapping the one shared zero page read-only (zero-page on): no frame of its own.
    public var zeroPage = false

    public init() {}
}

/// What a region of a process's address space is backed by.
public enum MappingKind: Hashable, Sendable {
    case anonymous
    case file(FileID, MappingMode)

    public var file: FileID? {
        if case .file(let file, _) = self { return file }
        return nil
    }

    /// A MAP_PRIVATE file mapping (copy on write).
    public var isPrivateFile: Bool {
        if case .file(_, .private) = self { return true }
        return false
    }
}

/// A region of virtual pages, as in /proc/PID/maps.
public struct Mapping: Hashable, Sendable {
    public var kind: MappingKind
    public var firstPage: VirtualPageNumber
    public var pageCount: Int
    /// When the file was opened (the machine's tick), for open-order write-back.
    public var openedAt: Int
    /// A seeded random rank drawn at open, for random-order write-back.
    public var closeRank: UInt64

    public func contains(_ page: VirtualPageNumber) -> Bool {
        page >= firstPage && page < firstPage + pageCount
    }

    /// The page of the file a virtual page shows.
    public func filePage(of page: VirtualPageNumber) -> Int { page - firstPage }

    public var pages: Range<VirtualPageNumber> { firstPage..<(firstPage + pageCount) }
}

/// A private copy of a file page taken for writing under a session-copy sharing policy.
/// The frame (or swap slot) holds the words; this remembers what they were and which changed.
public struct SessionCopy: Hashable, Sendable {
    /// The file page's words when the copy was taken (or last written back).
    public var snapshot: [Int]
    /// Which words this process changed since then; only those are written back.
    public var changed: [Bool]
    /// The machine tick at which the snapshot was taken.
    public var takenAt: Int
    /// The file version the snapshot came from (versioned sharing).
    public var baseVersion: Int

    public var hasChanges: Bool { changed.contains(true) }
}
