/// A malformed trace line, when parsing strictly.
public struct TraceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var text: String

    public var description: String { "line \(line): \(message), found '\(text)'" }
}

/// Reads memory traces as a push parser: the caller feeds it chunks of bytes as they arrive
/// (from a file, standard input or a running valgrind) and takes the references from `pages`
/// and `writes`. It holds at most one partial line between chunks: constant memory.
///
/// Formats: valgrind lackey's `--trace-mem=yes` output (`I  04001670,3`, ` L 7ff000a08,8`,
/// ` S ...`, ` M ...`; a store or modify dirties the page; an access that crosses a page boundary
/// touches both pages; `==` lines are valgrind's own and skipped), or plain text with one address
/// per line (`0x1f40` hex, `8000` decimal, a bare word with hex letters as hex; an optional `W`
/// after it marks a write; blank and `#` lines skipped).
public struct TraceParser: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case lackey, plain
    }

    /// nil until the first meaningful line decides it.
    public private(set) var format: Format?
    public let pageShift: Int
    public let strict: Bool
    /// Lines read so far.
    public private(set) var line = 0
    public private(set) var malformed = 0
    public private(set) var firstMalformed: TraceError?
    /// References parsed since the caller last emptied these.
    public var pages: [Int] = []
    public var writes: [Bool] = []
    private var partial: [UInt8] = []

    public init(pageSize: Int, format: Format? = nil, strict: Bool = false) {
        precondition(pageSize > 0 && pageSize & (pageSize - 1) == 0, "page size must be a power of two")
        pageShift = pageSize.trailingZeroBitCount
        self.format = format
        self.strict = strict
        pages.reserveCapacity(1 << 16)
        writes.reserveCapacity(1 << 16)
    }

    /// Parses every complete line in `chunk`; a trailing partial line waits for the next chunk.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) throws(TraceError) {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), chunk.count > 0 else { return }
        let bytes = UnsafeBufferPointer(start: base, count: chunk.count)
        var start = 0
        if !partial.isEmpty {
            guard let newline = bytes.firstIndex(of: 10) else {
                partial.append(contentsOf: bytes)
                return
            }
            partial.append(contentsOf: bytes[0..<newline])
            let carried = partial
            partial.removeAll(keepingCapacity: true)
            try carried.withUnsafeBufferPointer { (line) throws(TraceError) in try parseLine(line, 0, line.count) }
            start = newline + 1
        }
        var index = start
        let end = bytes.count
        while index < end {
            if bytes[index] == 10 {
                try parseLine(bytes, start, index)
                start = index + 1
            }
            index += 1
        }
        if start < end { partial.append(contentsOf: bytes[start..<end]) }
    }

    /// The input has ended: a last line without a newline is parsed too.
    public mutating func finish() throws(TraceError) {
        guard !partial.isEmpty else { return }
        let carried = partial
        partial.removeAll()
        try carried.withUnsafeBufferPointer { (line) throws(TraceError) in try parseLine(line, 0, line.count) }
    }

    @inline(__always)
    private mutating func parseLine(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ stop: Int) throws(TraceError) {
        line += 1
        var end = stop
        if end > start && bytes[end - 1] == 13 { end -= 1 }   // CRLF
        if format == nil {
            guard let detected = Self.detect(bytes, start, end) else { return }
            format = detected
        }
        if format == .lackey { try parseLackey(bytes, start, end) } else { try parsePlain(bytes, start, end) }
    }

    /// Decides the format from the first line that is not blank or a comment.
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Format? {
        var index = start
        while index < end && (bytes[index] == 32 || bytes[index] == 9) { index += 1 }
        guard index < end, bytes[index] != 35 else { return nil }   // blank or '#'
        if end - start >= 2 && bytes[start] == 61 && bytes[start + 1] == 61 { return .lackey }   // "=="
        let op = bytes[index]
        let next = index + 1 < end ? bytes[index + 1] : 0
        if (op == 73 || op == 76 || op == 83 || op == 77) && (next == 32 || next == 9) { return .lackey }   // I L S M
        return .plain
    }

    @inline(__always)
    private mutating func parseLackey(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(TraceError) {
        var index = start
        if end - start >= 2 && bytes[start] == 61 && bytes[start + 1] == 61 { return }   // valgrind's "==PID==" lines
        while index < end && bytes[index] == 32 { index += 1 }
        guard index < end else { return }
        let op = bytes[index]
        let write: Bool
        switch op {
        case 73, 76: write = false   // I, L
        case 83, 77: write = true    // S, M
        default: return try bad(bytes, start, end, "expected a lackey line: 'I', 'L', 'S' or 'M', an address in hex, a comma and a size")
        }
        index += 1
        guard index < end, bytes[index] == 32 else { return try bad(bytes, start, end, "expected a space after '\(Character(Unicode.Scalar(op)))'") }
        while index < end && bytes[index] == 32 { index += 1 }
        var address: UInt64 = 0
        var digits = 0
        while index < end {
            let byte = bytes[index]
            let value: UInt64
            switch byte {
            case 48...57: value = UInt64(byte - 48)
            case 97...102: value = UInt64(byte - 87)
            case 65...70: value = UInt64(byte - 55)
            default: value = 99
            }
            if value == 99 { break }
            if digits >= 16 { return try bad(bytes, start, end, "address longer than 64 bits") }
            address = address << 4 | value
            digits += 1
            index += 1
        }
        guard digits > 0, index < end, bytes[index] == 44 else { return try bad(bytes, start, end, "expected a hex address and a comma") }
        index += 1
        var size = 0
        var sizeDigits = 0
        while index < end, bytes[index] >= 48, bytes[index] <= 57, sizeDigits < 9 {
            size = size * 10 + Int(bytes[index] - 48)
            sizeDigits += 1
            index += 1
        }
        guard sizeDigits > 0 else { return try bad(bytes, start, end, "expected a size after the comma") }
        let first = Int(truncatingIfNeeded: address >> UInt64(pageShift))
        pages.append(first)
        writes.append(write)
        let last = Int(truncatingIfNeeded: (address &+ UInt64(max(size, 1) - 1)) >> UInt64(pageShift))
        if last != first {
            pages.append(last)
            writes.append(write)
        }
    }

    private mutating func parsePlain(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) throws(TraceError) {
        var index = start
        while index < end && (bytes[index] == 32 || bytes[index] == 9) { index += 1 }
        guard index < end, bytes[index] != 35 else { return }
        var hex = false
        if index + 1 < end, bytes[index] == 48, bytes[index + 1] == 120 || bytes[index + 1] == 88 {
            hex = true
            index += 2
        }
        let tokenStart = index
        while index < end, bytes[index] != 32, bytes[index] != 9, bytes[index] != 44 { index += 1 }
        let token = bytes[tokenStart..<index]
        guard !token.isEmpty else { return try bad(bytes, start, end, "expected an address") }
        let allDecimal = token.allSatisfy { $0 >= 48 && $0 <= 57 }
        let allHex = token.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) }
        guard allHex else { return try bad(bytes, start, end, "expected an address (0x hex or decimal)") }
        guard let address = UInt64(String(decoding: token, as: UTF8.self), radix: hex || !allDecimal ? 16 : 10) else {
            return try bad(bytes, start, end, "address longer than 64 bits")
        }
        while index < end, bytes[index] == 32 || bytes[index] == 9 || bytes[index] == 44 { index += 1 }
        var write = false
        if index < end {
            switch bytes[index] {
            case 87, 119, 83, 115: write = true    // W w S s
            case 82, 114, 76, 108: write = false   // R r L l
            default: return try bad(bytes, start, end, "expected R or W after the address")
            }
        }
        pages.append(Int(truncatingIfNeeded: address >> UInt64(pageShift)))
        writes.append(write)
    }

    private mutating func bad(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ message: String) throws(TraceError) {
        let text = String(decoding: bytes[start..<min(end, start + 80)], as: UTF8.self)
        let error = TraceError(line: line, message: message, text: text)
        malformed += 1
        if firstMalformed == nil { firstMalformed = error }
        if strict { throw error }
    }
}
