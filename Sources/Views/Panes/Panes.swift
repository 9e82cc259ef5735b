import Interactive
import VMM

/// Each pane as a function of the session.
public enum Panes {
    /// `versus` replaces what rows are compared with: the other side, in a comparison.
    /// `rows`: the most the pane could be given (the events pane tells no more history than fits).
    public static func content(
        _ pane: PaneID, session: Session, width: Int, compact: Bool, box: BoxCharacters, versus: Machine? = nil,
        lesson: LessonFocus? = nil, rows: Int = .max
    )
        -> PaneContent
    {
        let now = session.shownMachine
        let before = versus ?? session.comparedMachine
        let inner = max(1, width - 2)
        func table(_ make: (Machine) -> Table, title: String? = nil, empty: String? = nil) -> PaneContent {
            PaneContent.table(make(now), width: inner, before: before.map(make), title: title, ellipsis: box.ellipsis, emptySummary: empty)
        }
        switch pane {
        case .processes:
            // The process that ran the step being shown is marked. Only the rows a screen of `rows`
            // could show from where the pane is scrolled are made.
            let ran = session.timeline.lastResult.process
            let window = rows == .max ? nil : visibleWindow(count: now.processes.count, scroll: session.scroll[.processes] ?? 0, rows: rows)
            return table({ machine in
                var processes = StateTables.processes(machine, window: window)
                for index in processes.rows.indices {
                    let pid = processes.rowsAbove + index
                    processes.rows[index][0] = (pid == ran ? String(box.marker) : " ") + processes.rows[index][0]
                }
                return processes
            })
        case .pageTable:
            let pid = min(session.focusedProcess, max(0, now.processes.count - 1))
            let name = now.processes.isEmpty ? "" : now.processes[pid].name
            // Narrow panes leave the hint to the help and the status bar.
            let more = now.processes.count > 1 && width >= 50 ? " (Tab: next)" : ""
            let levels = now.configuration.pageTableLevels
            let shape =
                now.configuration.invertedPageTable
                ? " · inverted, \(now.configuration.hashBuckets) buckets"
                : levels.isEmpty
                    ? ""
                    : " · \(levels.count) levels \(levels.map(String.init).joined(separator: "/")), \(now.processes.isEmpty ? 0 : now.processes[pid].tablePages.count) table pages"
            return table({ StateTables.pageTable($0, process: pid) }, title: "Page table of \(name)\(shape)\(more)", empty: "none")
        case .tlb:
            return tlbPane(session, now, before: before, width: width, box: box, table: { table($0, title: $1, empty: $2) })
        case .frames:
            let policy = now.configuration.replacement.label
            var content = table(
                { machine in
                    var frames = StateTables.frames(machine)
                    // Lessons about files are about the words: they stay in view before the policy's bookkeeping.
                    if (lesson ?? LessonFocus(session.scenario)).showsWords { frames.columnPriority?[6] = 1 }
                    return frames
                }, title: "Frames · \(policy)\(now.policyTitleNote)")
            content.emptySummary = nil
            content.lines += ghostLines(now.policyView.ghosts, width: inner, ellipsis: box.ellipsis)
            return content
        case .swap:
            let used = now.swap.filter { $0 != nil }.count
            return table(
                StateTables.swap, title: "Swap · \(used)/\(now.swap.count) used", empty: now.swap.isEmpty ? "no swap space" : "empty")
        case .files:
            return table(
                StateTables.files, title: "Files · write-\(now.configuration.writePolicy.rawValue) · \(now.configuration.sharing.name)",
                empty: "no files")
        case .counters:
            return counters(now, before: before, wide: !compact, width: inner, box: box)
        case .events:
            return events(session, width: inner, rows: rows)
        }
    }

    /// A list policy's ghost queues under its frames, one line each, newest page first: the pages
    /// that left memory and are remembered by name only.
    static func ghostLines(_ ghosts: [GhostView], width: Int, ellipsis: String) -> [PaneContent.Line] {
        ghosts.map { ghost in
            let pages = ghost.pages.isEmpty ? "none" : ghost.pages.joined(separator: " · ")
            let text = "ghost \(ghost.name) \(ghost.pages.count)/\(ghost.capacity): \(pages)"
            return PaneContent.Line(text.cut(toCells: width, ellipsis: ellipsis), Style(.dim))
        }
    }

