/// Closing, syncing and the file-sharing policies: what reaches the file, when, and what is lost.
extension Machine {
    mutating func close(_ pid: ProcessID, file: FileID) -> Outcome {
        let who = name(pid)
        guard let index = processes[pid].mappingIndex(ofFile: file), case .file(_, let mode) = processes[pid].mappings[index].kind else {
            emit(Event(.close, process: pid, file: file, "\(who) has no open mapping of \(fileName(file)); nothing to close."))
            return .completed
        }
        let mapping = processes[pid].mappings[index]
        let left = mode == .shared && !configuration.sharing.usesSessionCopies ? dirtyPagesLeft(pid, mapping: mapping) : ""
        if mode == .shared {
            switch configuration.sharing {
            case .sharedCopy, .exclusiveLock:
                if configuration.kernel.writeback == .textbook {
                    writeBackDirtyPages(pid, mapping: mapping, file: file, reason: "\(who) closes \(fileName(file))")
                }
            case .privateCopies(let order):
                if order != .close, hasChanges(pid, file: file), let earlier = earlierOpener(than: pid, file: file, order: order) {
                    processes[pid].state = .blocked(.orderedClose(file: file, until: earlier))
                    let rule = order == .open ? "opened \(fileName(file)) earlier" : "drew an earlier place in the seeded random order"
                    count(\.closeWaits, pid)
                    emit(
                        Event(
                            .closeWait, process: pid, otherProcess: earlier, file: file,
                            "\(who) must wait to close \(fileName(file)): private copies are written back in \(order.rawValue) order and \(name(earlier)) \(rule) but has not closed yet."
                        ))
                    return .blocked
                }
                writeBackSessionCopies(pid, file: file, only: nil, reason: "\(who) closes \(fileName(file))")
            case .versioned:
                mergeVersion(pid, file: file, only: nil, reason: "\(who) closes \(fileName(file))")
            }
        } else if processes[pid].mappings[index].pages.contains(where: { processes[pid].pageTable[$0]?.sharing == .private }) {
            emit(
                Event(
                    .close, process: pid, file: file,
                    "\(who)'s private copies of \(fileName(file)) are discarded: a private mapping never writes back."))
        }
        unmap(pid, mapping)
        processes[pid].mappings.remove(at: index)
        fileUsersChanged(file)
        for key in processes[pid].sessionCopies.keys where key.file == file { processes[pid].sessionCopies[key] = nil }
        emit(Event(.close, process: pid, file: file, "\(who) closes \(fileName(file)) and unmaps it\(left)."))
        releaseLocks(pid, file: file)
        wakeWaiters(onFile: file, because: "\(who) closed \(fileName(file))")
        return .completed
    }

    mutating func sync(_ pid: ProcessID, file: FileID) -> Outcome {
        let who = name(pid)
        guard let index = processes[pid].mappingIndex(ofFile: file), case .file(_, let mode) = processes[pid].mappings[index].kind else {
            emit(Event(.sync, process: pid, file: file, "\(who) has no open mapping of \(fileName(file)); sync does nothing."))
            return .completed
        }
        guard mode == .shared else {
            emit(
                Event(
                    .sync, process: pid, file: file,
                    "\(who)'s mapping of \(fileName(file)) is private: sync never writes its copies to the file."))
            return .completed
        }
        emit(Event(.sync, process: pid, file: file, "\(who) syncs \(fileName(file)): its changes are written to the file now."))
        switch configuration.sharing {
        case .sharedCopy, .exclusiveLock:
            writeBackDirtyPages(pid, mapping: processes[pid].mappings[index], file: file, reason: "\(who) syncs \(fileName(file))")
        case .privateCopies:
            writeBackSessionCopies(pid, file: file, only: nil, reason: "\(who) syncs \(fileName(file))")
        case .versioned:
            mergeVersion(pid, file: file, only: nil, reason: "\(who) syncs \(fileName(file))")
        }
        return .completed
    }

    func hasChanges(_ pid: ProcessID, file: FileID) -> Bool {
        processes[pid].sessionCopies.contains { $0.key.file == file && $0.value.hasChanges }
    }

