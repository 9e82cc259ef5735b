import Foundation
import Interactive
import Recording
import Runs
import Scenario
import Teaching
import Testing
import VMM
@testable import Views

@Suite struct ReportTests {
    @Test func tablesAlignTheirColumns() {
        let table = Table(title: "T", columns: ["a", "long name"], rows: [["wide cell", "x"], ["y", ""]])
        #expect(TextReport.render(table) == ["T", "  a          long name", "  wide cell  x", "  y"])
    }

    @Test func framesTableShowsTheReverseMapAndClockHand() throws {
        let scenario = try #require(try BundledScenarios.load("shared-page")).overriding(["replacement=clock"])
        var machine = scenario.makeMachine()
        for _ in 0..<4 { machine.step() }
        let frames = StateTables.frames(machine)
        #expect(frames.columns == ["frame", "holds", "mapped by", "dirty", "ref", "hand", "words", "loaded", "used"])
        #expect(frames.rows.map { $0[5] } == ["◀", "", "", ""])
        #expect(frames.rows[0][1] == "data.bin p0")
        #expect(frames.rows[0][2] == "A@0x10 B@0x70")
        #expect(frames.rows[1][1] == "free")
    }

    @Test func framesShowEachPolicysView() throws {
        let lru = try #require(try BundledScenarios.load("replacement")).overriding(["replacement=lru"])
        var machine = lru.makeMachine()
        for _ in 0..<5 { machine.step() }  // pages 7, 0, 1, 2 touched: 7 was evicted, 0 is least recent
        #expect(StateTables.frames(machine).rows.map { $0[5] } == ["3", "1", "2"])
        let opt = try lru.overriding(["replacement=opt"])
        machine = opt.makeMachine()
        for _ in 0..<4 { machine.step() }  // frames hold 7, 0, 1; the program counter is at script index 4
        // Next uses: page 7 at index 18, page 0 at 5, page 1 at 14.
        #expect(StateTables.frames(machine).rows.map { $0[5] } == ["+14", "+1", "+10"])
    }

    @Test func tlbTableMarksTheNextVictimOnlyWhenASetIsFull() {
        let config = MachineConfiguration(frames: 8, tlb: TLBConfiguration(entries: 2))
        let script: [VMM.Operation] = [.alloc(address: 0, pages: 3), .read(address: 0), .read(address: 4096), .read(address: 0)]
        var machine = Machine(configuration: config, files: [], processes: [ProcessSpec(name: "P", script: script)])
        machine.step(); machine.step()
        #expect(StateTables.tlb(machine).rows.map { $0.last! } == ["valid", "invalid"])
        machine.step(); machine.step()
        // Both entries valid; page 0 was used last, so LRU would evict page 1's entry (slot 1).
        #expect(StateTables.tlb(machine).rows.map { $0.last! } == ["valid", "valid, next victim"])
    }

    @Test func lessonLinesShowPassAndFail() throws {
        var scenario = try #require(try BundledScenarios.load("belady"))
        let passing = TextReport.lessonLines(ScenarioRun(scenario: scenario))
        #expect(passing == ["Lesson checks", "  ✓ page-faults = 9"])
        // A check that fails for the file as written is a failure.
        let wrong = try ScenarioParser.parse(
            try #require(BundledScenarios.text(named: "belady")).replacingOccurrences(
                of: "expect page-faults = 9", with: "expect page-faults = 8"), path: "wrong.vmm")
        #expect(TextReport.lessonLines(ScenarioRun(scenario: wrong)) == ["Lesson checks", "  ✗ page-faults = 8 (it was 9)"])
        // With --set changing the configuration, the file's checks are a comparison, not a verdict.
        scenario = try scenario.overriding(["frames=4"])
        let compared = TextReport.lessonLines(ScenarioRun(scenario: scenario))
        #expect(
            compared == [
                "Lesson checks, written for the scenario as it is (with frames=4 they are shown, not judged)",
                "  ≠ page-faults = 9 (here it is 10)",
            ])
        // A setting that changes nothing is no change.
        #expect(try #require(try BundledScenarios.load("belady")).overriding(["frames=3"]).overrides.isEmpty)
    }

    @Test func localAllocationShowsFramesHeldAgainstTheAllotment() throws {
        var machine = try #require(try BundledScenarios.load("local-vs-global")).makeMachine()
        for _ in 0..<8 { machine.step() }
        let table = StateTables.processes(machine)
        #expect(table.columns[3] == "frames held/allotted")
        #expect(table.rows.map { $0[3] } == ["2/2", "2/2"])
    }

    @Test func markdownEscapesTableCells() {
        #expect(MarkdownReport.escape("a|b_c*") == "a\\|b\\_c\\*")
    }

    @Test func keysAndJSONAgree() throws {
        for topic in Exercise.Topic.allCases {
            let exercise = Exercise.make(topic, seed: 9)
            let json = exercise.json(answers: true)
            for entry in exercise.key { #expect(json.contains("\"\(entry)\"")) }
            #expect(!exercise.json(answers: false).contains("\"key\""))
        }
    }
}

