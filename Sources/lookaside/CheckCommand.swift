import ArgumentParser
import Scenario

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check scenario files for errors; with --run, also run them and check their lessons.",
        discussion: "With no files, checks every bundled scenario. Exits non-zero if any file has an error or a failed lesson check.")

    @Argument(help: "The .vmm files (or bundled names) to check.")
    var files: [String] = []

    @Flag(name: .customLong("run"), help: "Run each scenario to its end and check its 'expect' lines.")
    var runLessons = false

    func run() throws {
        let names = files.isEmpty ? BundledScenarios.names : files
        var problems: [CommandFailure] = []
        for name in names {
            let scenario: Scenario
            do {
                scenario = try ScenarioLoader.load(name)
            } catch {
                problems.append(CommandFailure(error))
                continue
            }
            guard runLessons else {
                try StandardOutput.line("ok   \(scenario.path): \(scenario.title)")
                continue
            }
            let (machine, checks) = scenario.checkLesson()
            let failed = checks.filter { !$0.passed }
            if failed.isEmpty {
                try StandardOutput.line(
                    "ok   \(scenario.path): \(checks.count) lesson check\(checks.count == 1 ? "" : "s") pass in \(machine.stepCount) steps")
            } else {
                problems.append(
                    .lessonChecksFailed(
                        failed.map {
                            "\(scenario.path):\($0.expectation.line): lesson check failed: expect \($0.expectation.text) (it was \($0.actual))"
                        }))
            }
        }
        if !problems.isEmpty { throw problems.count == 1 ? problems[0] : .several(problems) }
    }
}
