extension StringProtocol {
    /// The text without the spaces and tabs around it (the language's only white space).
    /// Found by bytes: both are ASCII, so the cuts fall between characters' scalars; walking the
    /// text backwards by characters (grapheme breaking) made this most of loading a scenario.
    public func trimmingBlanks() -> String {
        let text = Substring(self), bytes = text.utf8
        guard let first = bytes.firstIndex(where: { $0 != 0x20 && $0 != 0x09 }),
            let last = bytes.lastIndex(where: { $0 != 0x20 && $0 != 0x09 })
        else { return "" }
        return String(text[first..<bytes.index(after: last)])
    }
}
