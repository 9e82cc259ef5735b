import VMM

/// The machine's state as tables, in the field's own words.
public enum StateTables {
    /// The processes table; with `window`, only those rows (clamped to the processes), the others counted.
    public static func processes(_ machine: Machine, window: Range<Int>? = nil) -> Table {
        let shown = window?.clamped(to: machine.processes.indices) ?? machine.processes.indices
        var table = Table(
            title: "Processes", columns: ["process", "state", "next operation", "faults", "TLB hits/misses"],
            rows: machine.processes[shown].map { process in
                [
                    process.name, stateText(process.state, machine),
                    process.state.isDone ? "—" : machine.describe(machine.currentOperation(of: process.id)),
                    "\(process.counters.pageFaults)", "\(process.counters.tlbHits)/\(process.counters.tlbMisses)",
                ]
            }, shortColumns: ["proc", "state", "next", "faults", "TLB h/m"])
        table.rowsAbove = shown.lowerBound
        table.rowsBelow = machine.processes.count - shown.upperBound
        if machine.cpus.count > 1 {
            // Several CPUs: where each process runs now.
            table.columns.insert("cpu", at: 2)
            table.shortColumns?.insert("cpu", at: 2)
            for (index, pid) in zip(table.rows.indices, shown) {
                let on = machine.cpus.indices.first { runningProcess(machine, $0) == pid }
                table.rows[index].insert(on.map { "cpu\($0)" } ?? "—", at: 2)
            }
        }
        if machine.configuration.allocation.scope == .local {
            // Local allocation: the frames each process holds against its allotment.
            table.columns.insert("frames held/allotted", at: 3)
            table.shortColumns?.insert("frames", at: 3)
            for (index, pid) in zip(table.rows.indices, shown) {
                let held = machine.frames.filter { $0.owner == pid && !$0.isFree }.count
                table.rows[index].insert("\(held)/\(machine.allotments[pid])", at: 3)
            }
        }
        return table
    }

    public static func stateText(_ state: ProcessState, _ machine: Machine) -> String {
        switch state {
        case .notStarted: "not forked yet"
        case .ready: "ready"
        case .blocked(.writeLock(let file, let page, let holder)):
            "blocked: \(machine.name(holder)) holds lock on \(machine.fileName(file)) p\(page)"
        case .blocked(.orderedClose(let file, let until)): "blocked: closes \(machine.fileName(file)) after \(machine.name(until))"
        case .done(let reason): reason == .exited ? "done" : "killed (\(reason.rawValue))"
        }
    }

    /// What a virtual page is backed by, e.g. "notes.txt p1" or "anon".
    public static func backing(_ process: Process, page: VirtualPageNumber, _ machine: Machine) -> String {
        guard let mapping = process.mapping(containing: page) else { return "?" }
        switch mapping.kind {
        case .anonymous: return "anon"
        case let .file(file, mode): return "\(machine.fileName(file)) p\(mapping.filePage(of: page))\(mode == .private ? " (private)" : "")"
        }
    }

    public static func pageTable(_ machine: Machine, process pid: ProcessID) -> Table {
        let process = machine.processes[pid]
        let rows = process.sortedPages.map { page -> [String] in
            let entry = process.pageTable[page]!
            return [
                hex(page), entry.present ? "yes" : "no", entry.zeroPage ? "zero" : entry.frame.map(String.init) ?? "—",
                entry.swapSlot.map(String.init) ?? "—",
                entry.dirty ? "D" : "·", entry.referenced ? "R" : "·", entry.writable ? "W" : "·", entry.sharing.rawValue,
                backing(process, page: page, machine),
            ]
        }
        return Table(
            title: "Page table of \(process.name)",
            columns: ["page", "present", "frame", "swap", "dirty", "ref", "write", "sharing", "backing"], rows: rows,
            shortColumns: ["page", "P", "frame", "swap", "D", "R", "W", "share", "backing"], columnPriority: [0, 0, 0, 2, 1, 1, 1, 1, 3])
    }

