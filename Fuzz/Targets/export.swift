import Interactive
import Recording
import Runs
import Views

/// libFuzzer target: any bytes as a replay file, exported as the export command does (a cast and
/// an HTML page) and its last screen as the snapshot command does (SVG, HTML, ANSI text). Beyond not
/// crashing, what is XML must hold only characters XML 1.0 allows, whatever the recording says.
@_cdecl("LLVMFuzzerTestOneInput")
public func exportTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let replay = try? Replay.parse(bytes: bytes, path: "fuzz.lkr") else { return 0 }
    var castLines = 0
    export(replay, .cast) { line in
        precondition(line.hasSuffix("\n"), "a cast line without its newline")
        castLines += 1
    }
    precondition(castLines >= 2, "a cast needs its header and a first screen")
    export(replay, .page) { precondition(isXMLText($0), "a page with a character XML forbids") }
    let grid = Screen.render(replay.session(afterActions: replay.actions.count), width: 100, height: 30)
    precondition(isXMLText(GridExport.svg(grid, title: replay.scenario.title)), "an SVG with a character XML forbids")
    precondition(isXMLText(GridExport.html(grid, title: replay.scenario.title)), "a page with a character XML forbids")
    _ = GridExport.ansi(grid)
    return 0
}

/// `replay` exported at 80x24 as the export command writes it, each piece handed to `sink`.
func export(_ replay: Replay, _ format: RecordingExport.Format, to sink: @escaping (String) -> Void) {
    // The sink cannot throw, so neither can the export.
    var export = try! RecordingExport(format, title: replay.scenario.title, width: 80, height: 24, to: sink)
    try! RecordedScreens.play(replay, to: &export)
}

/// XML 1.0's Char production: tab, newline, return, and the rest of Unicode but the C0 controls,
/// the surrogates (which a Swift string cannot hold) and U+FFFE and U+FFFF.
func isXMLText(_ text: String) -> Bool {
    text.unicodeScalars.allSatisfy { scalar in
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }
}
