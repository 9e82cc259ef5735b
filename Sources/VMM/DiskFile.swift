/// One version of a file's contents (versioned sharing keeps them all).
public struct FileVersion: Hashable, Sendable {
    public var number: Int
    /// Who closed the file to create it; nil for the initial contents.
    public var author: ProcessID?
    public var pages: [[Int]]
    /// Words kept from the latest version because the author's change conflicted.
    public var conflicts: Int
    /// For a version made by a merge: each page merged, with its three inputs.
    public var merges: [PageMerge] = []
}

/// One page of a three-way merge (versioned sharing): what the writer copied, what it made of
/// it, what the latest version held, and the result.
public struct PageMerge: Hashable, Sendable {
    public var page: Int
    /// The version the writer copied, and the page as it was then.
    public var baseVersion: Int
    public var base: [Int]
    /// The writer's copy, and which of its words the writer changed.
    public var mine: [Int]
    public var changed: [Bool]
    /// The latest version when the writer closed (the other side), and its number.
    public var theirsVersion: Int
    public var theirs: [Int]
    public var result: [Int]
    /// Words both sides changed differently: the latest version's value was kept.
    public var conflicts: [Int]
}

/// A file on disk: its pages, the page cache's view of them, and its locks.
public struct DiskFile: Hashable, Sendable {
    public let id: FileID
    public let name: String
    /// The contents on disk (under versioned sharing, the latest version).
    public internal(set) var pages: [[Int]]
    /// The page cache: file page -> frame, for pages that are in memory.
    public internal(set) var pageCache: [Int: FrameNumber] = [:]
    /// Exclusive per-page write locks: file page -> holder.
    public internal(set) var writeLocks: [Int: ProcessID] = [:]
    /// Who last changed each word of each page (nil: nobody since the start), for explanations.
    public internal(set) var lastWriters: [[ProcessID?]]
    /// The tick at which each word was last changed on the file.
    public internal(set) var changedAt: [[Int]]
    public internal(set) var versions: [FileVersion]

    public init(id: FileID, name: String, pages: [[Int]]) {
        self.id = id
        self.name = name
        self.pages = pages
        lastWriters = pages.map { Array(repeating: nil, count: $0.count) }
        changedAt = pages.map { Array(repeating: 0, count: $0.count) }
        versions = [FileVersion(number: 1, author: nil, pages: pages, conflicts: 0)]
    }

    public var currentVersion: Int { versions.count }

    /// Grows the file with zero pages so that page `count - 1` exists.
    mutating func extend(toPages count: Int, wordsPerPage: Int) {
        while pages.count < count {
            pages.append(Array(repeating: 0, count: wordsPerPage))
            lastWriters.append(Array(repeating: nil, count: wordsPerPage))
            changedAt.append(Array(repeating: 0, count: wordsPerPage))
        }
    }
}
