import Scenario
import VMM

/// Each pane as a function of the session.
public enum Panes {
    /// `versus` replaces what rows are compared with: the other side, in a comparison.
    public static func content(_ pane: PaneID, session: Session, width: Int, compact: Bool, box: BoxCharacters, versus: Machine? = nil) -> PaneContent {
        let now = session.shownMachine
        let before = versus ?? session.comparedMachine
        let inner = max(1, width - 2)
        func table(_ make: (Machine) -> Table, title: String? = nil) -> PaneContent {
            var current = make(now)
            if box == .ascii { current = current.asciiOnly() }
            var old = before.map(make)
            if box == .ascii { old = old?.asciiOnly() }
            return PaneContent.table(current, width: inner, before: old, title: title, ellipsis: box.ellipsis)
        }
        switch pane {
        case .processes:
            // The process that ran the step being shown is marked.
            let ran = session.timeline.lastResult.process
            return table({ machine in
                var processes = StateTables.processes(machine)
                for index in processes.rows.indices { processes.rows[index][0] = (index == ran ? String(box.marker) : " ") + processes.rows[index][0] }
                return processes
            })
        case .pageTable:
            let pid = min(session.focusedProcess, max(0, now.processes.count - 1))
            let name = now.processes.isEmpty ? "" : now.processes[pid].name
            let more = now.processes.count > 1 ? " (Tab: next)" : ""
            let levels = now.configuration.pageTableLevels
            let shape = now.configuration.invertedPageTable ? " · inverted, \(now.configuration.hashBuckets) buckets"
                : levels.isEmpty ? "" : " · \(levels.count) levels \(levels.map(String.init).joined(separator: "/")), \(now.processes.isEmpty ? 0 : now.processes[pid].tablePages.count) table pages"
            return table({ StateTables.pageTable($0, process: pid) }, title: "Page table of \(name)\(shape)\(more)")
        case .tlb:
            let c = now.configuration.tlb
            let shape = c.entries == 0 ? "none" : "\(c.entries) \(c.ways == 0 ? "fully assoc." : "\(c.ways)-way") \(c.replacement.rawValue.uppercased())\(c.tagged ? " ASID" : " flush")"
            return table(StateTables.tlb, title: "TLB · \(shape)")
        case .frames:
            let policy = now.configuration.replacement.rawValue.uppercased()
            return table(StateTables.frames, title: "Frames · \(policy)\(now.configuration.replacement == .clock ? " hand at \(now.clockHand)" : "")")
        case .swap:
            let used = now.swap.filter { $0 != nil }.count
            return table(StateTables.swap, title: "Swap · \(used)/\(now.swap.count) used")
        case .files:
            return table(StateTables.files, title: "Files · write-\(now.configuration.writePolicy.rawValue) · \(now.configuration.sharing.name)")
        case .counters:
            return counters(now, before: before, wide: !compact, width: inner, box: box)
        case .events:
            return events(session, width: inner)
        }
    }

    static func counters(_ now: Machine, before: Machine?, wide: Bool, width: Int, box: BoxCharacters) -> PaneContent {
        if wide {
            var current = StateTables.counters(now)
            // Keep only counters that are not all zero, so the pane shows what happened.
            let interesting = Set(current.rows.filter { $0.dropFirst().contains { $0 != "0" } }.map { $0[0] })
            current.rows = current.rows.filter { interesting.contains($0[0]) }
            let old = before.map { machine -> Table in
                var table = StateTables.counters(machine)
                table.rows = table.rows.filter { interesting.contains($0[0]) }
                return table
            }
            return PaneContent.table(current, width: width, before: old, title: "Counters", ellipsis: box.ellipsis)
        }
        func summary(_ c: Counters) -> [String] {
            ["faults \(c.pageFaults) (\(c.majorFaults) maj) TLB \(c.tlbHits)h/\(c.tlbMisses)m disk \(c.diskReads)r/\(c.diskWrites)w",
             "evict \(c.evictions) swap \(c.swapIns)in/\(c.swapOuts)out lost \(c.lostUpdates) confl \(c.mergeConflicts) waits \(c.lockWaits + c.closeWaits)"]
        }
        let old = before.map { summary($0.counters) }
        let lines = summary(now.counters).enumerated().map { index, text in
            PaneContent.Line(text, old.map { $0[index] != text } == true ? Style(.changed, bold: true) : .normal)
        }
        return PaneContent(title: "Counters", heading: nil, lines: lines)
    }