    /// Another process that still has the file open and comes before `pid` in the write-back order.
    /// Under an ordered private-copy policy (opening order, seeded random order): the processes
    /// with `file` open, in the order their copies will be written back, with each one's random
    /// draw (random order only). Nil under other policies.
    public func writeBackOrder(of file: FileID) -> [(process: ProcessID, draw: UInt64?)]? {
        guard case .privateCopies(let order) = configuration.sharing, order != .close else { return nil }
        let openers = processes.compactMap { process -> (ProcessID, Mapping)? in
            guard !process.state.isDone, let mapping = process.mappings.first(where: { $0.kind == .file(file, .shared) }) else {
                return nil
            }
            return (process.id, mapping)
        }
        return openers.sorted { a, b in
            order == .open
                ? (UInt64(a.1.openedAt), UInt64(a.0)) < (UInt64(b.1.openedAt), UInt64(b.0))
                : (a.1.closeRank, UInt64(a.0)) < (b.1.closeRank, UInt64(b.0))
        }.map { ($0.0, order == .random ? $0.1.closeRank : nil) }
    }

    func earlierOpener(than pid: ProcessID, file: FileID, order: CloseOrder) -> ProcessID? {
        guard let mine = processes[pid].mappings.first(where: { $0.kind == .file(file, .shared) }) else { return nil }
        let key = { (mapping: Mapping, process: ProcessID) in
            order == .open ? (UInt64(mapping.openedAt), UInt64(process)) : (mapping.closeRank, UInt64(process))
        }
        return processes.filter { other in
            guard other.id != pid, !other.state.isDone, let theirs = other.mappings.first(where: { $0.kind == .file(file, .shared) }) else {
                return false
            }
            return key(theirs, other.id) < key(mine, pid)
        }.min {
            key($0.mappings.first { $0.kind == .file(file, .shared) }!, $0.id)
                < key($1.mappings.first { $0.kind == .file(file, .shared) }!, $1.id)
        }?.id
    }

    mutating func releaseLocks(_ pid: ProcessID, file: FileID) {
        let held = files[file].writeLocks.filter { $0.value == pid }.keys.sorted()
        for page in held {
            files[file].writeLocks[page] = nil
            emit(
                Event(
                    .lockReleased, process: pid, file: file, filePage: page,
                    "\(name(pid)) releases the write lock on page \(page) of \(fileName(file))."))
        }
    }

    /// Write-back of the page cache: every dirty page of the file that `pid` maps goes to disk.
    mutating func writeBackDirtyPages(_ pid: ProcessID, mapping: Mapping, file: FileID, reason: String) {
        for page in mapping.pages {
            guard let frame = processes[pid].pageTable[page]?.frame, frames[frame].dirty,
                case .filePage(_, let filePage) = frames[frame].content
            else { continue }
            writeBack(
                frame: frame, file: file, filePage: filePage, by: pid,
                "Write-back: \(reason), so dirty page \(filePage) (frame \(frame)) is written to disk.")
        }
    }

    /// A dirty page-cache frame written to disk, with its `write-back` event (`sentence`), and then,
    /// under write-notify, write-protected again. `counted`: the process the write is counted
    /// against, when the event names none (the writeback daemon's).
    mutating func writeBack(
        frame: FrameNumber, file: FileID, filePage: Int, by pid: ProcessID?, counted: ProcessID? = nil, _ sentence: String
    ) {
        writeToDisk(frame: frame, file: file, filePage: filePage, by: pid ?? counted)
        emit(Event(.writeBack, process: pid, frame: frame, file: file, filePage: filePage, sentence))
        writeProtectCleaned(frame)
    }

