import FoundationEssentials
import Interactive
import Runs

/// A recording out of the terminal, drawn by the interface's own renderer at the time each screen
/// was recorded: an asciinema cast (format version 2) that plays as it looked live, or one
/// self-contained HTML page that steps through it. The same recording and size give the same bytes.
///
/// A writer, shown the sessions of a replay in turn (`RecordedScreens.play`): each distinct
/// screen goes to `sink` as it is drawn, and only the screen before is kept, so an export's memory
/// is that of two screens whatever the recording's length.
public struct RecordingExport: ScreenObserver {
    public enum Format: Sendable { case cast, page }

    let format: Format
    let width: Int, height: Int
    let sink: (String) throws -> Void
    var last: Grid?
    var count = 0

    /// Starts the export of a recording of the scenario titled `title`: writes the cast's header
    /// or the page's head.
    public init(_ format: Format, title: String, width: Int, height: Int, to sink: @escaping (String) throws -> Void) throws {
        self.format = format
        self.width = width
        self.height = height
        self.sink = sink
        switch format {
        case .cast: try sink(Self.json(Header(width: width, height: height, title: "Lookaside · \(title.printable)")) + "\n")
        case .page: try Self.writePageHead(title: title, to: sink)
        }
    }

    /// The screen `session` shows at `time` (seconds), unless it is the screen already shown.
    public mutating func show(_ session: Session, at time: Double) throws {
        let grid = Screen.render(session, width: width, height: height)
        guard last != grid else { return }
        last = grid
        switch format {
        case .cast:
            try sink(Self.json(Event(time: time, data: (count == 0 ? "\u{1b}[2J" : "") + GridExport.ansi(grid))) + "\n")
        case .page:
            let page = PageFrame(time: time, step: session.step, html: GridExport.htmlRows(grid).joined(separator: "\n"))
            if count == 0 {
                // The first screen is drawn without script; the frames follow as one JSON array.
                try sink(
                    """
                    <nav><button id="back" type="button">◀ back</button><button id="play" type="button">▶ play</button><button id="next" type="button">next ▶</button>
                    <span id="where">frame 1 · step \(page.step)</span> · ← → step, space plays</nav>
                    <pre id="screen">\(page.html)</pre>
                    <script type="application/json" id="frames">[
                    """)
            }
            // JSON inside a script element must not close it.
            try sink((count == 0 ? "" : ",\n") + Self.json(page).replacing("</", with: "<\\/"))
        }
        count += 1
    }

    /// Ends the export: the page's script (a cast needs no ending).
    public func finish() throws {
        guard format == .page else { return }
        try sink(
            """
            ]</script>

            <script>
            (function () {
              var frames = JSON.parse(document.getElementById("frames").textContent);
              var screen = document.getElementById("screen"), where = document.getElementById("where");
              var play = document.getElementById("play"), shown = 0, timer = null;
              function show(index) {
                shown = Math.max(0, Math.min(frames.length - 1, index));
                screen.innerHTML = frames[shown].html;
                where.textContent = "frame " + (shown + 1) + " of " + frames.length + " · step " + frames[shown].step;
              }
              function stop() { if (timer !== null) { clearTimeout(timer); timer = null; } play.textContent = "▶ play"; }
              function next() {
                if (shown + 1 >= frames.length) { stop(); return; }
                show(shown + 1);
                if (timer !== null) { schedule(); }
              }
              function schedule() {
                if (shown + 1 >= frames.length) { stop(); return; }
                timer = setTimeout(next, Math.max(50, (frames[shown + 1].time - frames[shown].time) * 1000));
              }
              function toggle() { if (timer !== null) { stop(); } else { play.textContent = "❚❚ pause"; schedule(); } }
              document.getElementById("back").onclick = function () { stop(); show(shown - 1); };
              document.getElementById("next").onclick = function () { stop(); show(shown + 1); };
              play.onclick = toggle;
              document.addEventListener("keydown", function (event) {
                if (event.key === "ArrowRight") { stop(); show(shown + 1); event.preventDefault(); }
                else if (event.key === "ArrowLeft") { stop(); show(shown - 1); event.preventDefault(); }
                else if (event.key === " ") { toggle(); event.preventDefault(); }
              });
              show(0);
              window.lookaside = { show: show, shown: function () { return shown; }, count: frames.length };
            })();
            </script>
            </body></html>

            """)
    }

    static func writePageHead(title: String, to sink: (String) throws -> Void) throws {
        let title = GridExport.escaped("Lookaside · \(title)")
        try sink(
            """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(title)</title>
            <style>
            body{margin:0;background:\(GridExport.background);color:\(GridExport.foreground);font:14px sans-serif}
            pre{margin:1em;font:14px/17px "DejaVu Sans Mono",Menlo,Consolas,monospace;color:\(GridExport.foreground)}
            nav{margin:1em}button{font:14px sans-serif;margin-right:.5em}
            </style>
            </head><body>

            """)
    }

    struct Header: Encodable {
        var version = 2
        var width, height: Int
        var title: String
    }

    struct Event: Encodable {
        var time: Double
        var data: String

        func encode(to encoder: any Encoder) throws {
            var fields = encoder.unkeyedContainer()
            try fields.encode(time)
            try fields.encode("o")
            try fields.encode(data)
        }
    }

    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }

    struct PageFrame: Encodable {
        var time: Double
        var step: Int
        var html: String
    }

}