@Suite struct StreamedReportTests {
    @Test("a report written as the run goes is the whole report", arguments: BundledScenarios.names)
    func streamingWritesTheWholeReport(name: String) throws {
        let scenario = try #require(try BundledScenarios.load(name))
        let styles: [any StreamedReport.Type] = [TextReport.self, MarkdownReport.self, JSONReport.self]
        for style in styles {
            for (seed, limit) in [(nil, nil), (UInt64(9), 5)] as [(UInt64?, Int?)] {
                var pieces: [String] = []
                let finished = streamed(scenario, seed: seed, limit: limit, as: style) { pieces.append($0) }
                let whole = ScenarioRun(scenario: scenario, seed: seed, limit: limit)
                #expect(pieces.joined() == style.render(whole), "\(name), \(style)")
                // One piece before the steps, one per step, one after: nothing is held back.
                #expect(pieces.count == whole.steps.count + 2)
                #expect(finished.steps.isEmpty)
                #expect(finished.machine == whole.machine)
                #expect(finished.checks?.map(\.passed) == whole.checks?.map(\.passed))
            }
        }
    }

    @Test func theStreamedJSONIsOneDocument() throws {
        let scenario = try #require(try BundledScenarios.load("lost-update"))
        for limit in [nil, 0, 3] as [Int?] {
            var text = ""
            let finished = streamed(scenario, limit: limit, as: JSONReport.self) { text += $0 }
            let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            let steps = try #require(document["steps"] as? [[String: Any]])
            #expect(steps.count == finished.machine.stepCount)
            #expect(steps.first?["step"] as? Int == (steps.isEmpty ? nil : 1))
            #expect((document["final"] as? [String: Any])?["step"] as? Int == finished.machine.stepCount)
            #expect((document["lesson"] != nil) == finished.machine.isFinished)
            #expect(document["format"] as? String == "lookaside-run")
        }
    }
}

@Suite struct HandWrittenJSONTests {
    @Test("each step's JSON says what its events say", arguments: ["lost-update", "versions", "cow-fork", "thrashing", "write-lock"])
    func stepsCarryEveryEventField(name: String) throws {
        let scenario = try #require(try BundledScenarios.load(name))
        var text = ""
        _ = streamed(scenario, as: JSONReport.self) { text += $0 }
        let document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let steps = try #require(document["steps"] as? [[String: Any]])
        let whole = ScenarioRun(scenario: scenario)
        #expect(steps.count == whole.steps.count)
        let machine = whole.machine
        for (json, step) in zip(steps, whole.steps) {
            #expect(json["step"] as? Int == step.step)
            #expect(json["operation"] as? String == step.operation)
            #expect(json["process"] as? String == step.process.map(machine.name))
            let events = try #require(json["events"] as? [[String: Any]])
            #expect(events.count == step.events.count)
            for (object, event) in zip(events, step.events) {
                #expect(object["kind"] as? String == event.kind.rawValue)
                #expect(object["explanation"] as? String == event.explanation)
                #expect(object["process"] as? String == event.process.map(machine.name))
                #expect(object["other_process"] as? String == event.otherProcess.map(machine.name))
                #expect(object["file"] as? String == event.file.map(machine.fileName))
                #expect(object["page"] as? Int == event.page)
                #expect(object["frame"] as? Int == event.frame)
                #expect(object["swap_slot"] as? Int == event.swapSlot)
                #expect(object["file_page"] as? Int == event.filePage)
                #expect(object["word"] as? Int == event.word)
                #expect(object["value"] as? Int == event.value)
                #expect(
                    Set(object.keys).isSubset(of: [
                        "kind", "explanation", "process", "other_process", "file", "page", "frame", "swap_slot", "file_page", "word",
                        "value",
                    ]))
            }
        }
    }

    @Test func stringsAreEscapedSoTheyReadBackTheSame() throws {
        for text in ["plain", "a \"quoted\" word", "back\\slash", "tab\tand\nnewline\r", "\u{1}\u{1f}\u{8}\u{c}", "ünïcödé → ✓", "a/b", ""]
        {
            let literal = JSONReport.jsonString(text)
            let decoded = try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]
            #expect(decoded == [text], "\(literal)")
        }
    }
}

