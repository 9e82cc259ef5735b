/// What from an input may reach a terminal. Text from a file, a file's name or a command line is
/// printed only through these, so no input can move the cursor, change the window's title, reorder
/// what follows it (the bidirectional overrides and isolates) or show a noncharacter.
public enum PrintableText {
    /// Whether a scalar is shown as `?`: C0 and C1 controls (tab, and newline where kept, aside),
    /// DEL, U+202A–U+202E and U+2066–U+2069, and Unicode's 66 noncharacters.
    @inline(__always)
    public static func isReplaced(_ value: UInt32, keepingNewlines: Bool) -> Bool {
        if value < 0x20 { return value != 0x09 && !(keepingNewlines && value == 0x0A) }
        if value < 0x7F { return false }
        if value < 0xA0 { return true }
        if value < 0x202A { return false }
        return value <= 0x202E || (0x2066...0x2069).contains(value) || (0xFDD0...0xFDEF).contains(value) || value & 0xFFFE == 0xFFFE
    }

    /// The text with every replaced scalar shown as `?`; the text itself when it has none, found
    /// in one pass over its bytes (the hot path: every report goes through it).
    public static func sanitized(_ text: String, keepingNewlines: Bool) -> String {
        var text = text
        let clean = text.withUTF8 { isClean($0, keepingNewlines: keepingNewlines) }
        if clean { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append(isReplaced(scalar.value, keepingNewlines: keepingNewlines) ? "?" : scalar)
        }
        return String(scalars)
    }

    /// `isReplaced` read off well-formed UTF-8: only the lead bytes C2, E2, EF and F0–F4 can begin
    /// a replaced scalar, and continuation bytes never look like them.
    static func isClean(_ bytes: UnsafeBufferPointer<UInt8>, keepingNewlines: Bool) -> Bool {
        var index = 0
        let count = bytes.count
        let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
        while index < count {
            // Eight printable ASCII bytes at a time (no high bit, none below 0x20, none 0x7F): a
            // report is mostly these, and a newline or any other byte takes the path below.
            if index + 8 <= count, let base = bytes.baseAddress {
                let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                let del = word ^ (0x7F &* ones)
                if word & high == 0, (word &- 0x20 &* ones) & ~word & high == 0, (del &- ones) & ~del & high == 0 {
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            index += 1
            if byte < 0x80 {
                if byte < 0x20 ? byte != 0x09 && !(keepingNewlines && byte == 0x0A) : byte == 0x7F { return false }
                continue
            }
            switch byte {
            case 0xC2:
                if bytes[index] < 0xA0 { return false }  // U+0080–U+009F
            case 0xE2:
                let second = bytes[index], third = bytes[index + 1]
                if second == 0x80 && (0xAA...0xAE).contains(third) || second == 0x81 && (0xA6...0xA9).contains(third) { return false }
            case 0xEF:
                let second = bytes[index], third = bytes[index + 1]
                if second == 0xB7 && (0x90...0xAF).contains(third) || second == 0xBF && third >= 0xBE { return false }
            case 0xF0...0xF4:
                // U+nFFFE and U+nFFFF of the planes above the first.
                if bytes[index] & 0x0F == 0x0F && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE { return false }
            default: break
            }
        }
        return true
    }
}

extension StringProtocol {
    /// The text on one line with nothing that can act on a terminal: every control character
    /// (newlines too), bidirectional override and noncharacter shown as `?`.
    public var printable: String { PrintableText.sanitized(String(self), keepingNewlines: false) }
}