    static func events(_ session: Session, width: Int) -> PaneContent {
        if let quiz = session.quiz, let question = quiz.current {
            var lines = wrap(question.prompt, width: width).map { PaneContent.Line($0, Style(.accent, bold: true)) }
            lines += question.choices.enumerated().map { PaneContent.Line("  [\($0.offset + 1)] \($0.element)") }
            lines.append(PaneContent.Line("Press 1–\(question.choices.count) to answer, s to skip.", Style(.dim)))
            lines += quiz.feedback.flatMap { feedback in
                wrap(feedback, width: width).map { PaneContent.Line($0, Style(feedback.hasPrefix("✓") ? .good : .bad)) }
            }
            return PaneContent(title: "Predict \(quiz.about) · question \(quiz.index + 1) of \(quiz.pending.count) · score \(quiz.score)", heading: nil, lines: lines)
        }
        var content = stepEvents(session, width: width)
        if let quiz = session.quiz {
            let feedback = quiz.feedback.flatMap { feedback in
                wrap(feedback, width: width).map { PaneContent.Line($0, Style(feedback.hasPrefix("✓") ? .good : .bad, bold: true)) }
            }
            content.lines = feedback + content.lines
            if session.isAtEnd { content.lines.insert(PaneContent.Line("Quiz: " + quiz.summary, Style(.accent, bold: true)), at: 0) }
            content.title += " · quiz \(quiz.score)"
        }
        return content
    }

    static func stepEvents(_ session: Session, width: Int) -> PaneContent {
        let result = session.timeline.lastResult
        let machine = session.timeline.current
        guard session.step > 0 else {
            var lines = [PaneContent.Line(session.scenario.description.joined(separator: " "))]
            lines += session.scenario.watch.map { PaneContent.Line("• " + $0, Style(.accent)) }
            lines.append(PaneContent.Line("Press n or space to take the first step, ? for help.", Style(.dim)))
            return PaneContent(title: "Step 0 · " + session.scenario.title, heading: nil,
                               lines: lines.flatMap { line in wrap(line.text, width: width).map { PaneContent.Line($0, line.style) } })
        }
        let who = result.process.map { machine.name($0) } ?? "—"
        var title = "Step \(result.step) · \(who): \(result.operation ?? "nothing can run")"
        let shown = session.visibleEvents
        if let revealed = session.revealed { title += " · event \(revealed) of \(result.events.count) (. for next)" }
        var lines: [PaneContent.Line] = []
        for (index, event) in shown.enumerated() {
            let newest = session.revealed != nil && index == shown.count - 1
            let style: Style = switch event.kind {
            case .lostUpdate, .mergeConflict, .deadlock, .outOfMemory, .segmentationFault: Style(.bad, bold: true)
            case .minorFault, .majorFault, .protectionFault, .eviction: Style(.accent)
            default: .normal
            }
            let text = event.explanation
            for line in wrap(text, width: width) {
                lines.append(PaneContent.Line(line, newest ? Style(.changed, bold: true) : style))
            }
        }
        if shown.isEmpty { lines = [PaneContent.Line("(no events)", Style(.dim))] }
        return PaneContent(title: title, heading: nil, lines: lines)
    }
}

extension Table {
    /// Replaces the few non-ASCII symbols tables use, for terminals without UTF-8.
    func asciiOnly() -> Table {
        func clean(_ text: String) -> String {
            String(text.map { character -> Character in
                switch character {
                case "—": "-"
                case "·": "."
                case "◀": "<"
                case "–": "-"
                default: character
                }
            })
        }
        var copy = self
        copy.title = clean(title)
        copy.rows = rows.map { $0.map(clean) }
        copy.columns = columns.map(clean)
        copy.shortColumns = shortColumns?.map(clean)
        return copy
    }
}
