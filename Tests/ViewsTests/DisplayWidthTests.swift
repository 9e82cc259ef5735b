import Foundation
import Interactive
import Recording
import Scenario
import Teaching
import Testing
import VMM
@testable import Views

@Suite struct DisplayWidthTests {
    @Test func wideCharactersTakeTwoCellsAndCombiningMarksNone() {
        #expect("abc".displayWidth == 3)
        #expect("进程".displayWidth == 4)
        #expect("데이터".displayWidth == 6)
        #expect("ｆｕｌｌ".displayWidth == 8)
        #expect("e\u{301}".displayWidth == 1)
        #expect("进程".padding(6) == "进程  ")
        #expect("进程A".prefix(cells: 3) == "进")
    }

    @Test func theGridKeepsAWideCharacterWholeAndItsColumnsAligned() {
        var grid = Grid(width: 6, height: 2)
        let end = grid.write("进a程", x: 0, y: 0)
        #expect(end == 5)
        #expect(grid.line(0) == "进a程")
        #expect(grid[1, 0].isContinuation && grid[4, 0].isContinuation)
        // At the edge a wide character that does not fit is left out, not split.
        grid.write("ab进", x: 3, y: 1)
        #expect(grid.line(1) == "   ab")
        var ascii = grid
        ascii.transliterateToASCII()
        #expect(ascii.line(0) == "? a?")
        #expect(ascii.cells.allSatisfy { $0.character.isASCII })
    }

    @Test func panesStayAlignedWithCJKNames() throws {
        let text = """
            title 共享 a shared page
            file 数据.txt 1 2 3 4
            process 甲
              map 数据.txt at 0x10000 shared
              read 0x10000
            process B
              map 数据.txt at 0x20000 shared
              write 0x20000 9

            """
        var s = Session(scenario: try ScenarioParser.parse(text, path: "cjk.vmm"))
        for _ in 0..<4 { s.apply(.stepForward) }
        for (width, height) in [(80, 24), (120, 40)] {
            let grid = Screen.render(s, width: width, height: height)
            #expect(grid.text.contains("甲@0x10 B@0x20"))
            // Every row inside the panes ends in a border at the last column: nothing shifted.
            for y in 1..<(height - 1) {
                #expect("│┐┘─".contains(grid[width - 1, y].character), "row \(y) at \(width)x\(height): \(grid.line(y))")
            }
            // The process table's columns line up: the state column starts at the same cell in each row.
            let rows = (1..<height).filter { grid.line($0).contains(" ready ") }
            let columns = Set(
                rows.map { y in
                    (0..<width).first { x in
                        grid[x, y].character == "r" && grid[x + 1, y].character == "e" && grid[x + 2, y].character == "a"
                    }!
                })
            #expect(columns.count == 1, "\(rows.map { grid.line($0) })")
        }
    }
}