    /// Copies a dirty page-cache frame to disk and marks it clean everywhere.
    mutating func writeToDisk(frame: FrameNumber, file: FileID, filePage: Int, by pid: ProcessID?) {
        files[file].pages[filePage] = frames[frame].words
        frames[frame].dirty = false
        reorder(frame)
        for mapper in frames[frame].mappers {
            processes[mapper.process].pageTable[mapper.page]!.dirty = false
            for id in cpus.indices {
                if let slot = cpus[id].tlb.lookup(asid: mapper.process, page: mapper.page) { cpus[id].tlb.slots[slot]!.dirty = false }
            }
        }
        count(\.writeBacks, pid)
        count(\.diskWrites, pid)
    }

    /// The words of a session copy wherever they are now: in a frame or in a swap slot.
    func sessionWords(_ pid: ProcessID, key: FilePageKey) -> [Int]? {
        guard let mapping = processes[pid].mappings.first(where: { $0.kind.file == key.file }),
            let entry = processes[pid].pageTable[mapping.firstPage + key.page]
        else { return nil }
        if entry.present, let frame = entry.frame { return frames[frame].words }
        if let slot = entry.swapSlot { return swap[slot]?.words }
        return nil
    }

    /// Session copies written back: each changed word overwrites the file's word, in the order this runs.
    /// A word someone else changed since our snapshot is overwritten: that is a lost update, and it is said.
    mutating func writeBackSessionCopies(_ pid: ProcessID, file: FileID, only page: Int?, reason: String) {
        let who = name(pid)
        for key in processes[pid].sessionCopies.keys.sorted() where key.file == file && (page == nil || key.page == page) {
            let session = processes[pid].sessionCopies[key]!
            guard session.hasChanges, let words = sessionWords(pid, key: key) else { continue }
            var written: [Int] = []
            for word in words.indices where session.changed[word] {
                let current = files[file].pages[key.page][word]
                let mine = words[word]
                if current != mine, files[file].changedAt[key.page][word] > session.takenAt,
                    let other = files[file].lastWriters[key.page][word], other != pid
                {
                    // The overwrite happens first, so the file shown with this event holds the survivor.
                    setFileWord(file: file, page: key.page, word: word, to: mine, by: pid)
                    count(\.lostUpdates, pid)
                    emit(
                        Event(
                            .lostUpdate, process: pid, otherProcess: other, file: file, filePage: key.page, word: word, value: mine,
                            "Lost update: \(who) writes back word \(word) of page \(key.page) of \(fileName(file)) as \(mine), overwriting the \(current) that \(name(other)) wrote back after \(who) took its copy; \(name(other))'s update is lost."
                        ))
                } else {
                    setFileWord(file: file, page: key.page, word: word, to: mine, by: pid)
                }
                written.append(word)
            }
            count(\.writeBacks, pid)
            count(\.diskWrites, pid)
            emit(
                Event(
                    .writeBack, process: pid, file: file, filePage: key.page,
                    "Write-back: \(reason), so \(who)'s changed \(written.count == 1 ? "word" : "words") \(written.map(String.init).joined(separator: ", ")) of page \(key.page) \(written.count == 1 ? "goes" : "go") to \(fileName(file)); words \(who) did not change are left as they are."
                ))
            processes[pid].sessionCopies[key] = SessionCopy(
                snapshot: files[file].pages[key.page], changed: Array(repeating: false, count: words.count),
                takenAt: tick, baseVersion: files[file].currentVersion)
        }
    }

    /// Sets one word of a file on disk and in its page-cache frame, which stays clean.
    mutating func setFileWord(file: FileID, page: Int, word: Int, to value: Int, by pid: ProcessID) {
        files[file].pages[page][word] = value
        files[file].lastWriters[page][word] = pid
        files[file].changedAt[page][word] = tick
        if let frame = files[file].pageCache[page] { frames[frame].words[word] = value }
    }

