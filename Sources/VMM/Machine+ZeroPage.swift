/// The shared zero page (zero-page on): Linux maps a read of untouched anonymous memory to one
/// read-only page of zeros that every process shares and no frame holds (`do_anonymous_page`
/// and `my_zero_pfn` in mm/memory.c); the first write takes a fault that gives the page a frame
/// of its own (`wp_page_copy`). The zero page is not memory the machine counts: its entries name
/// no frame, and no TLB entry is kept for it here (each read of it walks), a simplification.
extension Machine {
    /// A read fault on untouched anonymous memory: the page maps the zero page.
    mutating func mapZeroPage(_ pid: ProcessID, page: VirtualPageNumber) -> Bool {
        count(\.minorFaults, pid)
        emit(
            Event(
                .minorFault, process: pid, page: page,
                "Minor page fault: \(name(pid))'s anonymous page \(hex(page)) was never written, so the kernel maps the shared zero page, read-only: no frame is used until the first write."
            ))
        attachZeroPage(pid, page: page)
        emit(
            Event(
                .map, process: pid, page: page,
                "\(name(pid))'s page \(hex(page)) now maps the zero page (shared by every such page, no frame)."))
        return true
    }

    /// Points an entry at the zero page: present, read-only, copy-on-write, no frame.
    mutating func attachZeroPage(_ pid: ProcessID, page: VirtualPageNumber) {
        var entry = processes[pid].pageTable[page] ?? PageTableEntry()
        entry.present = true
        entry.frame = nil
        entry.zeroPage = true
        entry.writable = false
        entry.dirty = false
        entry.sharing = .copyOnWrite
        processes[pid].pageTable[page] = entry
        if configuration.invertedPageTable {
            hashChains[configuration.hashBucket(process: pid, page: page)].insert(ReverseMapEntry(process: pid, page: page), at: 0)
        }
    }

    /// A read through a zero-page entry: 0, from no frame.
    mutating func readZeroPage(_ pid: ProcessID, address: VirtualAddress) {
        let (page, word) = split(address)
        processes[pid].pageTable[page]!.referenced = true
        emit(
            Event(
                .read, process: pid, page: page, word: word, value: 0,
                "\(name(pid)) reads \(hex(address)) (page \(hex(page)), word \(word)) = 0 from the zero page."))
    }

    /// The first write to a page that maps the zero page: a fault that gives it a zero-filled
    /// frame of its own, writable (counted as the minor fault Linux counts).
    mutating func replaceZeroPage(_ pid: ProcessID, page: VirtualPageNumber) {
        unhash(pid, page: page)
        processes[pid].pageTable[page]!.present = false
        processes[pid].pageTable[page]!.zeroPage = false
        _ = zeroFill(
            pid, page: page,
            why:
                "Minor page fault: \(name(pid)) writes its page \(hex(page)), which maps the shared zero page read-only; the kernel gives it a zero-filled frame of its own (the allocation the read put off)."
        )
    }
}
