import VMM

/// One place where the kernel's picture after a step differs from the model's, said in words.
public struct KernelDifference: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable {
        /// A page mapped in one world and not the other.
        case presence
        /// Which pages share a frame.
        case sharing
        /// A file page in the page cache in one world only.
        case cache
        /// A cached file page dirty in one world only.
        case dirty
        /// The value a read returned.
        case value
    }

    public var kind: Kind
    public var text: String
}

/// The model's machine after a step against the kernel's observation: presence, sharing, the page
/// cache, dirtiness and values, each difference with the likeliest reason Linux gives. Fault counts
/// are not compared: /proc/PID/stat counts the helper's own faults too (after a fork its own pages
/// are copy-on-write as well), so they are shown beside the model's, not judged.
enum KernelComparison {
    static func differences(model: Machine, kernel: KernelObservation, result: StepResult, kernelValue: Int?) -> [KernelDifference] {
        var found: [KernelDifference] = []
        if let pid = result.process, let modelValue = result.events.last(where: { $0.kind == .read && $0.process == pid })?.value,
            let kernelValue, modelValue != kernelValue
        {
            found.append(
                KernelDifference(kind: .value, text: "\(model.name(pid)) read \(kernelValue) on Linux and \(modelValue) in the model"))
        }
        for seen in kernel.processes where seen.running {
            guard let process = model.processes.first(where: { $0.name == seen.name }) else { continue }
            found += presence(process, seen, model, kernel)
        }
        if kernel.privileged { found += sharing(model, kernel) }
        found += pageCache(model, kernel)
        return found
    }

    static func presence(_ process: VMM.Process, _ seen: KernelProcess, _ model: Machine, _ kernel: KernelObservation) -> [KernelDifference]
    {
        var found: [KernelDifference] = []
        let kernelPresent = Set(seen.pages.filter(\.present).map(\.page))
        for mapping in process.mappings {
            for page in mapping.pages {
                let inModel = process.pageTable[page]?.present == true
                let onLinux = kernelPresent.contains(page)
                guard inModel != onLinux else { continue }
                let what = "\(process.name)'s page \(hex(page))"
                if onLinux, case .file(let file, _) = mapping.kind,
                    model.files[file].pageCache[mapping.filePage(of: page)] != nil
                        || kernel.files.indices.contains(file)
                            && kernel.files[file].pages.contains(where: { $0.page == mapping.filePage(of: page) && $0.cached })
                {
                    found.append(
                        KernelDifference(
                            kind: .presence,
                            text:
                                "\(what) is mapped on Linux, not in the model: fault-around mapped it, a neighbour of a faulting page already in the page cache"
                        ))
                } else if onLinux, process.pageTable[page]?.swapSlot != nil || model.counters.evictions > 0 {
                    found.append(
                        KernelDifference(
                            kind: .presence,
                            text:
                                "\(what) is mapped on Linux, not in the model: the model evicted it (it has \(model.frames.count) frames; this machine has far more)"
                        ))
                } else if onLinux {
                    found.append(KernelDifference(kind: .presence, text: "\(what) is mapped on Linux, not in the model"))
                } else if case .file = mapping.kind {
                    found.append(
                        KernelDifference(
                            kind: .presence,
                            text:
                                "\(what) is mapped in the model, not on Linux: Linux maps a file page only when it is touched, and its fork copies no entry of a file mapping without private copies (--set fork=linux models it)"
                        ))
                } else {
                    found.append(KernelDifference(kind: .presence, text: "\(what) is mapped in the model, not on Linux"))
                }
            }
        }
        return found
    }

    /// Pages that share a frame in one world and not in the other.
    static func sharing(_ model: Machine, _ kernel: KernelObservation) -> [KernelDifference] {
        var found: [KernelDifference] = []
        for frame in kernel.frames where frame.mappers.count > 1 {
            let who = frame.mappers.map { "\($0.process)'s \(hex($0.page))" }.joined(separator: " and ")
            let modelFrames = Set(
                frame.mappers.compactMap { mapper in
                    model.processes.first { $0.name == mapper.process }?.pageTable[mapper.page]?.frame
                })
            if modelFrames.count > 1 {
                found.append(
                    KernelDifference(
                        kind: .sharing,
                        text: "\(who) share one frame on Linux (PFN \(hex(Int(frame.pfn)))), \(modelFrames.count) in the model"))
            }
            if frame.flags.contains("zero-page") {
                found.append(KernelDifference(kind: .sharing, text: "\(who) map the shared zero page on Linux (read before written)"))
            }
        }
        for process in model.processes {
            for page in process.sortedPages {
                guard let entry = process.pageTable[page], entry.zeroPage == false, let frame = entry.frame else { continue }
                let sharers = model.frames[frame].mappers.filter { $0 != ReverseMapEntry(process: process.id, page: page) }
                for other in sharers where other.process > process.id || (other.process == process.id && other.page > page) {
                    let mine = kernel.processes.first { $0.name == process.name }?.pages.first { $0.page == page }?.pfn
                    let theirs = kernel.processes.first { $0.name == model.name(other.process) }?.pages.first { $0.page == other.page }?.pfn
                    if let mine, let theirs, mine != theirs {
                        found.append(
                            KernelDifference(
                                kind: .sharing,
                                text:
                                    "\(process.name)'s \(hex(page)) and \(model.name(other.process))'s \(hex(other.page)) share frame \(frame) in the model, but two frames on Linux"
                            ))
                    }
                }
            }
        }
        return found
    }

    static func pageCache(_ model: Machine, _ kernel: KernelObservation) -> [KernelDifference] {
        var found: [KernelDifference] = []
        for (id, file) in kernel.files.enumerated() where id < model.files.count {
            for page in file.pages where page.page < model.files[id].pages.count {
                let frame = model.files[id].pageCache[page.page]
                let what = "page \(page.page) of \(file.name)"
                if page.cached, frame == nil {
                    found.append(
                        KernelDifference(
                            kind: .cache, text: "\(what) is in the page cache on Linux, not in the model: Linux read it ahead (readahead)"))
                } else if !page.cached, frame != nil {
                    found.append(KernelDifference(kind: .cache, text: "\(what) is in the page cache in the model, not on Linux"))
                } else if let frame, let dirty = page.dirty, dirty != model.frames[frame].dirty {
                    found.append(
                        KernelDifference(
                            kind: .dirty,
                            text: dirty
                                ? "\(what) is dirty on Linux, clean in the model: Linux writes back only at msync, fsync, sync, eviction or after 30 s (dirty_expire_centisecs), never at close"
                                : "\(what) is clean on Linux, dirty in the model: Linux wrote it back already (an msync, or the writeback daemon)"
                        ))
                }
            }
        }
        return found
    }
}
