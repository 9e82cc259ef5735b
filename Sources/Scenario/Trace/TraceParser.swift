#if canImport(Glibc)
    import Glibc
#endif

/// A malformed trace line, when parsing strictly.
public struct TraceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var text: String

    public var description: String { "line \(line): \(message), found '\(text.printable)'" }
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
    /// True while the rest of an overlong line is being passed over.
    private var skippingLongLine = false

    /// No trace line is longer (lackey's are under 40 bytes): a longer one is malformed, and its
    /// bytes are passed over rather than held, so memory stays constant whatever the input.
    public static let maximumLineLength = 4096

    /// Page numbers are 63 bits: with 1-byte pages, an address at or above 2^63 has none.
    static let beyondPageNumbers = "the address's page number does not fit in 63 bits (use a page size of 2 or more)"

    public init(pageSize: Int, format: Format? = nil, strict: Bool = false) {
        precondition(pageSize > 0 && pageSize & (pageSize - 1) == 0, "page size must be a power of two")
        pageShift = pageSize.trailingZeroBitCount
        self.format = format
        self.strict = strict
        pages.reserveCapacity(1 << 16)
        writes.reserveCapacity(1 << 16)
    }

    /// Parses every complete line in `chunk` and appends their references to `pages` and
    /// `writes`; a trailing partial line waits for the next chunk.
    public mutating func feed(_ chunk: UnsafeRawBufferPointer) throws(TraceError) {
        guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), chunk.count > 0 else { return }
        var start = 0
        if skippingLongLine || !partial.isEmpty {
            guard let newline = memchr(base, 10, chunk.count) else {
                if !skippingLongLine {
                    partial.append(contentsOf: UnsafeBufferPointer(start: base, count: chunk.count))
                    try passOverIfTooLong()
                }
                return
            }
            let length = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
            start = length + 1
            if skippingLongLine {
                skippingLongLine = false
            } else {
                partial.append(contentsOf: UnsafeBufferPointer(start: base, count: length))
                if partial.count > Self.maximumLineLength {
                    try passOverIfTooLong()
                    skippingLongLine = false
                } else {
                    let carried = partial
                    partial.removeAll(keepingCapacity: true)
                    _ = try carried.withUnsafeBufferPointer { (line) throws(TraceError) in
                        try parseLines(line.baseAddress!, line.count, complete: true)
                    }
                }
            }
        }
        let consumed = try parseLines(base + start, chunk.count - start, complete: false)
        if start + consumed < chunk.count {
            partial.append(contentsOf: UnsafeBufferPointer(start: base + start + consumed, count: chunk.count - start - consumed))
            try passOverIfTooLong()
        }
    }

    /// A line that has grown past the limit is malformed; the rest of it, up to its newline, is passed over.
    private mutating func passOverIfTooLong() throws(TraceError) {
        guard partial.count > Self.maximumLineLength else { return }
        line += 1
        let text = String(decoding: partial.prefix(40), as: UTF8.self) + "…"
        partial = []
        skippingLongLine = true
        let error = TraceError(line: line, message: "line is longer than \(Self.maximumLineLength) bytes", text: text)
        malformed += 1
        if firstMalformed == nil { firstMalformed = error }
        if strict { throw error }
    }

    /// The input has ended: a last line without a newline is parsed too.
    public mutating func finish() throws(TraceError) {
        guard !partial.isEmpty else { return }
        let carried = partial
        partial.removeAll()
        _ = try carried.withUnsafeBufferPointer { (line) throws(TraceError) in try parseLines(line.baseAddress!, line.count, complete: true)
        }
    }

    /// Parses the lines in `bytes` (the last one too when `complete`); returns the bytes consumed.
    /// References go straight into new arrays sized for the worst case (a line of at least two
    /// bytes gives at most two references), built without initialising: two allocations a
    /// chunk, none a reference.
    @discardableResult
    private mutating func parseLines(_ bytes: UnsafePointer<UInt8>, _ count: Int, complete: Bool) throws(TraceError) -> Int {
        let old = pages.count
        let capacity = old + count + 2
        var consumed = 0
        var failure: TraceError?
        var newWrites: [Bool] = []
        let newPages = [Int](unsafeUninitializedCapacity: capacity) { pageBuffer, pagesInitialized in
            newWrites = [Bool](unsafeUninitializedCapacity: capacity) { writeBuffer, writesInitialized in
                var produced = old
                _ = pageBuffer.initialize(fromContentsOf: pages)
                _ = writeBuffer.initialize(fromContentsOf: writes)
                let pageOut = pageBuffer.baseAddress!, writeOut = writeBuffer.baseAddress!
                var start = 0
                var lackey = format == .lackey, plain = format == .plain
                Self.hexDigits.withUnsafeBufferPointer { table in
                    let hexDigits = table.baseAddress!
                    while start < count {
                        // Almost every lackey line is well formed: read it in one pass, newline included.
                        if lackey,
                            let next = Self.wellFormedLackeyLine(bytes, start, count, pageShift, hexDigits, pageOut, writeOut, &produced)
                        {
                            line += 1
                            start = next
                            continue
                        }
                        if plain,
                            let next = Self.wellFormedPlainLine(bytes, start, count, pageShift, hexDigits, pageOut, writeOut, &produced)
                        {
                            line += 1
                            start = next
                            continue
                        }
                        let stop: Int
                        if let newline = memchr(bytes + start, 10, count - start) {
                            stop = start + (bytes + start).distance(to: newline.assumingMemoryBound(to: UInt8.self))
                        } else if complete {
                            stop = count
                        } else {
                            break
                        }
                        do throws(TraceError) {
                            try parseLine(bytes, start, stop, pageOut, writeOut, &produced)
                            (lackey, plain) = (format == .lackey, format == .plain)
                        } catch {
                            failure = error
                            break
                        }
                        start = stop + 1
                    }
                }
                consumed = min(start, count)
                writesInitialized = produced
                pagesInitialized = produced
            }
        }
        pages = newPages
        writes = newWrites
        if let failure { throw failure }
        return consumed
    }

    @inline(__always)
    private mutating func parseLine(
        _ bytes: UnsafePointer<UInt8>, _ start: Int, _ stop: Int,
        _ pageOut: UnsafeMutablePointer<Int>, _ writeOut: UnsafeMutablePointer<Bool>, _ produced: inout Int
    ) throws(TraceError) {
        line += 1
        var end = stop
        if end > start && bytes[end - 1] == 13 { end -= 1 }  // CRLF
        if format == nil {
            guard let detected = Self.detect(UnsafeBufferPointer(start: bytes, count: end), start, end) else { return }
            format = detected
        }
        if format == .lackey {
            try parseLackey(bytes, start, end, pageOut, writeOut, &produced)
        } else {
            try parsePlain(UnsafeBufferPointer(start: bytes, count: end), start, end, pageOut, writeOut, &produced)
        }
    }

    /// Decides the format from the first line that is not blank or a comment.
    static func detect(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Format? {
        var index = start
        while index < end && (bytes[index] == 32 || bytes[index] == 9) { index += 1 }
        guard index < end, bytes[index] != 35 else { return nil }  // blank or '#'
        if end - start >= 2 && bytes[start] == 61 && bytes[start + 1] == 61 { return .lackey }  // "=="
        let op = bytes[index]
        let next = index + 1 < end ? bytes[index + 1] : 0
        if (op == 73 || op == 76 || op == 83 || op == 77) && (next == 32 || next == 9) { return .lackey }  // I L S M
        return .plain
    }

    /// A hex digit's value, or nil: arithmetic rather than a table, so no lazy global is checked per byte.
    @inline(__always) static func hexDigit(_ byte: UInt8) -> UInt64? {
        // (The general parser's path; the well-formed lackey path looks digits up in `hexDigits`.)
        let digit = byte &- 48
        if digit < 10 { return UInt64(digit) }
        let letter = (byte | 0x20) &- 97
        return letter < 6 ? UInt64(letter + 10) : nil
    }

    @inline(__always)
    private mutating func parseLackey(
        _ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int,
        _ pageOut: UnsafeMutablePointer<Int>, _ writeOut: UnsafeMutablePointer<Bool>, _ produced: inout Int
    ) throws(TraceError) {
        var index = start
        if end - start >= 2 && bytes[start] == 61 && bytes[start + 1] == 61 { return }  // valgrind's "==PID==" lines
        while index < end && bytes[index] == 32 { index += 1 }
        guard index < end else { return }
        let op = bytes[index]
        let write: Bool
        switch op {
        case 73, 76: write = false  // I, L
        case 83, 77: write = true  // S, M
        default: return try bad(bytes, start, end, "expected a lackey line: 'I', 'L', 'S' or 'M', an address in hex, a comma and a size")
        }
        index += 1
        guard index < end, bytes[index] == 32 else {
            return try bad(bytes, start, end, "expected a space after '\(Character(Unicode.Scalar(op)))'")
        }
        while index < end && bytes[index] == 32 { index += 1 }
        var address: UInt64 = 0
        let digitsStart = index
        while index < end, let value = Self.hexDigit(bytes[index]) {
            address = address << 4 | value
            index += 1
        }
        if index - digitsStart > 16 { try bad(bytes, start, end, "address longer than 64 bits") }
        guard index - digitsStart <= 16 else { return }
        guard index > digitsStart, index < end, bytes[index] == 44 else {
            return try bad(bytes, start, end, "expected a hex address and a comma")
        }
        index += 1
        var size = 0
        let sizeStart = index
        while index < end, bytes[index] &- 48 < 10, index - sizeStart < 9 {
            size = size * 10 + Int(bytes[index] &- 48)
            index += 1
        }
        guard index > sizeStart else { return try bad(bytes, start, end, "expected a size after the comma") }
        guard (address &+ UInt64(max(size, 1) - 1)) >> UInt64(pageShift) <= UInt64(Int.max), address <= address &+ UInt64(max(size, 1) - 1)
        else {
            return try bad(bytes, start, end, Self.beyondPageNumbers)
        }
        let first = Int(truncatingIfNeeded: address >> UInt64(pageShift))
        pageOut[produced] = first
        writeOut[produced] = write
        produced += 1
        let last = Int(truncatingIfNeeded: (address &+ UInt64(max(size, 1) - 1)) >> UInt64(pageShift))
        if last != first {
            pageOut[produced] = last
            writeOut[produced] = write
            produced += 1
        }
    }

    private mutating func parsePlain(
        _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
        _ pageOut: UnsafeMutablePointer<Int>, _ writeOut: UnsafeMutablePointer<Bool>, _ produced: inout Int
    ) throws(TraceError) {
        var index = start
        while index < end && (bytes[index] == 32 || bytes[index] == 9) { index += 1 }
        guard index < end, bytes[index] != 35 else { return }
        var hex = false
        if index + 1 < end, bytes[index] == 48, bytes[index + 1] == 120 || bytes[index + 1] == 88 {
            hex = true
            index += 2
        }
        // One pass reads the token both ways: hex unless it is all decimal digits without "0x".
        let tokenStart = index
        var hexValue: UInt64 = 0, decimalValue: UInt64 = 0
        var allDecimal = true, allHex = true, hexOverflow = false, decimalOverflow = false
        while index < end, bytes[index] != 32, bytes[index] != 9, bytes[index] != 44 {
            let byte = bytes[index]
            if let digit = Self.hexDigit(byte) {
                hexOverflow = hexOverflow || hexValue >> 60 != 0
                hexValue = hexValue << 4 | digit
                if digit < 10 {
                    let (times, overflowA) = decimalValue.multipliedReportingOverflow(by: 10)
                    let (sum, overflowB) = times.addingReportingOverflow(digit)
                    decimalOverflow = decimalOverflow || overflowA || overflowB
                    decimalValue = sum
                } else {
                    allDecimal = false
                }
            } else {
                allHex = false
            }
            index += 1
        }
        guard index > tokenStart else { return try bad(bytes.baseAddress!, start, end, "expected an address") }
        guard allHex else { return try bad(bytes.baseAddress!, start, end, "expected an address (0x hex or decimal)") }
        let decimal = !hex && allDecimal
        guard decimal ? !decimalOverflow : !hexOverflow else {
            return try bad(bytes.baseAddress!, start, end, "address longer than 64 bits")
        }
        let address = decimal ? decimalValue : hexValue
        while index < end, bytes[index] == 32 || bytes[index] == 9 || bytes[index] == 44 { index += 1 }
        var write = false
        if index < end {
            switch bytes[index] {
            case 87, 119, 83, 115: write = true  // W w S s
            case 82, 114, 76, 108: write = false  // R r L l
            default: return try bad(bytes.baseAddress!, start, end, "expected R or W after the address")
            }
        }
        guard address >> UInt64(pageShift) <= UInt64(Int.max) else {
            return try bad(bytes.baseAddress!, start, end, Self.beyondPageNumbers)
        }
        pageOut[produced] = Int(truncatingIfNeeded: address >> UInt64(pageShift))
        writeOut[produced] = write
        produced += 1
    }

    private mutating func bad(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ message: String) throws(TraceError) {
        let text = String(decoding: UnsafeBufferPointer(start: bytes + start, count: min(end, start + 80) - start), as: UTF8.self)
        let error = TraceError(line: line, message: message, text: text)
        malformed += 1
        if firstMalformed == nil { firstMalformed = error }
        if strict { throw error }
    }
}