@Suite struct AddressAnatomyTests {
    @Test func anAccessTakenApartByHand() throws {
        // page-walk: 10+10-bit two-level table, 4 KiB pages. Step 4 reads 0x1000, given a 2-way TLB of 4.
        let scenario = try #require(try BundledScenarios.load("page-walk")).overriding(["tlb=4 ways 2"])
        var machine = scenario.makeMachine()
        var result = machine.step()
        while machine.stepCount < 4 { result = machine.step() }
        #expect(result.address == 0x1000)
        let lines = try #require(AddressAnatomy.lines(machine, result))
        #expect(
            lines == [
                "P's read of 0x1000, taken apart:",
                "  00 0000 0000 | 00 0000 0001 | 0000 0000 0000   L1 | L2 | offset",
                "  page number 0x1 (bits 31–12), offset 0x0 (bits 11–0): word 0 of 4",
                "  2-level table (10+10 bits): level 1 index 0x0, level 2 index 0x1",
                "  TLB (2 sets × 2 ways): set = page mod 2 = 1, tag = page ÷ 2 = 0x0",
                "  page-table entry: present 1 · dirty 0 · referenced 1 · writable 1 · COW 0 → frame 3",
                "  physical address 0x3000 = frame 3 × 4096 + offset 0x0",
            ])
        // A step that touches no address has no anatomy.
        var fresh = scenario.makeMachine()
        #expect(AddressAnatomy.lines(fresh, fresh.step()) == nil)
        #expect(AddressAnatomy.binary(0x2d, bits: 8) == "0010 1101")
    }
}

@Suite struct EventHistoryPaneTests {
    @Test func theStepsBeforeShowAboveTheStepShown() throws {
        let s = try session("lost-update", steps: 3)
        let content = Panes.content(.events, session: s, width: 78, compact: true, box: .unicode)
        let focus = try #require(content.focus)
        let headings = content.lines.filter { $0.style == Style(.dim, bold: true) }.map(\.text)
        #expect(headings == ["Step 1 · A: map counter.txt at 0x10000 shared", "Step 2 · B: map counter.txt at 0x20000 shared"])
        #expect(content.lines[focus].text == "Step 3 · A: read 0x10000")
        #expect(content.lines[..<focus].allSatisfy { $0.style.role == .dim })
        // Short of rows, the pane opens on the step shown (its heading repeats the title: skipped).
        #expect(content.firstLine(rows: 3, scroll: 0) == focus + 1)
        #expect(content.firstLine(rows: 3, scroll: -2) == focus - 1)
        // With rows to spare, the history fills them above the step.
        #expect(content.firstLine(rows: content.lines.count, scroll: 0) == 0)
    }
}

