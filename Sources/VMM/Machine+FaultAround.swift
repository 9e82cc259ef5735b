/// Linux's file faults beyond the one page: readahead on a miss, fault-around on a read, and
/// the write-protect fault of write-notify (docs/semantics.md, "Linux as a model").
extension Machine {
    /// Readahead of a page-cache miss (`do_sync_mmap_readahead` in mm/filemap.c): the window of
    /// `readahead` pages centred on the faulting page, clipped to the file, is read in the same
    /// disk read. Linux grows the window for sequential faults and reads part of it
    /// asynchronously; here it is fixed. Only free frames are taken (readahead never evicts, where
    /// Linux might reclaim), and under local allocation only within the process's allotment.
    /// The pages read, with their frames.
    mutating func readAround(_ file: FileID, page filePage: Int, for pid: ProcessID) -> [(page: Int, frame: FrameNumber)] {
        let window = configuration.kernel.readahead
        guard window > 1 else { return [] }
        let start = max(0, filePage - window / 2)
        let end = min(start + window, files[file].pages.count)
        var read: [(page: Int, frame: FrameNumber)] = []
        for neighbour in start..<end where neighbour != filePage && files[file].pageCache[neighbour] == nil {
            if !framesOwned.isEmpty, framesOwned[pid].count >= allotments[pid] { break }
            guard let frame = freeFrames.lowest else { break }
            load(frame, with: .filePage(file: file, page: neighbour), words: files[file].pages[neighbour], dirty: false, owner: pid)
            files[file].pageCache[neighbour] = frame
            read.append((neighbour, frame))
        }
        return read
    }

    /// Fault-around (`do_fault_around` and `filemap_map_pages` in mm/filemap.c): after a read fault
    /// of a file page, the other pages of the aligned block of `faultAround` pages around it, within
    /// the mapping and one page table, that are already in the page cache are mapped too, as a read
    /// would map them, so touching them takes no fault. (Linux maps the block before reading the
    /// page and again on the fault's retry after the disk read, which is when readahead's pages are
    /// there: the same pages as here.) No TLB entry is filled and no page is referenced.
    mutating func faultAround(_ pid: ProcessID, page: VirtualPageNumber, mapping: Mapping) {
        let block = configuration.kernel.faultAround
        guard block > 1, case .file(let file, let mode) = mapping.kind else { return }
        // One page table of 512 entries at most, as x86's PTE page: fault-around never crosses it.
        let table = page - page % 512
        let start = max(page - page % block, mapping.firstPage, table)
        let end = min(start + block, mapping.firstPage + mapping.pageCount, table + 512)
        var mapped: [(page: VirtualPageNumber, frame: FrameNumber)] = []
        for neighbour in start..<end where neighbour != page {
            let existing = processes[pid].pageTable[neighbour]
            guard existing?.present != true, existing?.swapSlot == nil, tablesExist(pid, page: neighbour) else { continue }
            let filePage = mapping.filePage(of: neighbour)
            guard filePage < files[file].pages.count, let frame = files[file].pageCache[filePage] else { continue }
            var entry = existing ?? PageTableEntry()
            setPermissions(&entry, mode: mode, file: file, filePage: filePage, pid: pid, writing: false)
            processes[pid].pageTable[neighbour] = entry
            attach(pid, page: neighbour, to: frame)
            mapped.append((neighbour, frame))
        }
        guard !mapped.isEmpty else { return }
        let list = mapped.map { "page \(hex($0.page)) → frame \($0.frame)" }.joined(separator: ", ")
        emit(
            Event(
                .map, process: pid, page: mapped[0].page, frame: mapped[0].frame, file: file,
                "Fault-around: \(plural(mapped.count, "neighbouring page")) of \(fileName(file)) already in the page cache \(mapped.count == 1 ? "is" : "are") mapped into \(name(pid)) too (\(list)), so touching \(mapped.count == 1 ? "it" : "them") takes no fault."
            ))
    }

    /// Whether every page table on the way to `page` exists, so mapping it allocates nothing.
    func tablesExist(_ pid: ProcessID, page: VirtualPageNumber) -> Bool {
        configuration.pageTableLevels.isEmpty || tablePath(page).allSatisfy { processes[pid].tablePages[$0.key] != nil }
    }

    /// Why a write to a read-only page trapped: under write-notify a clean shared file page is
    /// read-only on purpose, so the kernel sees the first write and marks the page dirty.
    func protectionFaultSentence(_ pid: ProcessID, page: VirtualPageNumber, entry: PageTableEntry) -> String {
        let who = name(pid)
        guard configuration.kernel.writeNotify, entry.sharing == .shared, configuration.sharing == .sharedCopy,
            let frame = entry.frame
        else {
            return "Protection fault: \(who)'s page \(hex(page)) is read-only in its page table, so the write traps to the kernel."
        }
        let state =
            frames[frame].dirty
            ? "the page is dirty already, so the kernel only makes the entry writable"
            : "the kernel marks the page dirty (it must be written back now) and makes the entry writable"
        return
            "Write-protect fault (write-notify): \(who)'s page \(hex(page)) is a shared mapping, writable, but mapped read-only so the kernel sees the first write to a clean page (dirty tracking); \(state)."
    }
}
