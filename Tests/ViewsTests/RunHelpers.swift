import Recording
import Runs
import Scenario
import Views

/// A recording exported whole, as `lookaside export` writes it.
func exportedText(_ replay: Replay, _ format: RecordingExport.Format, width: Int, height: Int) -> String {
    var text = ""
    // The sink only appends: nothing here can throw.
    var export = try! RecordingExport(format, title: replay.scenario.title, width: width, height: height) { text += $0 }
    try! RecordedScreens.play(replay, to: &export)
    return text
}

/// `scenario` run and written in `style` as `lookaside run` does, each piece handed to `write`.
func streamed(
    _ scenario: Scenario, seed: UInt64? = nil, limit: Int? = nil, as style: any StreamedReport.Type,
    write: @escaping (String) -> Void
) -> ScenarioRun {
    var writer = ReportWriter(style, write: write)
    // The writer only appends: nothing here can throw.
    return try! ScenarioRun.stream(scenario: scenario, seed: seed, limit: limit, to: &writer)
}