    /// The lines of a `count`-line pane that any pane of at most `rows` rows, scrolled `scroll`
    /// lines, can show (as `PaneContent.firstLine` places them).
    static func visibleWindow(count: Int, scroll: Int, rows: Int) -> Range<Int> {
        let start = min(max(0, scroll), max(0, count - rows))
        return start..<min(count, start + rows)
    }

    /// The TLB pane: one CPU's TLB, every CPU's side by side when they fit, or the one `t` chose.
    static func tlbPane(
        _ session: Session, _ now: Machine, before: Machine?, width: Int, box: BoxCharacters,
        table: ((Machine) -> Table, String?, String?) -> PaneContent
    ) -> PaneContent {
        let c = now.configuration.tlb
        let narrow = width < 50
        let associativity = c.ways == 0 ? (narrow ? "full" : "fully assoc.") : "\(c.ways)-way"
        let shape =
            c.entries == 0
            ? "none" : "\(c.entries) \(associativity) \(c.replacement.label)\(c.tagged ? " ASID" : " flush")"
        let empty = c.entries == 0 ? "every access walks the page table" : nil
        // A TLB with no valid entry has nothing to show but its size.
        let allInvalid = now.cpus.allSatisfy { $0.tlb.validCount == 0 }
        var content: PaneContent
        if now.cpus.count == 1 {
            content = table({ StateTables.tlb($0) }, "TLB\(narrow ? "" : " ·") \(shape)", empty)
        } else if let sideBySide = tlbsSideBySide(now, before: before, width: max(1, width - 2), shape: shape, box: box) {
            content = sideBySide
        } else {
            // No room for every CPU's TLB: one at a time, the one that ran the step unless `t` chose another.
            let shown = min(session.focusedCPU ?? session.timeline.lastResult.cpu ?? 0, now.cpus.count - 1)
            let title =
                narrow
                ? "TLB CPU \(shown)/\(now.cpus.count) · t: next"
                : "TLB of CPU \(shown) of \(now.cpus.count)\(StateTables.cpuDoing(now, shown)) · \(shape) · t: next CPU"
            content = table({ StateTables.tlb($0, cpu: shown) }, title, empty)
        }
        if allInvalid, c.entries > 0 { content.emptySummary = "all invalid" }
        return content
    }

    /// Every CPU's TLB in one pane, side by side, each under a label saying what the CPU runs; nil
    /// when they do not fit with at least their entry, ASID, page and frame columns.
    static func tlbsSideBySide(_ now: Machine, before: Machine?, width: Int, shape: String, box: BoxCharacters) -> PaneContent? {
        let count = now.cpus.count
        let separator = " \(box.vertical) "
        let each = (width - separator.displayWidth * (count - 1)) / count
        // Room for an entry's number, ASID, page and frame at least.
        guard each >= 17 else { return nil }
        let parts = now.cpus.indices.map { id in
            PaneContent.table(
                StateTables.tlb(now, cpu: id), width: each, before: before.map { StateTables.tlb($0, cpu: id) }, ellipsis: box.ellipsis)
        }
        func joined(_ cells: [String]) -> String { cells.map { $0.padding(each) }.joined(separator: separator) }
        let labels = now.cpus.indices.map { id in "CPU \(id)\(StateTables.cpuDoing(now, id))".prefix(cells: each) }
        let rows = parts.map(\.lines.count).max() ?? 0
        var lines = [PaneContent.Line(joined(parts.map { $0.heading?.text ?? "" }), Style(.header, bold: true))]
        for row in 0..<rows {
            let cells = parts.map { row < $0.lines.count ? $0.lines[row] : PaneContent.Line("") }
            let changed = cells.contains { $0.style != .normal }
            lines.append(PaneContent.Line(joined(cells.map(\.text)), changed ? Style(.changed, bold: true) : .normal))
        }
        if lines.contains(where: { $0.text.contains("!") }) {
            lines.append(PaneContent.Line("frame! = stale: no shootdown reached it", Style(.bad)))
        }
        return PaneContent(
            title: "TLB × \(count) CPUs · \(shape)", heading: PaneContent.Line(joined(labels), Style(.accent, bold: true)), lines: lines)
    }

