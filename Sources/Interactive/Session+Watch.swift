import Scenario

/// A watched scenario file (`run FILE --watch`): the loop reads it when it changes, or when the
/// editor E opened has closed, and hands the result in here.
extension Session {
    /// The scenario's file changed and parsed: the same step of the new version (or its last
    /// step, if it has fewer), seen the same way.
    public mutating func reload(_ newer: Scenario, seed: UInt64?) {
        var next = Session(scenario: newer, seed: seed, stepBudget: stepBudget)
        next.focusedPane = focusedPane
        next.anatomyVisible = anatomyVisible
        next.speedIndex = speedIndex
        next.canEditScenario = canEditScenario
        next.lastSearch = lastSearch
        next.banner = banner
        let target = step
        if target > 0 { next.apply(.jump(to: target)) }
        next.message =
            next.step < target
            ? "Reloaded \(newer.path): it now ends at step \(next.step), so the session is there."
            : "Reloaded \(newer.path): at step \(next.step)."
        self = next
    }

    /// The scenario's file changed but does not parse: the session goes on, and says why.
    public mutating func reloadFailed(_ problems: [String]) {
        reloadProblems = problems
        message = "The scenario has errors (shown in the events pane); fix them and save."
    }

    /// The editor has closed (its file is read again by the caller); `problem` says why it could not run.
    public mutating func editorClosed(problem: String? = nil) {
        if let problem { message = problem }
    }
}
