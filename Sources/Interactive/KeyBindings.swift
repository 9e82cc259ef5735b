import VMM

/// Where a key binding applies: a live run, a recording played back, two runs compared, or an
/// open quiz question (on top of a run).
public enum KeyMode: String, Hashable, Sendable, CaseIterable {
    case run, play, compare, quiz
}

/// What a key asks for.
public enum Command: Hashable, Sendable {
    /// An action of the session (both sessions, when comparing).
    case session(Action)
    /// Quiz: the digit pressed picks that choice.
    case answerWithDigit
    /// Playback of a recording.
    case playback(PlaybackCommand)
}

public enum PlaybackCommand: Hashable, Sendable {
    case next, togglePlaying, faster, slower, toStart, toEnd
}

/// One key binding: its keys, what it does, its help text and where it applies, as Bubble Tea's
/// `key.Binding` holds keys and help together. One table drives key handling, the help screen and
/// the status bar in every mode, so they cannot drift apart.
public struct KeyBinding: Sendable {
    public let keys: [Key]
    /// The keys as the help screen spells them.
    public let label: String
    public let command: Command
    public let help: String
    /// The key and word the status bar shows, when it shows this binding.
    public let status: String?
    public let modes: Set<KeyMode>

    init(_ keys: [Key], _ label: String, _ command: Command, _ help: String, status: String? = nil, _ modes: Set<KeyMode>) {
        self.keys = keys
        self.label = label
        self.command = command
        self.help = help
        self.status = status
        self.modes = modes
    }
}

public enum KeyBindings {
    static func keys(_ characters: String) -> [Key] { characters.map { .character($0) } }
    static let everywhere: Set<KeyMode> = [.run, .play, .compare, .quiz]
    static let moving: Set<KeyMode> = [.run, .play, .compare]

