import Interactive

extension KeyBindings {
    /// The status bar's key hints for the modes, as many as fit in `width` cells.
    public static func statusLine(for modes: Set<KeyMode>, width: Int) -> String {
        var line = ""
        var seen = Set<String>()
        let hints = all.filter { !$0.modes.isDisjoint(with: modes) }.compactMap(\.status).filter { seen.insert($0).inserted }
        // Help and quit are always shown: the rest fill the room before them.
        let last = hints.filter { $0 == "? help" || $0 == "q quit" }
        let first = hints.filter { !last.contains($0) }
        let tail = last.map { "  " + $0 }.joined()
        for hint in first where (line + "  " + hint + tail).displayWidth + 1 <= width { line += "  " + hint }
        return " " + String((line + tail).dropFirst(2))
    }
}
