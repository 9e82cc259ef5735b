import Interactive
import RealKernel
import VMM

/// A session with the real kernel beside it (`lookaside run SCENARIO --real-kernel`): the model's
/// screen, and the kernel's picture after the step shown, side by side on a wide terminal; on a
/// narrow one L switches between them. Stepping back shows the kernel's recorded observations
/// (the kernel cannot be un-run); stepping forward past them runs the kernel on (the caller does,
/// between frames, and hands the steps in with `recorded`).
public struct KernelSession: ScreenModel {
    public var session: Session
    /// The kernel's steps so far, the first step first.
    public private(set) var steps: [RealKernelStep] = []
    public let release: String
    public let privileged: Bool
    /// On a narrow terminal: whether the kernel's picture is shown instead of the model's.
    public var kernelShown = false
    /// Why the kernel stopped, when it did; the model goes on.
    public var problem: String?
    /// How far the kernel's picture is scrolled, when it has the whole screen.
    public var kernelScroll = 0
    /// From this width the two pictures stand side by side.
    public static let sideBySideWidth = 150

    public init(session: Session, release: String, privileged: Bool) {
        self.session = session
        self.release = release
        self.privileged = privileged
    }

    /// The kernel's next step, recorded.
    public mutating func recorded(_ step: RealKernelStep) { steps.append(step) }

    public var isBusy: Bool { session.isBusy }

    public mutating func handle(_ key: Key) -> Outcome {
        if key == .character("L") {
            kernelShown.toggle()
            kernelScroll = 0
            return .none
        }
        // With the kernel's picture on the whole screen, the scrolling keys scroll it.
        if kernelShown,
            let lines = [Key.character("j"): 1, .down: 1, .character("k"): -1, .up: -1, .character("J"): 10, .character("K"): -10][key]
        {
            kernelScroll = max(0, kernelScroll + lines)
            return .none
        }
        return session.handle(key)
    }

    public mutating func tick(seconds: Double) -> Outcome { session.tick(seconds: seconds) }

    public mutating func handlePointer(_ button: MouseButton, at hit: PointerHit?) -> Outcome {
        session.handlePointer(button, at: hit)
    }

    static func kernelWidth(_ width: Int) -> Int { min(100, max(60, width * 2 / 5)) }

    public func render(width: Int, height: Int, box: BoxCharacters) -> Grid {
        if width >= Self.sideBySideWidth {
            let right = Self.kernelWidth(width)
            var grid = Grid(width: width, height: height)
            let model = Screen.render(session, width: width - right, height: height, box: box)
            for y in 0..<height {
                for x in 0..<(width - right) { grid[x, y] = model[x, y] }
            }
            Screen.draw(
                panel(width: right), in: Rect(x: width - right, y: 0, width: right, height: height), scroll: 0, focused: false, box: box,
                into: &grid)
            return grid
        }
        guard kernelShown, width >= Screen.minimumWidth, height >= Screen.minimumHeight else {
            var grid = Screen.render(session, width: width, height: height, box: box)
            // The status bar's keys, after the one this screen adds, unless it says something else.
            if width >= Screen.minimumWidth, height >= Screen.minimumHeight, session.prompt == nil, session.seek == nil,
                session.message == nil
            {
                let y = height - 1
                grid.fill(Rect(x: 0, y: y, width: width, height: 1), with: Cell(" ", Style(.statusBar)))
                let used = grid.write(" L Linux ", x: 0, y: y, style: Style(.statusBar, bold: true))
                let keys = KeyBindings.statusLine(for: KeyMap.modes(of: session, base: .run), width: width - used)
                _ = grid.write(keys, x: used, y: y, style: Style(.statusBar), limit: width)
            }
            return grid
        }
        var grid = Grid(width: width, height: height)
        Screen.draw(
            panel(width: width), in: Rect(x: 0, y: 0, width: width, height: height - 1), scroll: kernelScroll, focused: true, box: box,
            into: &grid)
        grid.fill(Rect(x: 0, y: height - 1, width: width, height: 1), with: Cell(" ", Style(.statusBar)))
        _ = grid.write(" L the model  n step  b back  j k scroll  q quit", x: 0, y: height - 1, style: Style(.statusBar), limit: width)
        return grid
    }