    /// Every binding, most specific first: the first that matches a key and a mode wins.
    public static let all: [KeyBinding] = [
        // An open quiz question takes the digits and s.
        KeyBinding(keys("123456789"), "1 … 9", .answerWithDigit, "answer the open question", status: "1-9 answer", [.quiz]),
        KeyBinding(keys("s"), "s", .session(.skipQuestion), "skip the open question", status: "s skip", [.quiz]),
        // A recording's own pace.
        KeyBinding(keys("n ") + [.right], "n  space  →", .playback(.next), "play the next recorded action", status: "n next", [.play]),
        KeyBinding(
            keys("rp") + [.enter], "r  p  Enter", .playback(.togglePlaying), "play / pause at the recorded pace", status: "r play", [.play]),
        KeyBinding(keys("+="), "+", .playback(.faster), "play faster", [.play]),
        KeyBinding(keys("-_"), "-", .playback(.slower), "play slower", [.play]),
        KeyBinding(keys("g") + [.home], "g  Home", .playback(.toStart), "back to the recording's start", [.play]),
        KeyBinding(keys("G") + [.end], "G  End", .playback(.toEnd), "to where the recording ends", status: "G end", [.play]),
        // Moving through a run.
        KeyBinding(
            keys("n l ") + [.right], "n  space  →  l", .session(.stepForward), "step forward one operation", status: "n step",
            [.run, .compare]),
        KeyBinding(keys("bh") + [.left, .backspace], "b  ←  h", .session(.stepBack), "step back one operation", status: "b back", moving),
        KeyBinding(keys("."), ".", .session(.eventForward), "show the next event of the operation", status: ". event", [.run, .play]),
        KeyBinding(keys(","), ",", .session(.eventBack), "step back one event", [.run, .play]),
        KeyBinding(keys("rp") + [.enter], "r  p  Enter", .session(.toggleRun), "run / pause", status: "r run", [.run, .compare]),
        KeyBinding(keys("+="), "+  -", .session(.faster), "run faster / slower", [.run, .compare]),
        KeyBinding(keys("-_"), "-", .session(.slower), "run slower", [.run, .compare]),
        KeyBinding(keys("g") + [.home], "g  Home", .session(.toStart), "jump to the start", [.run, .compare]),
        KeyBinding(
            keys("G") + [.end], "G  End", .session(.toEnd), "jump to the end (Esc stops a long jump)", status: "G end", [.run, .compare]),
        KeyBinding(keys(":"), ":", .session(.openPrompt(.jumpToStep)), "jump to a step number", status: ": jump", moving),
        KeyBinding(
            keys("/"), "/", .session(.openPrompt(.runUntilEvent)),
            "run until an event (fault, eviction, lost-update, ...), or find text in the explanations (Enter alone: next match)",
            status: "/ until", moving),
        KeyBinding(keys("N"), "N", .session(.searchBackward), "find the last text searched for, backward", moving),
        KeyBinding(
            keys("H"), "H", .session(.toggleHistory),
            "every event so far, full screen: j k J K move, g G oldest and newest, n N the next or previous match of the last / search, Enter shows that event",
            [.run, .play]),
        KeyBinding(
            keys("v"), "v", .session(.toggleVersions), "versioned sharing: every version's contents, and each merge word by word",
            [.run, .play]),
        KeyBinding(
            keys("o"), "o", .session(.toggleLists),
            "the replacement lists in order and the ghost queues, whole (ARC, 2Q, S3-FIFO, Linux, MGLRU)", [.run, .play]),
        KeyBinding(
            keys("i"), "i", .session(.toggleInspector),
            "inspect the focused pane: each frame's, TLB entry's, page-table entry's, swap slot's or file page's life; Enter jumps to an event; Esc stops a long reading",
            status: "i inspect", [.run, .play]),
        KeyBinding(keys("E"), "E", .session(.editScenario), "with --watch: edit the scenario in $EDITOR, then reload it", [.run]),
        KeyBinding(
            keys("f"), "f", .session(.runUntil(EventGroups.kinds(named: "fault") ?? [], label: "fault")), "run until the next fault",
            status: "f fault", moving),
        KeyBinding(keys("e"), "e", .session(.runUntil([.eviction], label: "eviction")), "run until the next eviction", moving),
        KeyBinding(keys("u"), "u", .session(.runUntil([.lostUpdate], label: "lost update")), "run until the next lost update", moving),
        KeyBinding(
            keys("c"), "c", .session(.runUntil([.mergeConflict], label: "merge conflict")), "run until the next merge conflict", moving),
        KeyBinding(
            keys("w"), "w", .session(.runUntil([.lockWait, .closeWait], label: "wait")), "run until the next lock or close wait", moving),
        KeyBinding([.escape], "Esc", .session(.cancel), "stop running, or stop a long jump where it got to", moving),
        // Looking around.
        KeyBinding([.tab], "Tab", .session(.nextProcess), "show the next process's page table", status: "Tab process", moving),
        KeyBinding([.backTab], "Shift-Tab", .session(.previousProcess), "show the previous process's page table", moving),
        KeyBinding(keys("t"), "t", .session(.nextCPU), "several CPUs: show the next CPU's TLB", moving),
        KeyBinding(
            keys("a"), "a", .session(.toggleAnatomy),
            "address anatomy: the access's page number, offset, indices, PTE bits, physical address",
            status: "a anatomy", moving),
        KeyBinding(keys("]"), "]", .session(.nextPane), "focus the next pane", [.run, .play]),
        KeyBinding(keys("["), "[", .session(.previousPane), "focus the previous pane", [.run, .play]),
        KeyBinding(keys("j") + [.down], "j  ↓", .session(.scroll(1)), "scroll the focused pane down", [.run, .play]),
        KeyBinding(keys("k") + [.up], "k  ↑", .session(.scroll(-1)), "scroll the focused pane up", [.run, .play]),
        KeyBinding(keys("J") + [.pageDown], "J  PgDn", .session(.scroll(10)), "scroll the focused pane a page down", [.run, .play]),
        KeyBinding(keys("K") + [.pageUp], "K  PgUp", .session(.scroll(-10)), "scroll the focused pane a page up", [.run, .play]),
        KeyBinding(keys("Q"), "Q", .session(.toggleQuiz), "quiz mode: predict each operation before it runs", status: "Q quiz", [.run]),
        KeyBinding(
            keys("?") + [.function(1)], "?  F1", .session(.toggleHelp), "this help: keys and what every column means", status: "? help",
            everywhere),
        KeyBinding(keys("q") + [.interrupt], "q  Ctrl-C", .session(.quit), "quit", status: "q quit", everywhere),
    ]

    /// The binding a key has in the given modes (the first match in table order).
    public static func binding(for key: Key, in modes: Set<KeyMode>) -> KeyBinding? {
        all.first { !$0.modes.isDisjoint(with: modes) && $0.keys.contains(key) }
    }

    /// The bindings the help screen lists in a mode, one line each (a key pair like `+`/`-` once).
    public static func help(for modes: Set<KeyMode>) -> [KeyBinding] {
        var seen = Set<String>()
        return all.filter { binding in
            guard !binding.modes.isDisjoint(with: modes) else { return false }
            // "-" is listed with "+": one line for the pair.
            if binding.label == "-" { return false }
            return seen.insert(binding.label + binding.help).inserted
        }
    }
}
