/// Linux x86's TLB flushing beyond the lazy shootdown (arch/x86/mm/tlb.c): flushes batched per
/// operation, the 33-page ceiling, page-table freeing that interrupts lazy CPUs too, and the
/// six address-space ids (PCIDs) per CPU.
extension Machine {
    /// Linux turns a flush of more than 33 pages into a flush of the whole address space
    /// (`tlb_single_page_flush_ceiling`).
    static let singlePageFlushCeiling = 33

    /// Why freeing page tables interrupts CPUs that do not run the process (`tlb_finish_mmu`
    /// with freed_tables: `on_each_cpu_mask` over the whole mask).
    static let freedTablesReason = "page tables were freed, and a CPU in the mask may still walk them, lazy or not"

    /// Steps between trims of a process's CPU mask. Linux trims once a second
    /// (`should_trim_cpumask`), thousands of changes apart: 1,000 steps here.
    public static let maskTrimInterval = 1000

    /// Linux's choice for one other CPU in the mask (`should_flush_tlb`): a CPU running the process
    /// is sent the batched IPI; a lazy one (idle, or its process blocked or gone) owes a flush
    /// on its return; one running another process owes it too, unless the mask is due a trim,
    /// when it is interrupted and leaves the mask.
    mutating func linuxShootdown(_ pid: ProcessID, on other: Int, pages: [VirtualPageNumber], why: String) {
        let running = cpus[other].running
        if running == pid && processes[pid].state == .ready {
            batchFlush(pid, on: other, pages: pages, why: why, reachesIdle: nil)
        } else if let running, processes[running].state == .ready, stepCount >= processes[pid].nextMaskTrim {
            processes[pid].nextMaskTrim = stepCount + Self.maskTrimInterval
            batchFlush(
                pid, on: other, pages: [], why: why,
                reachesIdle:
                    "\(name(pid))'s mask is due the trim Linux makes about once a second: CPU \(other) drops every entry of \(name(pid))'s and leaves the mask"
            )
        } else {
            deferFlush(pid, on: other, pages: pages)
        }
    }

    /// Adds `pages` to the flush CPU `other` will be sent for `pid` at the end of this step (no
    /// pages: all of them). `reachesIdle`: why a CPU not running `pid` is interrupted too.
    mutating func batchFlush(_ pid: ProcessID, on other: Int, pages: [VirtualPageNumber], why: String, reachesIdle: String?) {
        guard let index = batchedFlushes.firstIndex(where: { $0.cpu == other && $0.process == pid }) else {
            batchedFlushes.append(BatchedFlush(cpu: other, process: pid, pages: pages, why: why, reachesIdle: reachesIdle))
            return
        }
        if pages.isEmpty || batchedFlushes[index].pages.isEmpty {
            batchedFlushes[index].pages = []
        } else {
            // A set: a big unmap's batch met by more pages must not cost their product.
            let batched = Set(batchedFlushes[index].pages)
            batchedFlushes[index].pages.append(contentsOf: pages.filter { !batched.contains($0) })
        }
        batchedFlushes[index].reachesIdle = batchedFlushes[index].reachesIdle ?? reachesIdle
    }

    /// The step's batched flushes: one IPI per CPU and process, whatever the number of pages.
    mutating func sendBatchedFlushes() {
        guard !batchedFlushes.isEmpty else { return }
        let batches = batchedFlushes
        batchedFlushes = []
        for batch in batches {
            let pages = batch.pages.count > 1 ? "\(batch.why), \(plural(batch.pages.count, "page")) in one batch" : batch.why
            interrupt(batch.cpu, for: batch.process, pages: batch.pages.sorted(), why: pages, reachesIdle: batch.reachesIdle)
        }
    }

    /// Whether unmapping `mapping` frees a page table of `pid`'s: no other mapping of its uses the
    /// same 512-entry tables (`free_pgtables` frees a table no remaining mapping needs).
    func unmapFreesTables(_ pid: ProcessID, _ mapping: Mapping) -> Bool {
        let first = mapping.firstPage / 512, last = (mapping.firstPage + mapping.pageCount - 1) / 512
        return !processes[pid].mappings.contains { other in
            other != mapping && other.firstPage / 512 <= last && (other.firstPage + other.pageCount - 1) / 512 >= first
        }
    }

    /// Under Linux shootdowns, an unmap's flush of the other CPUs: batched, and sent to every CPU
    /// in the mask when it frees page tables.
    mutating func shootDownUnmapped(_ pid: ProcessID, _ mapping: Mapping, why: String) {
        guard configuration.shootdown == .linux, unmapFreesTables(pid, mapping) else {
            shootDownElsewhere(pid, pages: Array(mapping.pages), why: why)
            return
        }
        for other in processes[pid].cpuMask where other != cpu {
            batchFlush(
                pid, on: other, pages: Array(mapping.pages), why: why + " and freed its page table", reachesIdle: Self.freedTablesReason)
        }
    }

    /// Gives `pid` an address-space id on the current CPU: its own if it still has one, else the
    /// next in turn, whose previous owner's entries are flushed (x86's `choose_new_asid`: six
    /// dynamic PCIDs, recycled round robin, so a process back after six others starts cold).
    mutating func assignASID(to pid: ProcessID) {
        guard !cpus[cpu].asidOwners.contains(pid) else { return }
        let slot = cpus[cpu].nextASID
        cpus[cpu].nextASID = (slot + 1) % cpus[cpu].asidOwners.count
        let previous = cpus[cpu].asidOwners[slot]
        cpus[cpu].asidOwners[slot] = pid
        guard let previous, previous != pid else { return }
        cpus[cpu].deferredFlushes.removeAll { $0 == previous }
        var dropped = 0
        for index in tlb.slots.indices where tlb.slots[index]?.asid == previous {
            tlb.slots[index] = nil
            dropped += 1
        }
        processes[previous].cpuMask.removeAll { $0 == cpu }
        let limit = cpus[cpu].asidOwners.count
        let flushed =
            dropped == 0
            ? "no entry of \(name(previous))'s was left to flush"
            : "\(name(previous))'s \(dropped == 1 ? "1 entry is" : "\(dropped) entries are") flushed, so \(name(previous)) will start cold here"
        emit(
            Event(
                .tlbFlush, process: pid, otherProcess: previous,
                "\(onCPU(cpu))\(name(pid)) needs an address-space id, and all \(limit) of this CPU's are taken: id \(slot), \(name(previous))'s, is given to \(name(pid)); \(flushed)."
            ))
    }
}

/// A flush owed to another CPU, sent at the end of the step.
struct BatchedFlush: Hashable, Sendable {
    var cpu: Int
    var process: ProcessID
    var pages: [VirtualPageNumber]
    var why: String
    /// Why the CPU is interrupted even if it does not run the process (freed page tables, a
    /// trim of the mask); nil: only because it runs it.
    var reachesIdle: String?
}