    static func counters(_ now: Machine, before: Machine?, wide: Bool, width: Int, box: BoxCharacters) -> PaneContent {
        if wide {
            // A process column takes at least two cells: no more can fit than half the width.
            let fits = max(0, width / 2)
            var current = StateTables.counters(now, processColumns: fits)
            // Keep only counters that are not all zero, so the pane shows what happened.
            let interesting = Set(current.rows.filter { $0.dropFirst().contains { $0 != "0" } }.map { $0[0] })
            current.rows = current.rows.filter { interesting.contains($0[0]) }
            let old = before.map { machine -> Table in
                var table = StateTables.counters(machine, processColumns: fits)
                table.rows = table.rows.filter { interesting.contains($0[0]) }
                return table
            }
            return PaneContent.table(current, width: width, before: old, title: "Counters", ellipsis: box.ellipsis)
        }
        // The short form flows its items into as many lines as the width needs, never cutting one.
        func summary(_ c: Counters) -> [String] {
            let items =
                [
                    "faults \(c.pageFaults) (\(c.majorFaults) maj)", "TLB \(c.tlbHits)h/\(c.tlbMisses)m",
                    "disk \(c.diskReads)r/\(c.diskWrites)w",
                    "evict \(c.evictions)", "swap \(c.swapIns)in/\(c.swapOuts)out", "lost \(c.lostUpdates)", "confl \(c.mergeConflicts)",
                    "waits \(c.lockWaits + c.closeWaits)",
                ] + (now.cpus.count > 1 ? ["IPIs \(c.ipis)", "stale \(c.staleTLBUses)"] : [])
            var lines = [""]
            for item in items {
                if lines[lines.count - 1].isEmpty {
                    lines[lines.count - 1] = item
                } else if lines[lines.count - 1].displayWidth + 1 + item.displayWidth <= width {
                    lines[lines.count - 1] += " " + item
                } else {
                    lines.append(item)
                }
            }
            return lines
        }
        let old = before.map { summary($0.counters) }
        let lines = summary(now.counters).enumerated().map { index, text in
            PaneContent.Line(text, old.map { $0[index] != text } == true ? Style(.changed, bold: true) : .normal)
        }
        return PaneContent(title: "Counters", heading: nil, lines: lines)
    }

    static func events(_ session: Session, width: Int, rows: Int = .max) -> PaneContent {
        if let quiz = session.quiz, let question = quiz.current {
            var lines = wrap(question.prompt, width: width).map { PaneContent.Line($0, Style(.accent, bold: true)) }
            lines += question.choices.enumerated().map { PaneContent.Line("  [\($0.offset + 1)] \($0.element)") }
            lines.append(PaneContent.Line("Press 1–\(question.choices.count) to answer, s to skip.", Style(.dim)))
            lines += quiz.feedback.flatMap { feedback in
                wrap(feedback, width: width).map { PaneContent.Line($0, Style(feedback.hasPrefix("✓") ? .good : .bad)) }
            }
            return PaneContent(
                title: "Predict \(quiz.about) · question \(quiz.index + 1) of \(quiz.pending.count) · score \(quiz.score)", heading: nil,
                lines: lines)
        }
        var content = stepEvents(session, width: width, rows: rows)
        if !session.reloadProblems.isEmpty {
            // The watched file no longer parses: why, first in view, over the step it kept.
            let problems =
                [PaneContent.Line("The scenario file has errors: the session goes on with its last good version.", Style(.bad, bold: true))]
                + session.reloadProblems.flatMap { wrap($0, width: width).map { PaneContent.Line($0, Style(.bad)) } }
            content.lines.insert(contentsOf: problems, at: content.focus ?? 0)
            content.keepsEndVisible = false
        }
        if let quiz = session.quiz {
            let feedback = quiz.feedback.flatMap { feedback in
                wrap(feedback, width: width).map { PaneContent.Line($0, Style(feedback.hasPrefix("✓") ? .good : .bad, bold: true)) }
            }
            // Where the step shown begins, so the pane opens on them.
            let at = content.focus ?? 0
            content.lines.insert(contentsOf: feedback, at: at)
            if session.isAtEnd { content.lines.insert(PaneContent.Line("Quiz: " + quiz.summary, Style(.accent, bold: true)), at: at) }
            content.title += " · quiz \(quiz.score)"
        }
        return content
    }

