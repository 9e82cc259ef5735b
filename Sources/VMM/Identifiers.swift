/// Plain integer names for the things a memory manager counts.
///
/// They are aliases rather than wrapper types so that the engine's hot paths stay
/// allocation-free and the views can do arithmetic on them without ceremony.
public typealias ProcessID = Int
public typealias VirtualPageNumber = Int
public typealias FrameNumber = Int
public typealias SwapSlotNumber = Int
public typealias FileID = Int
public typealias VirtualAddress = Int

/// Formats a number the way memory people read it: `0x1f`. Written in place (every explanation
/// names pages and addresses: `String(_:radix:)` and two concatenations were a tenth of a run).
public func hex(_ value: Int) -> String {
    let magnitude = value.magnitude
    var digits = 1
    while digits < 16, magnitude >> (4 * UInt(digits)) != 0 { digits += 1 }
    let prefix = value < 0 ? 3 : 2
    return String(unsafeUninitializedCapacity: prefix + digits) { buffer in
        if value < 0 { buffer[0] = UInt8(ascii: "-") }
        buffer[prefix - 2] = UInt8(ascii: "0")
        buffer[prefix - 1] = UInt8(ascii: "x")
        var rest = magnitude
        for position in stride(from: prefix + digits - 1, through: prefix, by: -1) {
            let digit = UInt8(truncatingIfNeeded: rest & 0xf)
            buffer[position] = digit < 10 ? UInt8(ascii: "0") + digit : UInt8(ascii: "a") - 10 + digit
            rest >>= 4
        }
        return prefix + digits
    }
}
