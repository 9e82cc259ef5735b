/// The fast paths of the trace parser: a line of the usual shape read in one pass, without
/// looking for its end first. Anything else falls back to the general parser (`parseLine`).
extension TraceParser {
    /// Each byte's hex value, 0xFF for a byte that is not a hex digit: one load and no branch
    /// per digit (random hex digits defeat a branch predictor).
    static let hexDigits: [UInt8] = (0..<256).map { byte in UInt8(truncatingIfNeeded: hexDigit(UInt8(byte)).map(Int.init) ?? 0xFF) }

    /// A lackey line of the usual shape, `␣L␣7ff000a08,8\n`, read without looking for its end
    /// first: the references are written and the index after the newline returned. nil for
    /// anything else (valgrind's own lines, a carriage return, an error, a line cut off by the
    /// chunk), which the general parser then reads.
    @inline(__always)
    static func wellFormedLackeyLine(
        _ bytes: UnsafePointer<UInt8>, _ start: Int, _ count: Int, _ pageShift: Int, _ hexDigits: UnsafePointer<UInt8>,
        _ pageOut: UnsafeMutablePointer<Int>, _ writeOut: UnsafeMutablePointer<Bool>, _ produced: inout Int
    ) -> Int? {
        var index = start
        while index < count && bytes[index] == 32 { index += 1 }
        guard index + 2 < count, bytes[index + 1] == 32 else { return nil }
        let write: Bool
        switch bytes[index] {
        case 73, 76: write = false  // I, L
        case 83, 77: write = true  // S, M
        default: return nil
        }
        index += 2
        while index < count && bytes[index] == 32 { index += 1 }
        var address: UInt64 = 0
        let digitsStart = index
        while index < count {
            let value = hexDigits[Int(bytes[index])]
            if value == 0xFF { break }
            address = address << 4 | UInt64(value)
            index += 1
        }
        guard index > digitsStart, index - digitsStart <= 16, index < count, bytes[index] == 44 else { return nil }
        index += 1
        var size: UInt64 = 0
        let sizeStart = index
        while index < count, bytes[index] &- 48 < 10, index - sizeStart < 9 {
            size = size * 10 + UInt64(bytes[index] &- 48)
            index += 1
        }
        guard index > sizeStart, index < count, bytes[index] == 10 else { return nil }
        let last = address &+ max(size, 1) - 1
        guard last >= address, last >> UInt64(pageShift) <= UInt64(Int.max) else { return nil }
        let first = Int(truncatingIfNeeded: address >> UInt64(pageShift))
        pageOut[produced] = first
        writeOut[produced] = write
        produced += 1
        let lastPage = Int(truncatingIfNeeded: last >> UInt64(pageShift))
        if lastPage != first {
            pageOut[produced] = lastPage
            writeOut[produced] = write
            produced += 1
        }
        return index + 1
    }

    /// A plain line of the usual shape, `0x7ff000a08\n`, read in one pass (see `wellFormedLackeyLine`).
    @inline(__always)
    static func wellFormedPlainLine(
        _ bytes: UnsafePointer<UInt8>, _ start: Int, _ count: Int, _ pageShift: Int, _ hexDigits: UnsafePointer<UInt8>,
        _ pageOut: UnsafeMutablePointer<Int>, _ writeOut: UnsafeMutablePointer<Bool>, _ produced: inout Int
    ) -> Int? {
        guard start + 2 < count, bytes[start] == 48, bytes[start + 1] | 0x20 == 120 else { return nil }  // "0x" or "0X"
        var index = start + 2
        var address: UInt64 = 0
        while index < count {
            let value = hexDigits[Int(bytes[index])]
            if value == 0xFF { break }
            address = address << 4 | UInt64(value)
            index += 1
        }
        guard index > start + 2, index - start - 2 <= 16, index < count, bytes[index] == 10,
            address >> UInt64(pageShift) <= UInt64(Int.max)
        else { return nil }
        pageOut[produced] = Int(truncatingIfNeeded: address >> UInt64(pageShift))
        writeOut[produced] = false
        produced += 1
        return index + 1
    }
}