    /// One CPU's TLB (by default the one that ran the last step).
    public static func tlb(_ machine: Machine, cpu: Int? = nil) -> Table {
        let id = cpu ?? machine.cpu
        let tlb = machine.cpus[id].tlb
        let rows = tlb.slots.enumerated().map { slot, entry -> [String] in
            let set = slot / max(1, machine.configuration.tlb.waysPerSet)
            guard let entry else { return ["\(slot)", "\(set)", "—", "—", "—", "·", "·", "invalid"] }
            let victim = tlb.nextVictim(inSet: set, generator: machine.generator) == slot
            // An entry no shootdown has reached yet (lazy: a flush owed; none: it will be used as is).
            let stale = !machine.holds(entry, writing: true) && !machine.processes[entry.asid].state.isDone
            let state = stale ? "STALE" : victim ? "valid, next victim" : "valid"
            // The frame cell carries the mark too, so a narrow pane that drops the state column shows it.
            return [
                "\(slot)", "\(set)", machine.name(entry.asid), hex(entry.page), "\(entry.frame)\(stale ? "!" : "")",
                entry.writable ? "W" : "·",
                entry.dirty ? "D" : "·", state,
            ]
        }
        return Table(
            title: machine.cpus.count == 1 ? "TLB" : "TLB of CPU \(id)\(cpuDoing(machine, id))",
            columns: ["entry", "set", "asid", "page", "frame", "write", "dirty", "state"], rows: rows,
            shortColumns: ["#", "set", "asid", "page", "frame", "W", "D", "state"],
            // With several CPUs the ASID says whose entry it is: kept however narrow the pane.
            columnPriority: machine.cpus.count > 1 ? [0, 3, 0, 0, 0, 2, 2, 1] : [0, 3, 1, 0, 0, 2, 2, 1])
    }

    /// " (runs A)", " (idle)": what a CPU is doing, for titles.
    public static func cpuDoing(_ machine: Machine, _ id: Int) -> String {
        runningProcess(machine, id).map { " (runs \(machine.name($0)))" } ?? " (idle)"
    }

    /// The process a CPU runs now: the last it ran, while that one can still run.
    public static func runningProcess(_ machine: Machine, _ id: Int) -> ProcessID? {
        machine.cpus[id].running.flatMap { machine.processes[$0].state == .ready ? $0 : nil }
    }

    /// Several CPUs: what each runs and what it did to keep the TLBs true.
    public static func cpus(_ machine: Machine) -> Table {
        Table(
            title: "CPUs · \(machine.configuration.shootdown.rawValue) shootdown",
            columns: ["cpu", "running", "switches", "IPIs sent", "TLB shootdowns", "stale TLB uses", "owes a flush to"],
            rows: machine.cpus.map { cpu in
                [
                    "cpu\(cpu.id)", runningProcess(machine, cpu.id).map(machine.name) ?? "idle",
                    "\(cpu.counters.contextSwitches)", "\(cpu.counters.ipis)", "\(cpu.counters.tlbShootdowns)",
                    "\(cpu.counters.staleTLBUses)",
                    cpu.deferredFlushes.isEmpty ? "—" : cpu.deferredFlushes.map(machine.name).joined(separator: " "),
                ]
            })
    }

    /// Who maps a frame and where in their own maps: "A@0x10 B@0x40".
    public static func reverseMap(_ frame: Frame, _ machine: Machine) -> String {
        frame.mappers.isEmpty ? "—" : frame.mappers.map { "\(machine.name($0.process))@\(hex($0.page))" }.joined(separator: " ")
    }

    public static func words(_ words: [Int]) -> String { words.map(String.init).joined(separator: " ") }

    public static func frames(_ machine: Machine) -> Table {
        let policy = machine.policyView
        let rows = machine.frames.enumerated().map { number, frame -> [String] in
            [
                "\(number)", machine.label(frame.content), reverseMap(frame, machine),
                frame.isFree ? "·" : frame.dirty ? "D" : "·", frame.isFree ? "·" : frame.referenced ? "R" : "·", policy.cells[number],
                frame.isFree ? "" : words(frame.words), frame.isFree ? "—" : "\(frame.loadedAt)", frame.isFree ? "—" : "\(frame.lastUsed)",
            ]
        }
        return Table(
            title: "Frames", columns: ["frame", "holds", "mapped by", "dirty", "ref", policy.heading, "words", "loaded", "used"],
            rows: rows,
            shortColumns: ["#", "holds", "mapped by", "D", "R", policy.heading, "words", "load", "used"],
            columnPriority: [0, 0, 1, 2, 2, 3, 4, 5, 5])
    }

