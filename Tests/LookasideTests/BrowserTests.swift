import Foundation
import Testing

/// The exports as a person meets them: opened from a file:// URL in a real browser (headless
/// Chromium), read back from what the browser laid out, stepped with the keyboard and the mouse,
/// and watched for any request that leaves the machine.
@Suite(.serialized, .enabled(if: HeadlessChromium.available, "needs headless Chromium (Debian's chromium package)"))
struct BrowserTests {
    let directory = NSTemporaryDirectory() + "lookaside-browser-\(getpid())"

    init() throws { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }

    /// A screen's rows as compared here: without the spaces that end a row.
    func rows(_ text: String) -> [String] {
        var lines = text.components(separatedBy: "\n").map { String($0.reversed().drop { $0 == " " }.reversed()) }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Every request the page made stayed on this machine: the file itself and nothing else.
    func expectNothingFetched(_ browser: HeadlessChromium, opened: [URL]) {
        let requested = browser.requestedURLs
        for url in opened { #expect(requested.contains(url.absoluteString), "the browser's request log missed \(url)") }
        let outside = requested.filter { !$0.hasPrefix("file://") && !$0.hasPrefix("data:") && $0 != "about:blank" }
        #expect(outside.isEmpty, "the page fetched \(outside)")
    }

    /// Keeps a picture of the page when LOOKASIDE_SCREENSHOTS names a folder, for a person to look at.
    func keepScreenshot(_ browser: HeadlessChromium, _ name: String) throws {
        guard let folder = ProcessInfo.processInfo.environment["LOOKASIDE_SCREENSHOTS"] else { return }
        try browser.screenshot().write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
    }

    @Test func aRecordedWalkthroughPlaysInTheBrowserAsTheTerminalShowedIt() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // A session recorded in the real interface, its first and last screens read from the terminal.
        let recording = "\(directory)/walk.lkr"
        let tmux = try TmuxSession(["run", "lost-update", "--record", recording], width: 100, height: 30)
        try tmux.waitFor("step 0 of 12")
        let first = rows(try tmux.screen())
        try tmux.send("n")
        try tmux.waitFor("step 1 of 12")
        let second = rows(try tmux.screen())
        try tmux.send("n", "n")
        try tmux.waitFor("step 3 of 12")
        // The next step revealed one event at a time: the recording ends part way through it.
        try tmux.send(".")
        try tmux.waitFor("event 1 of 6")
        let last = rows(try tmux.screen())
        try tmux.send("q")
        #expect(try tmux.ending().status == "EXIT=0")
        let page = "\(directory)/walk.html"
        let exported = try lookaside(["export", recording, "--size", "100x30", "-o", page])
        #expect(exported.status == 0, "\(exported.standardError)")

        let browser = try HeadlessChromium()
        defer { browser.close() }
        let url = URL(fileURLWithPath: page)
        try browser.open(url)
        func shown() throws -> (where: String, rows: [String]) {
            let state = try #require(
                try browser.evaluate(#"[document.getElementById("where").innerText, document.getElementById("screen").innerText]"#)
                    as? [String])
            return (state[0], rows(state[1]))
        }
        let frames = try #require(try browser.evaluate("lookaside.count") as? Int)
        #expect(frames == 5)
        // The page opens on the session's first screen, as the terminal drew it.
        var now = try shown()
        #expect(now.where == "frame 1 of \(frames) · step 0")
        #expect(now.rows == first)
        try keepScreenshot(browser, "walk-first.png")
        // → moves to the next recorded screen, ← back again.
        try browser.press("ArrowRight", code: "ArrowRight", keyCode: 39)
        now = try shown()
        #expect(now.where == "frame 2 of \(frames) · step 1")
        #expect(now.rows == second)
        try browser.press("ArrowLeft", code: "ArrowLeft", keyCode: 37)
        #expect(try shown().where == "frame 1 of \(frames) · step 0")
        // The buttons, clicked with the mouse.
        try browser.click("#next")
        try browser.click("#next")
        #expect(try shown().where == "frame 3 of \(frames) · step 2")
        try browser.click("#back")
        #expect(try shown().where == "frame 2 of \(frames) · step 1")
        // Space plays the rest at the recorded pace and stops on the last screen.
        try browser.press(" ", code: "Space", keyCode: 32)
        let deadline = Date().addingTimeInterval(30)
        while try shown().where != "frame \(frames) of \(frames) · step 4", Date() < deadline { usleep(100_000) }
        now = try shown()
        #expect(now.where == "frame \(frames) of \(frames) · step 4")
        #expect(now.rows == last)
        #expect(try browser.evaluate(#"document.getElementById("play").innerText"#) as? String == "▶ play")
        try keepScreenshot(browser, "walk-last.png")
        // In the terminal's colours: the dark background and more than one colour of text.
        #expect(try browser.evaluate("getComputedStyle(document.body).backgroundColor") as? String == "rgb(30, 30, 30)")
        let colours = try #require(
            try browser.evaluate(
                ##"Array.from(new Set(Array.from(document.querySelectorAll("#screen span")).map(s => getComputedStyle(s).color)))"##)
                as? [String])
        #expect(colours.count >= 3, "\(colours)")
        expectNothingFetched(browser, opened: [url])
    }

    /// The SVG positions each run of text itself: put back into rows, what the browser laid out is
    /// the text snapshot of the same step.
    @Test func aSnapshotAndAFaultCurveOpenInTheBrowser() throws {
        defer { try? FileManager.default.removeItem(atPath: directory) }
        for name in ["step.svg", "step.html", "step.txt"] {
            let result = try lookaside(["snapshot", "lost-update", "--step", "10", "--size", "100x30", "-o", "\(directory)/\(name)"])
            #expect(result.status == 0, "\(result.standardError)")
        }
        let text = rows(try String(contentsOfFile: "\(directory)/step.txt", encoding: .utf8))
        #expect(text.contains { $0.contains("step 10 of 12") })
        let plot = try lookaside([
            "sim", "--refs", "1,2,3,4,1,2,5,1,2,3,4,5", "--policy", "fifo,lru", "--sweep", "1...7", "--plot", "\(directory)/curve.svg",
        ])
        #expect(plot.status == 0, "\(plot.standardError)")

        let browser = try HeadlessChromium()
        defer { browser.close() }
        let svg = URL(fileURLWithPath: "\(directory)/step.svg")
        try browser.open(svg)
        #expect(
            try browser.evaluate("document.documentElement.localName + ' ' + document.documentElement.namespaceURI") as? String
                == "svg http://www.w3.org/2000/svg")
        let runs = try #require(
            try browser.evaluate(
                #"Array.from(document.querySelectorAll("text")).map(t => [t.getAttribute("x"), t.getAttribute("y"), t.textContent, t.getComputedTextLength()])"#
            ) as? [[Any]])
        var grid = Array(repeating: Array(repeating: Character(" "), count: 100), count: 30)
        var drawn = 0
        for run in runs {
            let x = try #require((run[0] as? String).flatMap(Double.init)), y = try #require((run[1] as? String).flatMap(Double.init))
            let (column, row) = (Int((x / 8.4).rounded()), Int(((y - 13) / 17).rounded()))
            for (offset, character) in (try #require(run[2] as? String)).enumerated() { grid[row][column + offset] = character }
            if (run[3] as? Double ?? 0) > 0 { drawn += 1 }
        }
        #expect(drawn == runs.count, "every run of text is laid out with a width")
        #expect(rows(grid.map { String($0) }.joined(separator: "\n")) == text)
        try keepScreenshot(browser, "step.png")

        let html = URL(fileURLWithPath: "\(directory)/step.html")
        try browser.open(html)
        #expect(rows(try #require(try browser.evaluate(#"document.querySelector("pre").innerText"#) as? String)) == text)

        let curve = URL(fileURLWithPath: "\(directory)/curve.svg")
        try browser.open(curve)
        let labels = try #require(
            try browser.evaluate(#"Array.from(document.querySelectorAll("text")).map(t => t.textContent)"#) as? [String])
        #expect(labels.contains("FIFO") && labels.contains("LRU") && labels.contains("Belady's anomaly"))
        // Two curves of seven points each, drawn with a size, and the anomaly marked where FIFO's rises.
        let lines = try #require(
            try browser.evaluate(
                #"Array.from(document.querySelectorAll("polyline.curve")).map(p => [p.points.length, p.getBBox().width])"#
            ) as? [[Double]])
        #expect(lines.count == 2 && lines.allSatisfy { $0[0] == 7 && $0[1] > 0 })
        let anomaly = try #require(
            try browser.evaluate(
                #"(function(){var a=document.querySelector(".anomaly");return [a.getAttribute("data-frames"), a.getBBox().width>0];})()"#)
                as? [Any])
        #expect(anomaly[0] as? String == "4" && anomaly[1] as? Bool == true)
        try keepScreenshot(browser, "curve.png")
        expectNothingFetched(browser, opened: [svg, html, curve])
    }
}
