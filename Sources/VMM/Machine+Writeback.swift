/// Linux's write-back: what msync, fsync and sync write, what close leaves dirty, and the
/// writeback daemon that writes pages dirty for too long (docs/semantics.md, "Linux as a model").
extension Machine {
    /// msync(MS_SYNC) of `pages` pages from `address`: the dirty page-cache pages of the range go
    /// to their file now (`vfs_fsync_range`, mm/msync.c); a session copy in the range is written
    /// back as a sync of it would be.
    mutating func msync(_ pid: ProcessID, address: VirtualAddress, pages: Int) -> Outcome {
        let who = name(pid)
        let first = address / configuration.pageSize
        guard let mapping = processes[pid].mapping(containing: first) else {
            emit(Event(.sync, process: pid, "\(who) msyncs \(hex(address)), which no mapping of \(who)'s covers: msync fails (ENOMEM)."))
            return .completed
        }
        let range = first..<min(first + max(1, pages), mapping.firstPage + mapping.pageCount)
        let what = pageRange(range.lowerBound, range.count)
        guard case .file(let file, let mode) = mapping.kind else {
            emit(Event(.sync, process: pid, page: first, "\(who) msyncs \(what): anonymous memory has no file, so nothing is written."))
            return .completed
        }
        guard mode == .shared else {
            emit(
                Event(
                    .sync, process: pid, page: first, file: file,
                    "\(who) msyncs \(what) of \(fileName(file)): the mapping is private, so its copies never reach the file."))
            return .completed
        }
        emit(
            Event(
                .sync, process: pid, page: first, file: file,
                "\(who) msyncs \(what) of \(fileName(file)): their dirty pages go to disk now."))
        let filePages = range.map { mapping.filePage(of: $0) }
        let reason = "\(who) msyncs \(fileName(file))"
        switch configuration.sharing {
        case .sharedCopy, .exclusiveLock: writeBackCachedPages(of: file, filePages, by: pid, reason: reason)
        case .privateCopies:
            for filePage in filePages { writeBackSessionCopies(pid, file: file, only: filePage, reason: reason) }
        case .versioned:
            for filePage in filePages { mergeVersion(pid, file: file, only: filePage, reason: reason) }
        }
        return .completed
    }

    /// fsync of a file the process has open: every dirty page-cache page of it goes to disk,
    /// whoever dirtied it (`vfs_fsync`); a session copy of the process's is written back too.
    mutating func fsync(_ pid: ProcessID, file: FileID) -> Outcome {
        let who = name(pid)
        guard processes[pid].mappingIndex(ofFile: file) != nil else {
            emit(Event(.sync, process: pid, file: file, "\(who) has no open file \(fileName(file)); fsync fails (EBADF)."))
            return .completed
        }
        emit(
            Event(
                .sync, process: pid, file: file, "\(who) fsyncs \(fileName(file)): every dirty page of it in the page cache goes to disk."))
        let reason = "\(who) fsyncs \(fileName(file))"
        switch configuration.sharing {
        case .sharedCopy, .exclusiveLock: break
        case .privateCopies: writeBackSessionCopies(pid, file: file, only: nil, reason: reason)
        case .versioned: mergeVersion(pid, file: file, only: nil, reason: reason)
        }
        writeBackCachedPages(of: file, files[file].pages.indices, by: pid, reason: reason)
        return .completed
    }

    /// sync: every dirty page-cache page of every file goes to disk (`ksys_sync`, fs/sync.c).
    /// Session copies are the processes' own memory, not the page cache, so they stay as they are.
    mutating func syncAll(_ pid: ProcessID) -> Outcome {
        emit(Event(.sync, process: pid, "\(name(pid)) calls sync: every dirty page in the page cache goes to disk."))
        for file in files.indices {
            writeBackCachedPages(of: file, files[file].pages.indices, by: pid, reason: "\(name(pid)) calls sync")
        }
        return .completed
    }

    /// The dirty page-cache pages among `filePages` of `file`, written to disk in page order.
    mutating func writeBackCachedPages(of file: FileID, _ filePages: some Sequence<Int>, by pid: ProcessID?, reason: String) {
        for filePage in filePages {
            guard let frame = files[file].pageCache[filePage], frames[frame].dirty else { continue }
            writeBack(
                frame: frame, file: file, filePage: filePage, by: pid,
                "Write-back: \(reason), so dirty page \(filePage) of \(fileName(file)) (frame \(frame)) is written to disk.")
        }
    }

    /// What a close leaves behind under Linux write-back: the mapping's dirty pages stay dirty
    /// in the page cache (Linux writes nothing at close or exit). The clause the close event ends with.
    func dirtyPagesLeft(_ pid: ProcessID, mapping: Mapping) -> String {
        guard configuration.kernel.writeback == .linux else { return "" }
        let dirty = mapping.pages.filter { page in
            guard let frame = processes[pid].pageTable[page]?.frame, case .filePage = frames[frame].content else { return false }
            return frames[frame].dirty
        }.count
        guard dirty > 0 else { return "" }
        return
            "; \(plural(dirty, "dirty page")) \(dirty == 1 ? "stays" : "stay") dirty in the page cache: Linux writes nothing at close, only at msync, fsync, sync, eviction or by the writeback daemon"
    }

    /// How often the writeback daemon wakes, in steps: Linux's flusher wakes every 5 s
    /// (dirty_writeback_centisecs), or as often as the expiry if that is shorter.
    var writebackInterval: Int? {
        guard configuration.kernel.writeback == .linux, let expire = configuration.kernel.writebackExpire else { return nil }
        return min(5, expire)
    }

    /// The writeback daemon (`wb_workfn` and `wb_check_old_data_flush` in fs/fs-writeback.c): on
    /// each wake, the page-cache pages dirty for at least the expiry go to disk, in frame order.
    mutating func runWritebackDaemon() {
        guard let interval = writebackInterval, stepCount % interval == 0, let expire = configuration.kernel.writebackExpire else { return }
        for frame in frames.indices where frames[frame].dirty && stepCount - frames[frame].dirtiedAt >= expire {
            guard case let .filePage(file, filePage) = frames[frame].content else { continue }
            let age = stepCount - frames[frame].dirtiedAt
            // Counted against the process that dirtied the page, so every count has a process.
            writeBack(
                frame: frame, file: file, filePage: filePage, by: nil, counted: frames[frame].lastWriter ?? frames[frame].owner ?? 0,
                "Writeback daemon: page \(filePage) of \(fileName(file)) (frame \(frame)) has been dirty for \(plural(age, "step")), past the expiry of \(expire) (Linux's dirty_expire_centisecs), so the flusher writes it to disk."
            )
        }
    }

    /// Under write-notify, a page written back is write-protected again in every shared mapping
    /// of it (`folio_mkclean` in mm/rmap.c), so the next write traps and marks it dirty again.
    mutating func writeProtectCleaned(_ frame: FrameNumber) {
        guard configuration.kernel.writeNotify else { return }
        for mapper in frames[frame].mappers {
            guard let entry = processes[mapper.process].pageTable[mapper.page], entry.sharing == .shared, entry.writable else { continue }
            processes[mapper.process].pageTable[mapper.page]!.writable = false
            shootDown(mapper.process, page: mapper.page, why: "write-back write-protected it again (write-notify)")
        }
    }
}
