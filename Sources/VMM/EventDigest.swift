/// A short, stable fingerprint of what one step did, for replay files.
///
/// FNV-1a over the events' structured fields (kind, processes, page, frame, swap slot, file,
/// word, value). The explanations' wording is left out on purpose: rewording a sentence must not
/// invalidate old recordings, while any change in behaviour does.
public enum EventDigest {
    public static func digest(_ events: [Event]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ value: Int?) {
            var v = UInt64(bitPattern: Int64(value ?? Int.min))
            for _ in 0..<8 {
                hash = (hash ^ (v & 0xff)) &* 0x0000_0100_0000_01b3
                v >>= 8
            }
        }
        for event in events {
            for byte in event.kind.rawValue.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            for field in [
                event.process, event.otherProcess, event.page, event.frame, event.swapSlot, event.file, event.filePage, event.word,
                event.value,
            ] {
                mix(field)
            }
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
