import Testing

@testable import Views

/// Wrapping is linear in the text and bounded in lines, whatever an input's words are like.
@Suite struct WrapTests {
    @Test func wordsFillLinesAndContinuationsAreIndented() {
        #expect(
            wrap("the quick brown fox jumps over the lazy dog", width: 12) == [
                "the quick", "  brown fox", "  jumps over", "  the lazy", "  dog",
            ])
        // A word wider than a line is cut, each line as full as it goes, wide characters kept whole.
        #expect(wrap("ab " + String(repeating: "x", count: 20), width: 8) == ["ab", "  xxxxxx", "  xxxxxx", "  xxxxxx", "  xx"])
        #expect(wrap("漢字漢字漢字", width: 7, indent: 0) == ["漢字漢", "字漢字"])
    }

    @Test func aHugeWordIsCutIntoAtMostTheLineLimit() {
        let word = String(repeating: "a", count: 200_000)
        let lines = wrap("start " + word, width: 80)
        #expect(lines.count == wrapLineLimit)
        #expect(lines.allSatisfy { $0.displayWidth <= 80 })
        // The lines are the text's beginning, in order, nothing lost before the limit.
        let joined = lines.dropFirst().map { $0.dropFirst(2) }.joined()
        #expect(lines[0] == "start" && word.hasPrefix(joined) && joined.count == (wrapLineLimit - 1) * 78)
    }
}
