import FoundationEssentials
import Interactive
import Recording
import Scenario

/// A recording out of the terminal, drawn by the interface's own renderer at the time each screen
/// was recorded: an asciinema cast (format version 2) that plays as it looked live, or one
/// self-contained HTML page that steps through it. The same recording and size give the same bytes.
public enum RecordingExport {
    /// One screen the session showed, and when.
    struct Frame {
        var time: Double
        var step: Int
        var grid: Grid
    }

    /// Every distinct screen of the recording in turn, first as it began; times in milliseconds,
    /// never going back. Only the screen before is kept, so an export's memory is that of two
    /// screens whatever the recording's length.
    static func forEachFrame(_ replay: Replay, width: Int, height: Int, _ body: (Frame) throws -> Void) rethrows {
        var last: Grid?
        var time = 0.0
        try replay.replaying { recorded, session in
            time = max(time, ((recorded?.time ?? 0) * 1000).rounded() / 1000)
            let grid = Screen.render(session, width: width, height: height)
            guard last != grid else { return }
            last = grid
            try body(Frame(time: time, step: session.step, grid: grid))
        }
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

    /// The cast, handed to `sink` a line at a time as the recording is replayed.
    public static func cast(_ replay: Replay, width: Int, height: Int, to sink: (String) throws -> Void) rethrows {
        try sink(json(Header(width: width, height: height, title: "Lookaside · \(replay.scenario.title.printable)")) + "\n")
        var first = true
        try forEachFrame(replay, width: width, height: height) { frame in
            try sink(json(Event(time: frame.time, data: (first ? "\u{1b}[2J" : "") + GridExport.ansi(frame.grid))) + "\n")
            first = false
        }
    }

    public static func cast(_ replay: Replay, width: Int, height: Int) -> String {
        var text = ""
        cast(replay, width: width, height: height) { text += $0 }
        return text
    }

    struct PageFrame: Encodable {
        var time: Double
        var step: Int
        var html: String
    }

    /// One page, nothing fetched: the frames as data, the first drawn without script, and buttons,
    /// the arrow keys and space to step through them or play them at the recorded pace. Handed to
    /// `sink` a frame at a time as the recording is replayed.
    public static func html(_ replay: Replay, width: Int, height: Int, to sink: (String) throws -> Void) rethrows {
        let title = GridExport.escaped("Lookaside · \(replay.scenario.title)")
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
        var count = 0
        try forEachFrame(replay, width: width, height: height) { frame in
            let page = PageFrame(time: frame.time, step: frame.step, html: GridExport.htmlRows(frame.grid).joined(separator: "\n"))
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
            try sink((count == 0 ? "" : ",\n") + json(page).replacing("</", with: "<\\/"))
            count += 1
        }
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

    public static func html(_ replay: Replay, width: Int, height: Int) -> String {
        var text = ""
        html(replay, width: width, height: height) { text += $0 }
        return text
    }
}