    /// Versioned sharing: the writer's changes are merged three-way (its snapshot, its copy,
    /// the latest version) into a new version; words both sides changed differently conflict
    /// and keep the latest version's value.
    mutating func mergeVersion(_ pid: ProcessID, file: FileID, only page: Int?, reason: String) {
        let who = name(pid)
        let keys = processes[pid].sessionCopies.keys.sorted().filter {
            $0.file == file && (page == nil || $0.page == page) && processes[pid].sessionCopies[$0]!.hasChanges
        }
        guard !keys.isEmpty else { return }
        let base = files[file].currentVersion
        var merged = 0, conflicts = 0
        var record: [PageMerge] = []
        for key in keys {
            let session = processes[pid].sessionCopies[key]!
            guard let words = sessionWords(pid, key: key) else { continue }
            let theirs = files[file].pages[key.page]
            var conflicted: [Int] = []
            for word in words.indices where session.changed[word] {
                let (original, latest, mine) = (session.snapshot[word], files[file].pages[key.page][word], words[word])
                if latest == original || latest == mine {
                    setFileWord(file: file, page: key.page, word: word, to: mine, by: pid)
                    merged += 1
                } else {
                    conflicts += 1
                    conflicted.append(word)
                    count(\.mergeConflicts, pid)
                    let other = files[file].lastWriters[key.page][word]
                    emit(
                        Event(
                            .mergeConflict, process: pid, otherProcess: other, file: file, filePage: key.page, word: word, value: mine,
                            "Merge conflict: word \(word) of page \(key.page) of \(fileName(file)) was \(original) when \(who) copied it; \(who) made it \(mine) but \(other.map(name) ?? "another writer") made it \(latest) in version \(base). The merge keeps \(latest) and reports the conflict."
                        ))
                }
            }
            record.append(
                PageMerge(
                    page: key.page, baseVersion: session.baseVersion, base: session.snapshot, mine: words, changed: session.changed,
                    theirsVersion: base, theirs: theirs, result: files[file].pages[key.page], conflicts: conflicted))
            count(\.diskWrites, pid)
            processes[pid].sessionCopies[key] = SessionCopy(
                snapshot: files[file].pages[key.page], changed: Array(repeating: false, count: words.count),
                takenAt: tick, baseVersion: base + 1)
        }
        files[file].versions.append(
            FileVersion(number: base + 1, author: pid, pages: files[file].pages, conflicts: conflicts, merges: record))
        count(\.writeBacks, pid)
        emit(
            Event(
                .versionCreated, process: pid, file: file, value: base + 1,
                "New version: \(reason); compare-and-merge of \(who)'s copy with version \(base) gives version \(base + 1) of \(fileName(file)) (\(plural(merged, "word")) merged, \(plural(conflicts, "conflict")))."
            ))
    }

    /// Flush-before-read: before `reader` reads a file page, other processes' dirty copies of it are written.
    mutating func forceOtherWriters(before reader: ProcessID, reads file: FileID, page filePage: Int, frame: FrameNumber) {
        let key = FilePageKey(file: file, page: filePage)
        if configuration.sharing.usesSessionCopies {
            guard case .filePage = frames[frame].content else { return }
            for writer in processes.indices where writer != reader && processes[writer].sessionCopies[key]?.hasChanges == true {
                emit(
                    Event(
                        .forcedWrite, process: writer, otherProcess: reader, file: file, filePage: filePage,
                        "Flush before read: \(name(reader)) is about to read page \(filePage) of \(fileName(file)), so \(name(writer))'s dirty copy is written first."
                    ))
                let reason = "\(name(reader)) reads the page"
                if configuration.sharing == .versioned {
                    mergeVersion(writer, file: file, only: filePage, reason: reason)
                } else {
                    writeBackSessionCopies(writer, file: file, only: filePage, reason: reason)
                }
            }
        } else if frames[frame].dirty, let writer = frames[frame].lastWriter, writer != reader, case .filePage = frames[frame].content {
            // As with session copies: the forced write is announced, then the write-back itself happens.
            emit(
                Event(
                    .forcedWrite, process: writer, otherProcess: reader, frame: frame, file: file, filePage: filePage,
                    "Flush before read: frame \(frame) holds \(name(writer))'s unwritten change, so it goes to disk before \(name(reader)) reads it."
                ))
            writeBack(
                frame: frame, file: file, filePage: filePage, by: writer,
                "Write-back: dirty page \(filePage) of \(fileName(file)) (frame \(frame)) is written to disk.")
        }
    }
}
