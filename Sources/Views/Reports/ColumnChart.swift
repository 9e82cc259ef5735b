/// A chart of values over time in text: one column per value, drawn in eighths of a row with the
/// block characters, the largest value labelled at the top and zero at the bottom.
enum ColumnChart {
    static let eighths: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// `label` writes an axis value; `first` and `last` name the ends of the time axis; charts
    /// drawn one above the other line up when given the same `labelWidth`.
    static func render(
        _ values: [Double], height: Int = 8, label: (Double) -> String, labelWidth: Int = 0, first: String, last: String
    ) -> [String] {
        let top = values.max() ?? 0
        let labels = (0..<height).map { row in row == 0 ? label(top) : row == height - 1 ? label(0) : "" }
        let labelWidth = max(labelWidth, labels.map(\.count).max() ?? 0)
        // Each value's height in eighths of a row; anything above zero shows.
        let levels = values.map { value in
            top <= 0 ? 0 : max(value > 0 ? 1 : 0, Int((value / top * Double(height * 8)).rounded()))
        }
        var lines: [String] = []
        for row in 0..<height {
            let floor = (height - 1 - row) * 8
            let cells = levels.map { eighths[min(8, max(0, $0 - floor))] }
            lines.append(labels[row].leftPadded(to: labelWidth) + " ┤" + String(cells))
        }
        let axis = String(repeating: " ", count: labelWidth) + " └" + String(repeating: "─", count: values.count)
        let gap = max(1, values.count + 2 - first.count - last.count)
        lines.append(axis)
        lines.append(String(repeating: " ", count: labelWidth + 1) + first + String(repeating: " ", count: gap) + last)
        return lines
    }
}
