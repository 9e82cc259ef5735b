/// Several CPUs, one memory: keeping every CPU's TLB true when a mapping changes (the TLB
/// shootdown), and what happens when nobody does.
extension Machine {
    /// After this CPU dropped its own entries: the other CPUs that may cache `pid`'s translations
    /// of `pages` (its CPU mask) are told by the shootdown policy. Eager: an inter-processor
    /// interrupt to each, which drops the entries and acknowledges before this CPU goes on.
    /// Lazy: only CPUs running `pid` now are interrupted; the others drop its translations when
    /// they next switch to it. None: nobody is told.
    mutating func shootDownElsewhere(_ pid: ProcessID, pages: [VirtualPageNumber], why: String) {
        let others = processes[pid].cpuMask.filter { $0 != cpu }
        guard !others.isEmpty, configuration.shootdown != .none else { return }
        for other in others {
            if configuration.shootdown == .linux {
                linuxShootdown(pid, on: other, pages: pages, why: why)
            } else if configuration.shootdown == .lazy && cpus[other].running != pid {
                deferFlush(pid, on: other, pages: pages)
            } else {
                interrupt(other, for: pid, pages: pages, why: why)
            }
        }
    }

    /// An IPI to CPU `other`: it drops `pid`'s entries for `pages` and acknowledges. No pages, or
    /// more than Linux's ceiling under Linux shootdowns: every entry of `pid`'s (a full flush).
    /// `reachesIdle`: why a CPU not running the process is told too (freed page tables, a trim of
    /// the mask); after a full flush it holds nothing of it and leaves its mask (`flush_tlb_func`).
    mutating func interrupt(_ other: Int, for pid: ProcessID, pages: [VirtualPageNumber], why: String, reachesIdle: String? = nil) {
        count(\.ipis, pid)
        cpus[cpu].counters.ipis += 1
        let full = pages.isEmpty || (configuration.shootdown == .linux && pages.count > Self.singlePageFlushCeiling)
        let what =
            pages.isEmpty
            ? "all of \(name(pid))'s entries"
            : full
                ? "all of \(name(pid))'s entries (\(pages.count) pages is above Linux's ceiling of \(Self.singlePageFlushCeiling), so the whole address space is flushed)"
                : pages.count == 1 ? "\(name(pid))'s page \(hex(pages[0]))" : "\(name(pid))'s \(pageRange(pages[0], pages.count))"
        let runs = cpus[other].running == pid && processes[pid].state == .ready
        let reason =
            if let reachesIdle, !runs {
                "CPU \(other) does not run \(name(pid)) now, but \(reachesIdle)"
            } else {
                "CPU \(other)'s TLB may hold \(name(pid))'s translations since \(name(pid)) ran there"
            }
        emit(
            Event(
                .ipi, process: pid, page: pages.count == 1 ? pages[0] : nil,
                "IPI: CPU \(cpu) interrupts CPU \(other) to drop \(what) (\(why)); \(reason), and CPU \(cpu) waits for its answer."
            ))
        var dropped: [Int] = []
        if full {
            for slot in cpus[other].tlb.slots.indices where cpus[other].tlb.slots[slot]?.asid == pid {
                cpus[other].tlb.slots[slot] = nil
                dropped.append(slot)
            }
        } else {
            for page in pages {
                guard let slot = cpus[other].tlb.lookup(asid: pid, page: page) else { continue }
                cpus[other].tlb.slots[slot] = nil
                dropped.append(slot)
            }
        }
        if reachesIdle != nil && !runs {
            cpus[other].deferredFlushes.removeAll { $0 == pid }
            if full { processes[pid].cpuMask.removeAll { $0 == other } }
        }
        if !dropped.isEmpty {
            count(\.tlbShootdowns, pid, by: dropped.count)
            cpus[other].counters.tlbShootdowns += dropped.count
            emit(
                Event(
                    .tlbShootdown, process: pid, page: pages.count == 1 ? pages[0] : nil,
                    "CPU \(other): TLB shootdown: \(dropped.count == 1 ? "entry \(dropped[0])" : "entries \(dropped.map(String.init).joined(separator: ", "))") (\(full ? "\(name(pid))'s" : what)) invalidated on request."
                ).inTLB(dropped[0], cpu: other))
        }
        let answer =
            full
            ? dropped.isEmpty ? "it held no entry of \(name(pid))'s" : "its TLB holds no entry of \(name(pid))'s now"
            : dropped.isEmpty ? "it held no entry for \(what)" : "its TLB no longer maps \(what)"
        emit(Event(.ipiAck, process: pid, "CPU \(other) acknowledges: \(answer); CPU \(cpu) goes on."))
    }

    /// Lazy shootdown: CPU `other` runs another address space, so it is not interrupted; it will
    /// drop every translation of `pid` before it next runs `pid`.
    mutating func deferFlush(_ pid: ProcessID, on other: Int, pages: [VirtualPageNumber]) {
        let first = !cpus[other].deferredFlushes.contains(pid)
        if first {
            cpus[other].deferredFlushes.append(pid)
            cpus[other].deferredFlushes.sort()
        }
        let what = pages.count == 1 ? "page \(hex(pages[0]))" : pageRange(pages[0], pages.count)
        let doing = cpus[other].running.map { "runs \(name($0)), not \(name(pid))" } ?? "is idle"
        emit(
            Event(
                .ipiDeferred, process: pid, page: pages.count == 1 ? pages[0] : nil,
                "Lazy shootdown: CPU \(other) \(doing), so it is not interrupted (an IPI saved); it \(first ? "will drop" : "already owes a drop of") \(name(pid))'s translations (\(what) among them) when it next switches to \(name(pid))."
            ))
    }