@Suite struct FileVersionsTests {
    @Test func everyVersionAndEachMergeWordByWord() throws {
        let scenario = try #require(try BundledScenarios.load("versions"))
        var machine = scenario.makeMachine()
        while !machine.isFinished { machine.step() }
        // Worked by hand: A changes words 0 and 1 of v1 to 1 and 5 (v2); B changes words 0 and 2
        // of v1 to 2 and 6: word 0 conflicts with v2's 1 (kept), word 2 merges (v3).
        #expect(
            FileVersionsView.lines(machine) == [
                "doc: 3 versions",
                "  v1 (the file as it started): p0 [0 0 0 0]",
                "  v2 by A: p0 [1 5 0 0]",
                "    page 0, word by word (words 0–3):",
                "      base (v1, as A copied it)       0    0    0    0",
                "      A's copy (* changed)           1*   5*    0    0",
                "      v1 (the latest)                 0    0    0    0",
                "      v2, the result (✗ conflict)     1    5    0    0",
                "  v3 by B, 1 conflict: p0 [1 5 6 0]",
                "    page 0, word by word (words 0–3):",
                "      base (v1, as B copied it)       0    0    0    0",
                "      B's copy (* changed)           2*    0   6*    0",
                "      v2 (the latest)                 1    5    0    0",
                "      v3, the result (✗ conflict)    1✗    5    6    0",
                "      ✗ word 0: B made it 2 but v2 has 1 (both changed 0): the merge keeps 1",
            ])
        #expect(FileVersionsView.lines(try #require(try BundledScenarios.load("tour")).makeMachine()) == nil)
    }
}

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads an SVG as XML: its elements' names and attributes, and the text of its <text> elements.
final class SVGReader: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String])] = []
    var texts: [String] = []
    private var inText = false

    static func read(_ svg: String) -> SVGReader? {
        let reader = SVGReader()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = reader
        return parser.parse() ? reader : nil
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]
    ) {
        elements.append((name, attributes))
        if name == "text" {
            texts.append("")
            inText = true
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { inText = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { texts[texts.count - 1] += string }
    }
}

@Suite struct ExportTests {
    @Test func aScreenAsSVGAndHTML() throws {
        let grid = Screen.render(try session("tour", steps: 3), width: 80, height: 24)
        let svg = GridExport.svg(grid, title: "tour · step 3")
        let reader = try #require(SVGReader.read(svg), "the SVG must be well-formed XML")
        #expect(reader.elements.first?.name == "svg" && reader.elements.first?.attributes["width"] == "672")
        // Every character of the grid is in the picture, in its row: the title bar's text among them.
        #expect(reader.texts.contains { $0.hasPrefix(" Lookaside · A first tour") })
        #expect(reader.texts.contains { $0.hasPrefix("Context switch: B → A.") })
        // The status bar's background is the terminal's cyan.
        #expect(reader.elements.contains { $0.name == "rect" && $0.attributes["y"] == "0" && $0.attributes["fill"] == "#2fb8d4" })
        let html = GridExport.html(grid, title: "tour · step 3")
        #expect(!html.contains("<script") && !html.contains("http") && !html.contains("src="))
        let pre = try #require(html.components(separatedBy: "<pre>\n").last?.components(separatedBy: "\n</pre>").first)
        #expect(pre.split(separator: "\n", omittingEmptySubsequences: false).count == 24)
        #expect(html.contains("Context switch: B → A."))
        // The same grid, the same bytes.
        #expect(GridExport.svg(grid, title: "tour · step 3") == svg)
    }

    @Test func theFaultCurveCirclesBeladysAnomaly() throws {
        let refs = [1, 2, 3, 4, 1, 2, 5, 1, 2, 3, 4, 5]
        var results: [SimulationResult] = []
        for frames in 1...7 {
            for policy in [ReplacementPolicy.fifo, .lru] {
                var simulation = StreamSimulation([PagingSimulator(policy: policy, frames: frames)])
                simulation.append(pages: refs, writes: refs.map { _ in false })
                simulation.finish()
                results += simulation.results
            }
        }
        let reader = try #require(SVGReader.read(FaultCurvePlot.svg(results, title: "Belady")))
        let curves = reader.elements.filter { $0.name == "polyline" }
        #expect(curves.map { $0.attributes["data-policy"] } == ["fifo", "lru"])
        #expect(curves.allSatisfy { ($0.attributes["points"] ?? "").split(separator: " ").count == 7 })
        let anomalies = reader.elements.filter { $0.attributes["class"] == "anomaly" }
        #expect(anomalies.map { $0.attributes["data-policy"] } == ["fifo"] && anomalies.first?.attributes["data-frames"] == "4")
        #expect(reader.texts.contains("Belady's anomaly") && reader.texts.contains("FIFO") && reader.texts.contains("LRU"))
        #expect(FaultCurvePlot.ticks(0, 12) == [0, 5, 10] && FaultCurvePlot.ticks(1, 7) == [2, 4, 6])
    }
}

@Suite struct CastExportTests {
    /// Turns a cast frame's ANSI text back into the rows it draws.
    func rows(_ data: String) -> [String] {
        var text = data.replacingOccurrences(of: "\u{1b}[2J", with: "").replacingOccurrences(of: "\u{1b}[H", with: "")
        while let range = text.range(of: "\u{1b}\\[[0-9;]*m", options: .regularExpression) { text.removeSubrange(range) }
        // As Grid.lines gives them: without the spaces that end a row.
        return text.components(separatedBy: "\r\n").map { String($0.reversed().drop { $0 == " " }.reversed()) }
    }

    @Test func aRecordingAsAnAsciinemaCast() throws {
        let scenario = try #require(try BundledScenarios.load("lost-update"))
        let actions: [Action] = [.stepForward, .stepForward, .eventForward, .eventForward, .jump(to: 7), .stepBack, .toggleAnatomy]
        let (text, live) = Replay.record(actions, scenario: scenario, seed: 1)
        let replay = try Replay.parse(bytes: Array(text.utf8), path: "walk.lkr")
        let cast = exportedText(replay, .cast, width: 100, height: 30)
        let lines = cast.split(separator: "\n").map(String.init)
        // The header: version 2 and the size.
        let header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(header["version"] as? Int == 2 && header["width"] as? Int == 100 && header["height"] as? Int == 30)
        // Every other line is [time, "o", text], times never going back.
        var times: [Double] = []
        var frames: [String] = []
        for line in lines.dropFirst() {
            let event = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            #expect(event.count == 3 && event[1] as? String == "o")
            times.append(try #require(event[0] as? Double))
            frames.append(try #require(event[2] as? String))
        }
        #expect(times == times.sorted() && times.first == 0)
        #expect(frames.count == actions.count + 1)
        // The first frame is the session as it began, the last where the recording ended.
        #expect(rows(frames[0]) == Screen.render(Session(scenario: scenario, seed: 1), width: 100, height: 30).lines)
        #expect(rows(frames.last!) == Screen.render(live, width: 100, height: 30).lines)
        #expect(exportedText(replay, .cast, width: 100, height: 30) == cast)

        // The same frames as one page: the data it steps through, the first drawn without script,
        // and nothing to fetch.
        let page = exportedText(replay, .page, width: 100, height: 30)
        #expect(!page.contains("http") && !page.contains("src=") && !page.contains("<link") && !page.contains("@import"))
        let data = try #require(
            page.components(separatedBy: #"<script type="application/json" id="frames">"#).last?.components(separatedBy: "</script>").first)
        let pageFrames = try #require(
            try JSONSerialization.jsonObject(with: Data(data.replacingOccurrences(of: "<\\/", with: "</").utf8)) as? [[String: Any]])
        #expect(pageFrames.count == frames.count)
        #expect(pageFrames.compactMap { $0["time"] as? Double } == times)
        #expect(pageFrames.last?["step"] as? Int == live.step)
        let firstHTML = try #require(pageFrames.first?["html"] as? String)
        #expect(page.contains("<pre id=\"screen\">" + firstHTML + "</pre>"))
        // Written as it is replayed, the page learns the count of frames in its script.
        #expect(page.contains("<span id=\"where\">frame 1 · step 0</span>") && page.contains("show(0);"))
        #expect(exportedText(replay, .page, width: 100, height: 30) == page)
    }
}
