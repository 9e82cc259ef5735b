import Interactive
import VMM

/// The inspector over the screen: the focused pane's things on the left, the chosen one's life on
/// the right (oldest first, the chosen entry highlighted).
enum InspectorScreen {
    static func draw(_ inspector: Inspector, machine: Machine, into grid: inout Grid, box: BoxCharacters) {
        let width = min(grid.width - 2, 150)
        let height = grid.height - 2
        let rect = Rect(x: (grid.width - width) / 2, y: 1, width: width, height: height)
        grid.fill(rect)
        let subject = inspector.subjects[inspector.selected]
        let upTo = inspector.stoppedAfter.map { " up to step \($0)" } ?? ""
        let count =
            inspector.reading != nil
            ? "reading its life…"
            : inspector.lifeCount > inspector.life.count
                ? "\(inspector.lifeCount) events\(upTo), the newest \(inspector.life.count) shown" : "\(inspector.lifeCount) events\(upTo)"
        grid.box(rect, title: "Inspect · \(name(subject, machine)) · \(count)", box: box, focused: true)
        let rows = height - 3
        let listWidth = min(34, width / 3)
        // The things, scrolled so the chosen one shows.
        let listOffset = max(0, min(inspector.selected - rows / 2, inspector.subjects.count - rows))
        for (row, index) in inspector.subjects.indices.dropFirst(listOffset).prefix(rows).enumerated() {
            let chosen = index == inspector.selected
            let text = (chosen ? "▶ " : "  ") + label(inspector.subjects[index], machine)
            grid.write(
                text, x: rect.x + 1, y: rect.y + 1 + row, style: chosen ? Style(.changed, bold: true) : .normal, limit: rect.x + listWidth)
        }
        let x = rect.x + listWidth + 2
        let limit = rect.x + width - 1
        if inspector.life.isEmpty {
            let note = inspector.reading.map { "Reading step \($0) of \(inspector.through)…" } ?? "Nothing has happened to it yet."
            grid.write(note, x: x, y: rect.y + 1, style: Style(.dim), limit: limit)
        }
        // The chosen entry whole, under the list of entries (which are cut to one line each).
        var detail: [String] = []
        if inspector.life.indices.contains(inspector.entry) {
            let chosen = inspector.life[inspector.entry]
            detail = Array(wrap("Step \(chosen.step), event \(chosen.index + 1): " + chosen.event.explanation, width: limit - x).prefix(5))
        }
        let entryRows = max(1, rows - (detail.isEmpty ? 0 : detail.count + 1))
        let lifeOffset = max(0, min(inspector.entry - entryRows / 2, inspector.life.count - entryRows))
        for (row, index) in inspector.life.indices.dropFirst(lifeOffset).prefix(entryRows).enumerated() {
            let entry = inspector.life[index]
            let chosen = index == inspector.entry
            let text = "step \(entry.step) · \(entry.event.kind.rawValue) · \(entry.event.explanation)"
            grid.write(
                text, x: x, y: rect.y + 1 + row, style: chosen ? Style(.changed, bold: true) : Style(.normal), limit: limit)
        }
        for (row, line) in detail.enumerated() {
            grid.write(line, x: x, y: rect.y + 2 + entryRows + row, style: Style(.accent), limit: limit)
        }
        let keys = [
            "j k: another \(noun(subject)) · J K ← →: another event · Enter: go to its step · any other key closes",
            "j k: another \(noun(subject)) · J K ← →: event · Enter: go there · other keys close",
        ]
        grid.write(firstFitting: keys, x: rect.x + 2, y: rect.y + height - 2, style: Style(.dim), limit: limit)
    }

    static func noun(_ subject: Inspector.Subject) -> String {
        switch subject {
        case .frame: "frame"
        case .tlbEntry: "TLB entry"
        case .pageTableEntry: "page"
        case .swapSlot: "swap slot"
        case .filePage: "file page"
        }
    }

    static func name(_ subject: Inspector.Subject, _ machine: Machine) -> String {
        switch subject {
        case .frame(let frame): "frame \(frame)"
        case let .tlbEntry(cpu, slot): machine.cpus.count > 1 ? "CPU \(cpu)'s TLB entry \(slot)" : "TLB entry \(slot)"
        case let .pageTableEntry(pid, page): "\(machine.name(pid))'s page \(hex(page))"
        case .swapSlot(let slot): "swap slot \(slot)"
        case let .filePage(file, page): "page \(page) of \(machine.fileName(file))"
        }
    }

    /// A thing as the list shows it: its name and what it holds now.
    static func label(_ subject: Inspector.Subject, _ machine: Machine) -> String {
        switch subject {
        case .frame(let frame): "frame \(frame) · \(machine.label(machine.frames[frame].content))"
        case let .tlbEntry(cpu, slot):
            "entry \(slot) · "
                + (machine.cpus[cpu].tlb.slots[slot].map { "\(machine.name($0.asid)) \(hex($0.page)) → \($0.frame)" } ?? "invalid")
        case let .pageTableEntry(pid, page):
            "\(hex(page)) · "
                + (machine.processes[pid].pageTable[page].map { entry in
                    entry.zeroPage
                        ? "zero page" : entry.present ? "frame \(entry.frame ?? 0)" : entry.swapSlot.map { "swap \($0)" } ?? "not present"
                } ?? "gone")
        case .swapSlot(let slot): "slot \(slot) · " + (machine.swap[slot].map { machine.label($0.content) } ?? "free")
        case let .filePage(file, page):
            "\(machine.fileName(file)) p\(page) · " + (machine.files[file].pageCache[page].map { "frame \($0)" } ?? "on disk")
        }
    }
}
