import Interactive
import Scenario

/// What a lesson is about, read from its `expect` and `watch` lines: the panes that hold its
/// answers get room first, at every size.
public struct LessonFocus: Hashable, Sendable {
    /// Every pane but the event log, the lesson's own first, then the usual order.
    public let order: [PaneID]
    /// Frames show their words before the policy's bookkeeping (lessons about file contents).
    public let showsWords: Bool

    /// The order when a lesson says nothing: where most questions are answered first.
    public static let usualOrder: [PaneID] = [.frames, .pageTable, .processes, .files, .tlb, .counters, .swap]

    public init(_ scenario: Scenario) {
        var named: [PaneID] = []
        func add(_ pane: PaneID) { if !named.contains(pane) { named.append(pane) } }
        // The answers a lesson checks come first: file contents before counters.
        for expectation in scenario.expectations {
            if case .fileWord = expectation.subject { add(.files) }
            if case .versions = expectation.subject { add(.files) }
        }
        for expectation in scenario.expectations {
            switch expectation.subject {
            case .counter(let name, _): Self.panes(forCounter: name).forEach(add)
            case .events(let kind): Self.panes(forCounter: kind.rawValue).forEach(add)
            case .fileWord, .versions, .steps: break
            }
        }
        for line in scenario.watch { Self.panes(mentionedIn: line).forEach(add) }
        order = named + Self.usualOrder.filter { !named.contains($0) }
        let sharesFiles =
            scenario.files.contains { _ in true }
            && scenario.processes.contains { process in
                process.script.contains { if case .map = $0 { true } else { false } }
            }
        showsWords = named.contains(.files) || sharesFiles
    }

    /// Lower is served first.
    public func priority(of pane: PaneID) -> Int { order.firstIndex(of: pane) ?? order.count }

    static func panes(forCounter name: String) -> [PaneID] {
        let name = name.lowercased()
        if name.hasPrefix("tlb") { return [.tlb, .counters] }
        if name.contains("swap") { return [.swap, .frames, .counters] }
        if name.contains("lost") || name.contains("merge") || name.contains("conflict") || name.contains("write-back")
            || name.contains("disk") || name.contains("lock") || name.contains("version") || name.contains("close")
        {
            return [.files, .counters]
        }
        if name.contains("fault") || name.contains("evict") { return [.frames, .counters] }
        if name.contains("walk") || name.contains("page-table") { return [.pageTable, .counters] }
        return [.counters]
    }

    static func panes(mentionedIn text: String) -> [PaneID] {
        let text = text.lowercased()
        var panes: [PaneID] = []
        let words: [(String, PaneID)] = [
            ("file", .files), (".txt", .files), ("disk", .files), ("frame", .frames), ("evict", .frames),
            ("tlb", .tlb), ("page table", .pageTable), ("page-table", .pageTable), ("swap", .swap),
        ]
        for (word, pane) in words where text.contains(word) && !panes.contains(pane) { panes.append(pane) }
        return panes
    }
}