    static func stepEvents(_ session: Session, width: Int, rows: Int = .max) -> PaneContent {
        let result = session.timeline.lastResult
        let machine = session.timeline.current
        guard session.step > 0 else {
            var lines = [PaneContent.Line(session.scenario.description.joined(separator: " "))]
            lines += session.scenario.watch.map { PaneContent.Line("• " + $0, Style(.accent)) }
            lines.append(PaneContent.Line("Press n or space to take the first step, ? for help.", Style(.dim)))
            return PaneContent(
                title: "Step 0 · " + session.scenario.title, heading: nil,
                lines: lines.flatMap { line in wrap(line.text, width: width).map { PaneContent.Line($0, line.style) } })
        }
        let who = result.process.map { machine.name($0) } ?? "—"
        let on = machine.cpus.count > 1 ? result.cpu.map { " on CPU \($0)" } ?? "" : ""
        var title = "Step \(result.step) · \(who)\(on): \(result.operation ?? "nothing can run")"
        let shown = session.visibleEvents
        if let revealed = session.revealed { title += " · event \(revealed) of \(result.events.count) (. for next)" }
        // The steps before, oldest first and dimmed, each under its own heading: what led here. Only
        // as many as the pane could show: the newest first, until they would fill it.
        var history: [[PaneContent.Line]] = []
        var told = 0
        for earlier in session.recentSteps.reversed() where earlier.step < result.step && told < rows {
            let ran = earlier.process.map { machine.name($0) } ?? "—"
            let cpu = machine.cpus.count > 1 ? earlier.cpu.map { " on CPU \($0)" } ?? "" : ""
            var block = [
                PaneContent.Line("Step \(earlier.step) · \(ran)\(cpu): \(earlier.operation ?? "nothing can run")", Style(.dim, bold: true))
            ]
            for event in earlier.events {
                block += wrap(event.explanation, width: width).map { PaneContent.Line($0, Style(.dim)) }
            }
            told += block.count
            history.append(block)
        }
        var lines = Array(history.reversed().joined())
        let focus = lines.count
        if focus > 0 {
            lines.append(
                PaneContent.Line("Step \(result.step) · \(who)\(on): \(result.operation ?? "nothing can run")", Style(.header, bold: true)))
        }
        for (index, event) in shown.enumerated() {
            let newest = session.revealed != nil && index == shown.count - 1
            let style: Style =
                switch event.kind {
                case .lostUpdate, .mergeConflict, .deadlock, .outOfMemory, .segmentationFault, .staleTLB: Style(.bad, bold: true)
                case .minorFault, .majorFault, .protectionFault, .eviction: Style(.accent)
                // Shootdowns between CPUs: the interrupt, its answer, and the one saved.
                case .ipi, .ipiAck, .ipiDeferred: Style(.accent, bold: true)
                default: .normal
                }
            let text = event.explanation
            for line in wrap(text, width: width) {
                lines.append(PaneContent.Line(line, newest ? Style(.changed, bold: true) : style))
            }
        }
        if shown.isEmpty { lines.append(PaneContent.Line("(no events)", Style(.dim))) }
        if session.anatomyVisible, let anatomy = AddressAnatomy.lines(session.shownMachine, result) {
            lines.insert(
                contentsOf: anatomy.flatMap { wrap($0, width: width).map { PaneContent.Line($0, Style(.accent)) } },
                at: focus + (focus > 0 ? 1 : 0))
        }
        var content = PaneContent(title: title, heading: nil, lines: lines, focus: focus)
        content.focusRepeatsTitle = focus > 0
        // Revealing one event at a time: the newest one is in view.
        content.keepsEndVisible = session.revealed != nil && !session.anatomyVisible
        return content
    }
}
