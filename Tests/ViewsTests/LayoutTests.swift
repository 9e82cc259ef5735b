import Testing

@testable import Views

/// The constraint solver on its own: the rules `Layout.split` documents.
@Suite struct LayoutTests {
    @Test func fixedSizesFillsAndLeftovers() {
        #expect(Layout.split(10, [.length(3), .length(4)]) == [3, 7], "what is left goes to the last part")
        #expect(Layout.split(10, [.length(2), .fill(1), .fill(3)]) == [2, 2, 6])
        #expect(Layout.split(100, [.percentage(25), .ratio(1, 2), .fill(1)]) == [25, 50, 25])
        #expect(Layout.split(10, [.min(2), .max(3)]) == [7, 3], "minima and maxima grow evenly, maxima only to their maximum")
        #expect(Layout.split(0, [.length(3), .fill(1)]) == [0, 0])
        #expect(Layout.split(5, []) == [])
    }

    @Test func contentGrowsInPriorityOrder() {
        // Both need 2; then the urgent one (priority 0) gets all it prefers before the other grows.
        #expect(
            Layout.split(10, [.content(minimum: 2, preferred: 9, priority: 1), .content(minimum: 2, preferred: 6, priority: 0)]) == [4, 6])
        // Room for both: each gets what it prefers, the rest to the last.
        #expect(
            Layout.split(20, [.content(minimum: 1, preferred: 5, priority: 0), .content(minimum: 1, preferred: 5, priority: 1)]) == [5, 15])
        // A spacer keeps content parts at what they prefer.
        #expect(Layout.split(20, [.content(minimum: 1, preferred: 5, priority: 0), .fill(1)]) == [5, 15])
    }

    @Test func shrinkingTakesFromTheLeastUrgentAndKeepsARow() {
        // Minimums of 5 + 5 + 5 in 8 rows: the least urgent content gives first, down to one row, then the next.
        let sizes = Layout.split(
            8,
            [
                .content(minimum: 5, preferred: 5, priority: 0), .content(minimum: 5, preferred: 5, priority: 2),
                .content(minimum: 5, preferred: 5, priority: 1),
            ])
        #expect(sizes == [5, 1, 2])
        #expect(sizes.reduce(0, +) == 8)
        // Fixed lengths give last.
        #expect(Layout.split(6, [.length(5), .content(minimum: 4, preferred: 4, priority: 0)]) == [5, 1])
    }

    @Test func rectanglesTileTheWhole() {
        let parts = Layout.split(Rect(x: 2, y: 3, width: 30, height: 10), .horizontal, [.length(10), .fill(1), .fill(1)])
        #expect(
            parts == [
                Rect(x: 2, y: 3, width: 10, height: 10), Rect(x: 12, y: 3, width: 10, height: 10), Rect(x: 22, y: 3, width: 10, height: 10),
            ])
        let rows = Layout.split(Rect(x: 0, y: 1, width: 5, height: 7), .vertical, [.min(2), .length(3)])
        #expect(rows.map(\.y) == [1, 5] && rows.map(\.height) == [4, 3])
    }
}