    /// On switching to `pid`: the drops lazy shootdowns left for this CPU, all at once.
    mutating func flushDeferred(_ pid: ProcessID) {
        cpus[cpu].deferredFlushes.removeAll { $0 == pid }
        var dropped = 0
        for slot in tlb.slots.indices where tlb.slots[slot]?.asid == pid {
            tlb.slots[slot] = nil
            dropped += 1
        }
        count(\.tlbShootdowns, pid, by: dropped)
        cpus[cpu].counters.tlbShootdowns += dropped
        emit(
            Event(
                .tlbFlush, process: pid,
                "CPU \(cpu) switches to \(name(pid)) and first drops \(dropped == 1 ? "its 1 TLB entry" : "its \(dropped) TLB entries") for \(name(pid)): the flush lazy shootdown deferred while it ran others."
            ))
    }

    /// A process is gone: other CPUs' entries for it can never be used again (no CPU runs it, and
    /// its address-space id is never given to another), so they are discarded without an interrupt.
    mutating func discardTranslationsElsewhere(_ pid: ProcessID) {
        if configuration.shootdown == .linux {
            // Freeing the address space frees its page tables: every CPU in the mask is
            // interrupted, lazy ones too (`tlb_finish_mmu` with freed_tables), and at once, since
            // the tables go now.
            for other in processes[pid].cpuMask where other != cpu {
                interrupt(
                    other, for: pid, pages: [], why: "\(name(pid)) exits and its page tables are freed", reachesIdle: Self.freedTablesReason
                )
            }
        }
        var held: [(cpu: Int, entries: Int)] = []
        for id in cpus.indices {
            cpus[id].deferredFlushes.removeAll { $0 == pid }
            var entries = 0
            for slot in cpus[id].tlb.slots.indices where cpus[id].tlb.slots[slot]?.asid == pid {
                cpus[id].tlb.slots[slot] = nil
                entries += 1
            }
            if entries > 0 { held.append((id, entries)) }
        }
        processes[pid].cpuMask = []
        guard !held.isEmpty else { return }
        let list = held.map { "\($0.entries) \($0.entries == 1 ? "entry" : "entries") on CPU \($0.cpu)" }
        emit(
            Event(
                .tlbFlush, process: pid,
                "\(name(pid)) is gone: its translations left in other TLBs (\(list.joined(separator: ", "))) can never be used again, so they are discarded without an interrupt."
            ))
    }

    /// Whether the current CPU's TLB entry in `slot` still says where its page is, and, for a
    /// write, that the page may still be written.
    func translationHolds(_ slot: Int, writing: Bool) -> Bool {
        guard let entry = tlb.slots[slot] else { return false }
        return holds(entry, writing: writing)
    }

    /// Whether a TLB entry still says where its page is (and, for a write, that it may be
    /// written): false for an entry a shootdown has not reached.
    public func holds(_ entry: TLBEntry, writing: Bool = false) -> Bool {
        guard let pte = processes[entry.asid].pageTable[entry.page] else { return false }
        return pte.present && pte.frame == entry.frame && (!writing || !entry.writable || pte.writable)
    }

    /// Without shootdowns: the CPU trusts a translation whose page has left its frame. No fault
    /// and no walk; the access goes to whatever the frame holds now.
    mutating func useStaleTranslation(_ slot: Int, address: VirtualAddress, writing value: Int?) {
        let entry = tlb.slots[slot]!
        let (pid, page, frame) = (entry.asid, entry.page, entry.frame)
        let word = split(address).word
        tlb.slots[slot]!.lastUsed = tick
        count(\.staleTLBUses, pid)
        cpus[cpu].counters.staleTLBUses += 1
        let holder = describe(frames[frame].content)
        let moved = processes[pid].pageTable[page].map { !$0.present || $0.frame != frame } ?? true
        let what =
            moved
            ? "frame \(frame) now holds \(holder): the page left it"
            : "the page may no longer be written there (copy-on-write or a write lock made it read-only)"
        emit(
            Event(
                .staleTLB, process: pid, otherProcess: frames[frame].mappers.first { $0.process != pid }?.process, page: page,
                frame: frame,
                "Stale TLB entry: CPU \(cpu)'s entry \(slot) still maps \(name(pid))'s page \(hex(page)) to frame \(frame)\(value == nil ? "" : ", writable"), but \(what), and no shootdown reached CPU \(cpu). The CPU trusts the entry: no fault, no walk."
            ))
        if let value {
            let old = frames[frame].words[word]
            frames[frame].words[word] = value
            // The frame's page now holds the word: dirty, or on disk at once under write-through.
            if case let .filePage(file, filePage) = frames[frame].content, configuration.writePolicy == .writeThrough {
                files[file].pages[filePage][word] = value
                count(\.diskWrites, pid)
            } else if !frames[frame].isFree {
                if !frames[frame].dirty { frames[frame].dirtiedAt = stepCount }
                frames[frame].dirty = true
                reorder(frame)
            }
            emit(
                Event(
                    .write, process: pid, page: page, frame: frame, word: word, value: value,
                    "\(name(pid)) writes \(value) to \(hex(address)) through the stale entry: into frame \(frame), over \(holder)'s word \(word) (was \(old)). A corruption nobody sees happen."
                ))
        } else {
            let read = frames[frame].words[word]
            emit(
                Event(
                    .read, process: pid, page: page, frame: frame, word: word, value: read,
                    "\(name(pid)) reads \(hex(address)) = \(read) through the stale entry: \(holder)'s word \(word), not its own."))
        }
    }
}