    public func hitTest(x: Int, y: Int, width: Int, height: Int, box: BoxCharacters) -> PointerHit? {
        if width >= Self.sideBySideWidth {
            let left = width - Self.kernelWidth(width)
            return x < left ? Screen.hitTest(session, x: x, y: y, width: left, height: height, box: box) : nil
        }
        return kernelShown ? nil : Screen.hitTest(session, x: x, y: y, width: width, height: height, box: box)
    }

    /// The kernel's picture after the step shown, in words and small tables.
    func panel(width: Int) -> PaneContent {
        let shown = session.step
        let inner = width - 2
        var lines: [PaneContent.Line] = []
        func say(_ text: String, _ style: Style = .normal) {
            lines += wrap(text, width: inner).map { PaneContent.Line($0, style) }
        }
        var title = "Linux \(release)"
        if shown == 0 {
            say("Nothing has run yet. Each step runs in the model and on this machine's kernel, by real processes.")
        } else if shown > steps.count {
            say(problem.map { "The kernel stopped: \($0)" } ?? "Running the kernel to step \(shown)…", Style(problem == nil ? .dim : .bad))
        } else {
            let step = steps[shown - 1]
            title += " · step \(shown)" + (shown < steps.count ? " · recorded (the kernel cannot be un-run)" : "")
            lines += KernelPanel.lines(step, width: inner, privileged: privileged)
        }
        if let problem, shown <= steps.count, shown == steps.count { say("The kernel stopped after this step: \(problem)", Style(.bad)) }
        lines.append(PaneContent.Line(""))
        let counters = steps.last?.kernel.tlbCounters == true
        say(
            counters
                ? "Not visible from user space: the TLB's contents (misses come from the CPU's counters); the dirty bit of anonymous pages."
                : "Not visible from user space: the TLB's contents, hits and misses (no data-TLB counters on this CPU); the dirty bit of anonymous pages.",
            Style(.dim))
        if !privileged { say("Not root: frames (PFNs), map counts and page flags need root.", Style(.dim)) }
        return PaneContent(title: title, heading: nil, lines: lines)
    }
}

/// The lines of one kernel step: differences first, then frames, page tables, page cache, faults.
enum KernelPanel {
    static func lines(_ step: RealKernelStep, width: Int, privileged: Bool) -> [PaneContent.Line] {
        var lines: [PaneContent.Line] = []
        func say(_ text: String, _ style: Style = .normal) {
            lines += wrap(text, width: width).map { PaneContent.Line($0, style) }
        }
        if step.differences.isEmpty {
            say("Agrees with the model.", Style(.good, bold: true))
        } else {
            say("Differs from the model:", Style(.header, bold: true))
            for difference in step.differences { say("• " + difference.text, Style(.changed)) }
        }
        lines.append(PaneContent.Line(""))
        if privileged {
            say("Frames (PFN = the model's frame, map count, flags, mapped by)", Style(.header))
            if step.kernel.frames.isEmpty { say("  none mapped") }
            for frame in step.kernel.frames {
                let model = frame.modelFrame.map { " = \($0)" } ?? ""
                say("  \(hex(Int(frame.pfn)))\(model) ×\(frame.mapCount) \(frame.flags.joined(separator: " ")) · \(frame.mapperList)")
            }
        }
        say("Page tables (present pages)", Style(.header))
        for process in step.kernel.processes where process.running {
            let pages = process.pages.map { page in
                "\(hex(page.page))\(page.swapped ? " swapped" : "")\(page.exclusive ? "" : " shared")\(page.filePage ? "" : " anon")"
            }
            say(
                "  \(process.name) (pid \(process.pid.map(String.init) ?? "—")): "
                    + (pages.isEmpty ? "none" : pages.joined(separator: ", ")))
        }
        say("Page cache", Style(.header))
        for file in step.kernel.files {
            let cached = file.pages.filter(\.cached).map {
                "p\($0.page)\($0.dirty == true ? " dirty" : "")\($0.writeback == true ? " writeback" : "")"
            }
            say("  \(file.name): " + (cached.isEmpty ? "nothing cached" : cached.joined(separator: ", ")))
        }
        if let (seen, minor, major, _) = step.runningProcess {
            say(
                "Faults in the step: \(seen.name) \(seen.minorFaults) minor, \(seen.majorFaults) major on Linux; \(minor), \(major) in the model (Linux's count includes the helper's own)",
                Style(.dim))
        }
        if let value = step.kernelValue { say("The read returned \(value).") }
        return lines
    }
}
