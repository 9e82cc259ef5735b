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

/// Formats a number the way memory people read it: `0x1f`.
public func hex(_ value: Int) -> String {
    value < 0 ? "-0x" + String(-value, radix: 16) : "0x" + String(value, radix: 16)
}
