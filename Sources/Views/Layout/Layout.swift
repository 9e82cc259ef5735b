/// Splits a length among constraints, and a rectangle into rows or columns.
///
/// The rules, in order: every part gets its floor (a length, percentage or ratio in full, a minimum);
/// if the floors do not fit, they shrink, the least urgent first (fills, maxima, contents of the
/// highest priority number, minima, then fixed sizes), a content part never below 1 while another can
/// give. Then content parts grow towards what they prefer, in priority order; what is still left
/// goes to fills by weight, or else shares out among minima and maxima (up to their maximum).
/// Whatever remains goes to the last part, so the parts always add up to the whole.
public enum Layout {
    public enum Direction: Sendable { case vertical, horizontal }

    public static func split(_ total: Int, _ constraints: [Constraint]) -> [Int] {
        let total = Swift.max(0, total)
        guard !constraints.isEmpty else { return [] }
        var sizes = constraints.map { floor($0, of: total) }
        shrink(&sizes, constraints, to: total)
        var left = total - sizes.reduce(0, +)
        // Content parts grow towards what they prefer, the most urgent first.
        let byPriority = constraints.indices.filter { if case .content = constraints[$0] { true } else { false } }
            .sorted { (priority(constraints[$0]), $0) < (priority(constraints[$1]), $1) }
        for index in byPriority where left > 0 {
            guard case let .content(_, preferred, _) = constraints[index] else { continue }
            let extra = Swift.min(left, Swift.max(0, preferred - sizes[index]))
            sizes[index] += extra
            left -= extra
        }
        // Fills share the rest by weight.
        let fills = constraints.indices.compactMap { index -> (Int, Int)? in
            if case .fill(let weight) = constraints[index] { return (index, Swift.max(0, weight)) }
            return nil
        }
        let weights = fills.reduce(0) { $0 + $1.1 }
        if left > 0, weights > 0 {
            var given = 0
            for (index, weight) in fills {
                let share = left * weight / weights
                sizes[index] += share
                given += share
            }
            left -= given
            // Rounding leftovers go to the fills in order.
            for (index, weight) in fills where left > 0 && weight > 0 {
                sizes[index] += 1
                left -= 1
            }
        }
        // Then minima and maxima grow evenly (maxima up to their maximum).
        while left > 0 {
            let growable = constraints.indices.filter { index in
                switch constraints[index] {
                case .min: true
                case .max(let most): sizes[index] < most
                default: false
                }
            }
            guard !growable.isEmpty else { break }
            for index in growable where left > 0 {
                sizes[index] += 1
                left -= 1
            }
        }
        if left > 0 { sizes[sizes.count - 1] += left }
        return sizes
    }

    /// The rectangles of `rect` split along `direction`.
    public static func split(_ rect: Rect, _ direction: Direction, _ constraints: [Constraint]) -> [Rect] {
        let sizes = split(direction == .vertical ? rect.height : rect.width, constraints)
        var offset = direction == .vertical ? rect.y : rect.x
        return sizes.map { size in
            defer { offset += size }
            return direction == .vertical
                ? Rect(x: rect.x, y: offset, width: rect.width, height: size)
                : Rect(x: offset, y: rect.y, width: size, height: rect.height)
        }
    }

    static func floor(_ constraint: Constraint, of total: Int) -> Int {
        switch constraint {
        case .length(let n), .min(let n): Swift.max(0, n)
        case .max, .fill: 0
        case .percentage(let p): total * Swift.max(0, Swift.min(100, p)) / 100
        case let .ratio(a, b): b <= 0 ? 0 : Swift.min(total, total * Swift.max(0, a) / b)
        case let .content(minimum, _, _): Swift.max(0, minimum)
        }
    }

    static func priority(_ constraint: Constraint) -> Int {
        if case let .content(_, _, priority) = constraint { return priority }
        return 0
    }

    /// Takes back what the floors ask beyond `total`, the least urgent parts first.
    static func shrink(_ sizes: inout [Int], _ constraints: [Constraint], to total: Int) {
        var excess = sizes.reduce(0, +) - total
        guard excess > 0 else { return }
        // Content parts by falling priority number, then percentages and ratios, minima, lengths.
        func rank(_ index: Int) -> (Int, Int, Int) {
            switch constraints[index] {
            case .fill, .max: (0, 0, -index)
            case .content(_, _, let priority): (1, -priority, -index)
            case .percentage, .ratio: (2, 0, -index)
            case .min: (3, 0, -index)
            case .length: (4, 0, -index)
            }
        }
        let order = sizes.indices.sorted { rank($0) < rank($1) }
        // First pass keeps one cell for every content part; the second takes even that.
        for keep in [1, 0] {
            for index in order where excess > 0 {
                let floor: Int = if case .content = constraints[index] { keep } else { 0 }
                let take = Swift.min(excess, Swift.max(0, sizes[index] - floor))
                sizes[index] -= take
                excess -= take
            }
        }
    }
}
