/// Plain-English names for the engine's things, used in event explanations and views.
extension Machine {
    public func name(_ pid: ProcessID) -> String { processes[pid].name }

    public func fileName(_ file: FileID) -> String { files[file].name }

    /// "A's page 0x3" or "page 1 of data.txt": what a frame holds, in words.
    public func describe(_ content: FrameContent) -> String {
        switch content {
        case .free: "nothing"
        case let .filePage(file, page): "page \(page) of \(fileName(file))"
        case let .anonymous(owner, page): "\(name(owner))'s anonymous page \(hex(page))"
        case let .privateCopy(owner, file, page): "\(name(owner))'s private copy of page \(page) of \(fileName(file))"
        case let .sessionCopy(owner, file, page): "\(name(owner))'s own copy of page \(page) of \(fileName(file))"
        case let .pageTable(owner, level, prefix): "\(name(owner))'s level-\(level) page table \(hex(prefix))"
        }
    }

    /// What a frame holds, in a few words for a table cell: "notes.txt p1", "anon A@0x7".
    public func label(_ content: FrameContent) -> String {
        switch content {
        case .free: "free"
        case let .filePage(file, page): "\(fileName(file)) p\(page)"
        case let .anonymous(owner, page): "anon \(name(owner))@\(hex(page))"
        // The file page first, so copies of one page line up under it; the legend tells the two copies apart.
        case let .privateCopy(owner, file, page): "\(fileName(file)) p\(page) (\(name(owner)) private)"
        case let .sessionCopy(owner, file, page): "\(fileName(file)) p\(page) (\(name(owner))'s copy)"
        case let .pageTable(owner, level, prefix): "\(name(owner))'s L\(level) table \(hex(prefix))"
        }
    }

    /// The operation as a scenario script spells it.
    public func describe(_ operation: Operation) -> String {
        switch operation {
        case let .map(file, address, pages, mode):
            "map \(fileName(file)) at \(hex(address))\(pages.map { " pages \($0)" } ?? "") \(mode.rawValue)"
        case let .alloc(address, pages): "alloc \(hex(address)) pages \(pages)"
        case let .read(address): "read \(hex(address))"
        case let .write(address, value): "write \(hex(address)) \(value)"
        case let .sync(file): "sync \(fileName(file))"
        case let .msync(address, pages): "msync \(hex(address))\(pages == 1 ? "" : " pages \(pages)")"
        case let .fsync(file): "fsync \(fileName(file))"
        case .syncAll: "sync"
        case let .close(file): "close \(fileName(file))"
        case let .fork(child): "fork \(name(child))"
        case .exit: "exit"
        }
    }

    /// Splits an address into its virtual page and the word within the page.
    public func split(_ address: VirtualAddress) -> (page: VirtualPageNumber, word: Int) {
        (address / configuration.pageSize, (address % configuration.pageSize) / configuration.wordSize)
    }

    /// "page 0x10" or "pages 0x10–0x12".
    func pageRange(_ first: VirtualPageNumber, _ count: Int) -> String {
        count == 1 ? "page \(hex(first))" : "pages \(hex(first))–\(hex(first + count - 1))"
    }

    func plural(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
}
