import Interactive
import VMM

/// Every event so far over the whole screen (`H`), grouped by step, the cursor's event highlighted
/// and shown whole at the bottom.
enum HistoryScreen {
    static func draw(_ history: HistoryView, machine: Machine, into grid: inout Grid, box: BoxCharacters) {
        let rect = Rect(x: 0, y: 1, width: grid.width, height: grid.height - 2)
        grid.fill(rect)
        let limit = rect.x + rect.width - 1
        let width = rect.width - 2
        // The chosen event whole, under the list.
        var detail: [String] = []
        if history.rows.indices.contains(history.cursor), case .event(let step, let index, let event) = history.rows[history.cursor] {
            detail = Array(wrap("Step \(step), event \(index + 1): \(event.explanation)", width: width).prefix(4))
        }
        let rows = max(1, rect.height - 3 - (detail.isEmpty ? 0 : detail.count + 1))
        let offset = max(0, min(history.cursor - rows / 2, history.rows.count - rows))
        // Only a window of the steps is held, so the title says where in them all the cursor is.
        let place = history.chosen.map { " · at step \($0.step), event \($0.index + 1)" } ?? ""
        grid.box(rect, title: "History · \(history.newest) steps\(place)", box: box, focused: true)
        for (row, index) in history.rows.indices.dropFirst(offset).prefix(rows).enumerated() {
            let y = rect.y + 1 + row
            switch history.rows[index] {
            case .step(let result):
                let who = result.process.map(machine.name) ?? "—"
                let cpu = machine.cpus.count > 1 ? result.cpu.map { " on CPU \($0)" } ?? "" : ""
                grid.write(
                    "Step \(result.step) · \(who)\(cpu): \(result.operation ?? "nothing can run")", x: rect.x + 1, y: y,
                    style: Style(.header, bold: true), limit: limit)
            case .event(_, _, let event):
                let chosen = index == history.cursor
                grid.write(
                    "  " + event.kind.rawValue.padding(14) + " " + event.explanation, x: rect.x + 1, y: y,
                    style: chosen ? Style(.changed, bold: true) : .normal, limit: limit)
            }
        }
        for (row, line) in detail.enumerated() {
            grid.write(line, x: rect.x + 1, y: rect.y + 2 + rows + row, style: Style(.accent), limit: limit)
        }
        let keys = [
            "j k ↓ ↑ move · J K ten · g G oldest/newest · n N next/previous match of the last / search · Enter: show that event · any other key closes",
            "j k J K move · g G ends · n N next match · Enter: show it · other keys close",
        ]
        grid.write(
            keys.first { $0.displayWidth <= width } ?? keys[1], x: rect.x + 1, y: rect.y + rect.height - 2, style: Style(.dim), limit: limit
        )
    }
}
