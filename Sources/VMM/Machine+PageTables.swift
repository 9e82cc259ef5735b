/// Multi-level page tables: the tables are pages too. They are created when a fault first needs
/// them, occupy frames (which are never evicted) until their process ends, and each walk reads
/// one entry per level.
extension Machine {
    /// The tables a walk to `page` passes through, root first, and the entry it reads in each.
    public func tablePath(_ page: VirtualPageNumber) -> [(key: TableKey, entry: Int)] {
        var below = configuration.pageTableLevels.reduce(0, +)
        return configuration.pageTableLevels.enumerated().map { level, bits in
            below -= bits
            return (TableKey(level: level + 1, prefix: page >> (below + bits)), (page >> below) & ((1 << bits) - 1))
        }
    }

    /// The virtual pages one table covers.
    public func pagesCovered(by key: TableKey) -> Range<VirtualPageNumber> {
        let span = configuration.pageTableLevels.dropFirst(key.level - 1).reduce(0, +)
        return (key.prefix << span)..<((key.prefix + 1) << span)
    }

    /// Creates every missing table on the way to `page`; false when memory ran out (the process is killed).
    mutating func ensureTables(_ pid: ProcessID, page: VirtualPageNumber) -> Bool {
        guard !configuration.pageTableLevels.isEmpty else { return true }
        for (key, _) in tablePath(page) where processes[pid].tablePages[key] == nil {
            guard let frame = obtainFrame(for: pid, pinned: []) else { return outOfMemory(pid) }
            load(frame, with: .pageTable(owner: pid, level: key.level, prefix: key.prefix), words: nil, dirty: false, owner: pid)
            processes[pid].tablePages[key] = frame
            count(\.pageTablePages, pid)
            let covered = pagesCovered(by: key)
            let role =
                key.level == 1
                ? "root page table" : "level-\(key.level) page table for pages \(hex(covered.lowerBound))–\(hex(covered.upperBound - 1))"
            emit(
                Event(
                    .pageTableCreated, process: pid, page: page, frame: frame,
                    "\(name(pid))'s \(role) is created in frame \(frame): page tables live in memory too, and this one stays until \(name(pid)) ends."
                ))
        }
        return true
    }

    /// Frees a process's page-table pages (it has ended).
    mutating func freeTables(_ pid: ProcessID) {
        for frame in processes[pid].tablePages.values { freeFrame(frame) }
        processes[pid].tablePages = [:]
    }

    /// "level 1 (frame 4) entry 0x1 → level 2 (frame 6) entry 0x3", or where the walk stops.
    func multiLevelWalk(_ pid: ProcessID, _ page: VirtualPageNumber) -> String {
        var steps: [String] = []
        for (key, entry) in tablePath(page) {
            guard let frame = processes[pid].tablePages[key] else {
                steps.append("level \(key.level) table missing")
                break
            }
            steps.append("level \(key.level) (frame \(frame)) entry \(hex(entry))")
        }
        return steps.joined(separator: " → ")
    }
}
