#if canImport(Glibc)
    import Glibc
#endif
import VMM

/// Reading the kernel's picture after a step, with every helper blocked waiting for its next operation.
extension RealKernelRun {
    /// The model's frame that the same pages map, when they all map one.
    func modelFrame(of mappers: [KernelMapper]) -> Int? {
        let frames = Set(
            mappers.map { mapper in machine.processes.first { $0.name == mapper.process }?.pageTable[mapper.page]?.frame })
        guard frames.count == 1, let frame = frames.first else { return nil }
        return frame
    }

    func observe(step: Int) -> KernelObservation {
        var processes: [KernelProcess] = []
        var mappers: [UInt64: [KernelMapper]] = [:]
        for process in machine.processes {
            guard let pid = helpers[process.id]?.pid, pid > 0 else {
                processes.append(
                    KernelProcess(name: process.name, pid: nil, running: false, minorFaults: 0, majorFaults: 0, tlbMisses: nil, pages: []))
                continue
            }
            let faults = ProcFiles.faults(pid: pid) ?? faultsSeen[pid] ?? (0, 0)
            let seen = faultsSeen[pid] ?? (0, 0)
            faultsSeen[pid] = faults
            var pages: [KernelPage] = []
            for mapping in process.mappings {
                let first = (Self.base >> 12) + UInt64(mapping.firstPage)
                guard let entries = ProcFiles.pagemap(pid: pid, first: first, count: mapping.pageCount) else { continue }
                for (offset, entry) in entries.enumerated() {
                    let present = entry >> 63 & 1 == 1, swapped = entry >> 62 & 1 == 1
                    guard present || swapped else { continue }
                    let frame = entry & ((1 << 55) - 1)
                    let pfn: UInt64? = present && frame != 0 ? frame : nil
                    let page = mapping.firstPage + offset
                    if let pfn { mappers[pfn, default: []].append(KernelMapper(process: process.name, page: page)) }
                    pages.append(
                        KernelPage(
                            page: page, present: present, swapped: swapped, pfn: pfn, exclusive: entry >> 56 & 1 == 1,
                            filePage: entry >> 61 & 1 == 1, softDirty: entry >> 55 & 1 == 1))
                }
            }
            processes.append(
                KernelProcess(
                    name: process.name, pid: pid, running: true, minorFaults: faults.minor - seen.minor,
                    majorFaults: faults.major - seen.major, tlbMisses: tlbMisses(of: pid), pages: pages))
        }
        let frames = mappers.keys.sorted().map { pfn in
            let facts = ProcFiles.frame(pfn)
            return KernelFrame(
                pfn: pfn, mapCount: facts?.mapCount ?? 0, flags: facts.map { KernelFrame.names(of: $0.flags) } ?? [],
                mappers: mappers[pfn]!,
                modelFrame: modelFrame(of: mappers[pfn]!))
        }
        let files = fileDescriptors.enumerated().map { id, fd in
            KernelFile(
                name: machine.fileName(id),
                pages: ProcFiles.cache(of: fd, pages: filePages[id]).enumerated().map {
                    KernelFilePage(page: $0.offset, cached: $0.element.cached, dirty: $0.element.dirty, writeback: $0.element.writeback)
                })
        }
        let interrupts = ProcFiles.tlbShootdowns()
        let during = interrupts.count == interruptsSeen.count ? zip(interrupts, interruptsSeen).map { $0 - $1 } : interrupts.map { _ in 0 }
        interruptsSeen = interrupts
        return KernelObservation(
            step: step, processes: processes, frames: frames, files: files, tlbShootdowns: during, privileged: privileged,
            tlbCounters: hasTLBCounters)
    }
}
