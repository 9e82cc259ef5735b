import VMM

/// What lies over the screen: help, the history, the inspector and the file versions, one at a
/// time. None is recorded: they change what is looked at, not where the session stands.
extension Session {
    public var helpVisible: Bool { if case .help = overlay { true } else { false } }
    public var helpScroll: Int { if case .help(let scroll) = overlay { scroll } else { 0 } }
    public var versionsVisible: Bool { if case .versions = overlay { true } else { false } }
    public var versionsScroll: Int { if case .versions(let scroll) = overlay { scroll } else { 0 } }
    public var listsVisible: Bool { if case .lists = overlay { true } else { false } }
    public var listsScroll: Int { if case .lists(let scroll) = overlay { scroll } else { 0 } }
    /// Every event so far over the whole screen, while open.
    public var history: HistoryView? { if case .history(let view) = overlay { view } else { nil } }
    /// The life of the thing chosen in the focused pane, while the inspector is open.
    public var inspector: Inspector? { if case .inspector(let inspector) = overlay { inspector } else { nil } }

    /// Closes what lies over the screen, and stops any work it had under way.
    mutating func closeOverlay() {
        overlay = nil
        if seek?.isOverlays == true { seek = nil }
    }

    /// Opens `next` in place of whatever lay over the screen.
    mutating func open(_ next: Overlay) {
        closeOverlay()
        overlay = next
    }

    mutating func toggleHelp() {
        if helpVisible { closeOverlay() } else { open(.help(scroll: 0)) }
    }

    mutating func scrollOverlay(by delta: Int) {
        switch overlay {
        case .help(let scroll): overlay = .help(scroll: max(0, min(Self.scrollLimit, scroll + delta)))
        case .versions(let scroll): overlay = .versions(scroll: max(0, min(Self.scrollLimit, scroll + delta)))
        case .lists(let scroll): overlay = .lists(scroll: max(0, min(Self.scrollLimit, scroll + delta)))
        case .history, .inspector, nil: break
        }
    }

    mutating func toggleVersions() {
        amounted = []
        if versionsVisible {
            closeOverlay()
        } else if timeline.current.configuration.sharing == .versioned {
            open(.versions(scroll: 0))
        } else {
            message = "v shows file versions under versioned sharing (sharing versioned, or --set sharing=versioned)."
        }
    }

    mutating func toggleLists() {
        amounted = []
        if listsVisible {
            closeOverlay()
        } else if !timeline.current.policyView.lists.isEmpty {
            open(.lists(scroll: 0))
        } else {
            message =
                "o shows the lists and ghost queues of ARC, 2Q, S3-FIFO, Linux and MGLRU (--set replacement=arc); \(timeline.current.configuration.replacement.label) keeps none."
        }
    }

    mutating func toggleHistory() {
        amounted = []
        if history != nil {
            closeOverlay()
        } else {
            open(.history(HistoryView(timeline: timeline, at: step)))
            if step == 0 { message = "Nothing has happened yet: take a step first." }
        }
    }

    mutating func moveInHistory(by delta: Int) {
        amounted = []
        guard case var .history(view) = overlay else { return }
        view.move(by: delta, timeline)
        overlay = .history(view)
    }

    mutating func moveInHistory(toNewest newest: Bool) {
        amounted = []
        guard case var .history(view) = overlay else { return }
        view.showEnd(newest: newest, timeline)
        overlay = .history(view)
    }

    mutating func toggleInspector() {
        amounted = []
        if inspector != nil { closeOverlay() } else { openInspector() }
    }

    /// Opens the inspector on the focused pane (on `row`'s thing, for a click), its things' lives
    /// read from every step so far.
    mutating func openInspector(row: Int? = nil) {
        let cpu = min(focusedCPU ?? timeline.lastResult.cpu ?? 0, timeline.current.cpus.count - 1)
        guard var opened = Inspector(pane: focusedPane, machine: shownMachine, focusedProcess: focusedProcess, cpu: cpu, through: step)
        else {
            message = "Nothing to inspect in this pane: focus frames, the TLB, a page table, swap or files with [ ] first."
            return
        }
        if let row,
            let subject = Inspector.subject(atRow: row, of: focusedPane, in: shownMachine, focusedProcess: focusedProcess, cpu: cpu),
            let index = opened.subjects.firstIndex(of: subject)
        {
            opened.select(index)
        }
        open(.inspector(opened))
        readLife()
    }

    mutating func inspectSubject(by delta: Int) {
        amounted = []
        if changeInspector({ $0.moveSubject(by: delta) }) { readLife() }
    }

    mutating func inspectEntry(by delta: Int) {
        amounted = []
        changeInspector { $0.moveEntry(by: delta) }
    }

    /// Changes the open inspector in place; false (and nothing changed) when none is open.
    @discardableResult
    mutating func changeInspector(_ change: (inout Inspector) -> Void) -> Bool {
        guard case var .inspector(opened) = overlay else { return false }
        change(&opened)
        overlay = .inspector(opened)
        return true
    }

    /// Enter in the inspector: the chosen entry's step, with its event revealed.
    mutating func inspectJump() {
        amounted = []
        guard let chosen = inspector, chosen.life.indices.contains(chosen.entry) else { return }
        let target = chosen.life[chosen.entry]
        closeOverlay()
        amount(to: .jump(to: target.step))
        message =
            "Step \(target.step), event \(target.index + 1) of its \(timeline.lastResult.events.count): \(target.event.kind.rawValue)."
    }

    /// The inspector's chosen life, read as long work (the steps so far may be many).
    mutating func readLife() {
        guard inspector?.reading != nil else { return }
        // Not recorded (an overlay's own work), so the action under way still amounts to nothing.
        startSeek(Seek(action: .toggleInspector, goal: .readLife, from: step))
    }
}
