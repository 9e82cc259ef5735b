import FoundationEssentials
import Interactive
import Recording

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

    /// Every distinct screen of the recording, first as it began; times in milliseconds, never
    /// going back.
    static func frames(_ replay: Replay, width: Int, height: Int) -> [Frame] {
        var frames: [Frame] = []
        var time = 0.0
        replay.replaying { recorded, session in
            time = max(time, ((recorded?.time ?? 0) * 1000).rounded() / 1000)
            let grid = Screen.render(session, width: width, height: height)
            guard frames.last?.grid != grid else { return }
            frames.append(Frame(time: time, step: session.step, grid: grid))
        }
        return frames
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

    public static func cast(_ replay: Replay, width: Int, height: Int) -> String {
        var lines = [json(Header(width: width, height: height, title: "Lookaside · \(replay.scenario.title)"))]
        for (index, frame) in frames(replay, width: width, height: height).enumerated() {
            lines.append(json(Event(time: frame.time, data: (index == 0 ? "\u{1b}[2J" : "") + GridExport.ansi(frame.grid))))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct PageFrame: Encodable {
        var time: Double
        var step: Int
        var html: String
    }

    /// One page, nothing fetched: the frames as data, the first drawn without script, and buttons,
    /// the arrow keys and space to step through them or play them at the recorded pace.
    public static func html(_ replay: Replay, width: Int, height: Int) -> String {
        let frames = frames(replay, width: width, height: height).map {
            PageFrame(time: $0.time, step: $0.step, html: GridExport.htmlRows($0.grid).joined(separator: "\n"))
        }
        let title = GridExport.escaped("Lookaside · \(replay.scenario.title)")
        // JSON inside a script element must not close it.
        let data = json(frames).replacing("</", with: "<\\/")
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(title)</title>
            <style>
            body{margin:0;background:\(GridExport.background);color:\(GridExport.foreground);font:14px sans-serif}
            pre{margin:1em;font:14px/17px "DejaVu Sans Mono",Menlo,Consolas,monospace;color:\(GridExport.foreground)}
            nav{margin:1em}button{font:14px sans-serif;margin-right:.5em}
            </style>
            </head><body>
            <nav><button id="back" type="button">◀ back</button><button id="play" type="button">▶ play</button><button id="next" type="button">next ▶</button>
            <span id="where">frame 1 of \(frames.count) · step \(frames.first?.step ?? 0)</span> · ← → step, space plays</nav>
            <pre id="screen">\(frames.first?.html ?? "")</pre>
            <script type="application/json" id="frames">\(data)</script>
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
              window.lookaside = { show: show, shown: function () { return shown; }, count: frames.length };
            })();
            </script>
            </body></html>

            """
    }
}
