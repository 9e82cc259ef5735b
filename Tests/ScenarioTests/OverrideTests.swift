import Testing
import VMM

@testable import Scenario

/// `--set` changes a scenario as if its file said so: every check of the language runs again.
@Suite struct OverrideTests {
    func lesson(_ name: String) throws -> Scenario { try #require(try BundledScenarios.load(name)) }

    /// The problems `settings` cause, as `path:line:col: message`; none when they are accepted.
    func problems(_ settings: [String], in scenario: Scenario) -> [String] {
        do {
            _ = try scenario.overriding(settings)
            return []
        } catch {
            return error.diagnostics.map { "\($0.path):\($0.line):\($0.column): \($0.message)" }
        }
    }

    @Test func moreWordsPerPageRunsWithTheFilesPadded() throws {
        let scenario = try lesson("tour").overriding(["words=8"])
        #expect(scenario.configuration.wordsPerPage == 8)
        #expect(scenario.files.allSatisfy { $0.pages.allSatisfy { $0.count == 8 } })
        var machine = scenario.makeMachine()
        while !machine.isFinished { machine.step() }
        #expect(machine.files[0].pages[1][0] == 42)
    }

    @Test func fewerWordsThanTheFileHasIsTheFilesError() throws {
        let found = problems(["words=2"], in: try lesson("tour"))
        #expect(
            found == [
                "scenarios/tour.vmm:19:20: page 0 of notes.txt has 4 words, but a page holds 2 (set with 'words')",
                "scenarios/tour.vmm:19:30: page 1 of notes.txt has 4 words, but a page holds 2 (set with 'words')",
            ])
    }

    @Test func aScheduleSettingReplacesTheFilesAndChecksItsNames() throws {
        var machine = try lesson("lost-update").overriding(["schedule=order B A"]).makeMachine()
        #expect(machine.step().process == 1)
        #expect(problems(["schedule=order B X"], in: try lesson("lost-update")) == ["--set:1:18: no process is named 'X'"])
    }
}