    public static func swap(_ machine: Machine) -> Table {
        let rows = machine.swap.enumerated().compactMap { number, slot -> [String]? in
            guard let slot else { return nil }
            return [
                "\(number)", machine.label(slot.content),
                slot.owners.map { "\(machine.name($0.process))@\(hex($0.page))" }.joined(separator: " "), words(slot.words),
            ]
        }
        return Table(
            title: "Swap (\(rows.count) of \(machine.swap.count) slots used)", columns: ["slot", "holds", "owners", "words"], rows: rows)
    }

    public static func files(_ machine: Machine) -> Table {
        var rows: [[String]] = []
        for file in machine.files {
            for (page, words) in file.pages.enumerated() {
                let cached = file.pageCache[page].map { "frame \($0)\(machine.frames[$0].dirty ? " (dirty)" : "")" } ?? "on disk only"
                let lock = file.writeLocks[page].map { "locked by \(machine.name($0))" } ?? ""
                let version = page == 0 && machine.configuration.sharing == .versioned ? "v\(file.currentVersion)" : ""
                rows.append([
                    page == 0 ? file.name : "", "\(page)", self.words(words), cached, lock, version,
                    page == 0 ? writeBackOrder(file.id, machine) : "",
                ])
            }
        }
        // Lock, version and order columns only under the policies that have them.
        return Table(
            title: "Files on disk", columns: ["file", "page", "disk words", "page cache", "lock", "version", "write-back order"],
            rows: rows,
            shortColumns: ["file", "pg", "on disk", "cache", "lock", "ver", "order"], columnPriority: [0, 0, 0, 2, 1, 1, 1]
        )
        .droppingEmptyColumns([4, 5, 6])
    }

    /// "A → B" in opening order; in seeded random order each opener with its draw (the top bits of
    /// its 64-bit random rank, 0 to 999): "B (draw 17) → A (draw 903)".
    static func writeBackOrder(_ file: FileID, _ machine: Machine) -> String {
        guard let order = machine.writeBackOrder(of: file), !order.isEmpty else { return "" }
        return order.map { entry in
            machine.name(entry.process) + (entry.draw.map { " (draw \($0 / (UInt64.max / 1000 + 1)))" } ?? "")
        }.joined(separator: " → ")
    }

    /// The counters, in total and per process; with `processColumns`, only the first processes'
    /// columns (a pane shows the few that fit, not a column for each of 100,000 processes).
    public static func counters(_ machine: Machine, processColumns: Int = .max) -> Table {
        let processes = machine.processes.prefix(processColumns)
        let names = processes.map(\.name)
        let total = machine.counters.named
        let each = processes.map(\.counters.named)
        // On one CPU there are no interrupts between CPUs and no stale entries to count.
        let multiprocessorOnly: Set<String> = machine.cpus.count > 1 ? [] : ["ipis", "stale_tlb_uses"]
        let rows = total.indices.filter { !multiprocessorOnly.contains(total[$0].name) }.map { index in
            [Counters.spelled(total[index].name), "\(total[index].value)"] + each.map { "\($0[index].value)" }
        }
        return Table(title: "Counters", columns: ["counter", "total"] + names, rows: rows)
    }

    /// Every table of the final state, in reading order.
    public static func all(_ machine: Machine) -> [Table] {
        [processes(machine)] + machine.processes.indices.map { pageTable(machine, process: $0) }
            + machine.cpus.indices.map { tlb(machine, cpu: $0) } + (machine.cpus.count > 1 ? [cpus(machine)] : [])
            + [frames(machine), swap(machine), files(machine), counters(machine)]
    }
}
