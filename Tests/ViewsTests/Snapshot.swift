import Foundation
import Interactive
import Recording
import Scenario
import Teaching
import Testing
import VMM
@testable import Views

/// Whole-screen golden files, as swift-argument-parser's `assertSnapshot` and Bubble Tea's
/// `testdata/*.golden` do: the grid's text, then each cell's style, stored under `Snapshots/`.
/// Run with `LOOKASIDE_RECORD_SNAPSHOTS=1 swift test` to write them anew after a deliberate change.
enum Snapshot {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
    static var recording: Bool { ProcessInfo.processInfo.environment["LOOKASIDE_RECORD_SNAPSHOTS"] == "1" }

    /// The grid as stored: its lines, a separator, and one letter per cell for its style
    /// (space for plain text; upper case when bold).
    static func text(of grid: Grid) -> String {
        let styles = (0..<grid.height).map { y in
            let row = String((0..<grid.width).map { x in letter(grid[x, y].style) })
            return String(row.reversed().drop { $0 == " " }.reversed())
        }
        return (grid.lines + ["── styles ──"] + styles).joined(separator: "\n") + "\n"
    }

    static func letter(_ style: Style) -> Character {
        let letter: Character =
            switch style.role {
            case .normal: style.bold ? "n" : " "
            case .border: "b"
            case .title: "t"
            case .header: "h"
            case .dim: "d"
            case .changed: "c"
            case .dirty: "r"
            case .good: "g"
            case .bad: "x"
            case .accent: "a"
            case .statusBar: "s"
            case .selected: "e"
            }
        return style.bold && style.role != .normal ? Character(letter.uppercased()) : letter
    }

    /// Compares `grid` with the golden file `name`; on a difference, says which lines differ.
    static func assert(_ grid: Grid, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let file = directory.appendingPathComponent(name + ".txt")
        let actual = text(of: grid)
        if recording {
            try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try? actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no snapshot \(name).txt; record it with LOOKASIDE_RECORD_SNAPSHOTS=1 swift test", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let report = diff(expected: expected, actual: actual)
        Issue.record("snapshot \(name) differs:\n\(report)", sourceLocation: sourceLocation)
    }

    /// The differing lines, numbered, expected then actual.
    static func diff(expected: String, actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : "(none)"
            let right = index < b.count ? String(b[index]) : "(none)"
            guard left != right else { continue }
            out.append("line \(index + 1) - \(left)")
            out.append("line \(index + 1) + \(right)")
            if out.count >= 40 {
                out.append("… (more lines differ)")
                break
            }
        }
        return out.joined(separator: "\n")
    }
}
