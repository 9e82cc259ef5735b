import Foundation
import Interactive
import Recording
import Scenario
import Teaching
import Testing
import VMM
@testable import Views

/// At the smallest screen, a lesson's answers are on its first screen: no scrolling, no focusing.
@Suite struct LessonScreenTests {
    /// The text inside a pane's rectangle, row by row.
    static func text(of pane: PaneID, in grid: Grid, session: Session) -> [String] {
        let layout = Screen.layout(session, area: Rect(x: 0, y: 1, width: grid.width, height: grid.height - 2))
        guard let rect = layout.first(where: { $0.0 == pane })?.1 else { return [] }
        return (rect.y..<(rect.y + rect.height)).map { y in
            String((rect.x..<(rect.x + rect.width)).map { grid[$0, y].character }.filter { $0 != Cell.continuationCharacter })
        }
    }

    static let lessonsWithFileChecks = BundledScenarios.names.filter { name in
        (try? BundledScenarios.load(name))??.expectations.contains { if case .fileWord = $0.subject { true } else { false } } ?? false
    }

    @Test(arguments: lessonsWithFileChecks)
    func expectedFileWordsAreVisibleAt80x24(name: String) throws {
        var s = try session(name)
        s.apply(.toEnd)
        let grid = Screen.render(s, width: 80, height: 24)
        let files = Self.text(of: .files, in: grid, session: s)
        let machine = s.timeline.current
        for expectation in s.scenario.expectations {
            guard case let .fileWord(file, page, word) = expectation.subject else { continue }
            let words = machine.files[file].pages[page]
            #expect(words[word] == expectation.value || !expectation.comparison.holds(words[word], expectation.value) == false)
            // The page's row: its page number, then its words on disk, all of them uncut.
            let row = files.first { line in
                let cells = line.split(separator: " ").map(String.init)
                return cells.contains("\(page)") && line.contains(StateTables.words(words) + " ")
            }
            #expect(row != nil, "\(name): \(expectation.text) is not visible in the Files pane:\n\(files.joined(separator: "\n"))")
        }
    }

    static let lessonsThatShareFiles = BundledScenarios.names.filter { name in
        guard let scenario = (try? BundledScenarios.load(name)) ?? nil else { return false }
        return scenario.processes.contains { $0.script.contains { if case .map = $0 { true } else { false } } }
    }

    @Test(arguments: lessonsThatShareFiles)
    func framesShowTheirWordsInLessonsAboutFiles(name: String) throws {
        var s = try session(name)
        let total = try #require(s.total)
        for step in [1, total / 2, total] {
            s.apply(.jump(to: step))
            let frames = Self.text(of: .frames, in: Screen.render(s, width: 80, height: 24), session: s)
            #expect(frames.count > 1 && frames[1].contains("words"), "\(name) step \(step): \(frames.joined(separator: "\n"))")
        }
    }
}
