import VMM

/// The address a step touched, taken apart as the hardware does: page number and offset (and each
/// level's index, the TLB's set and tag), the page-table entry's bits, and the physical address.
public enum AddressAnatomy {
    /// The lines for `step`, read against `machine` as it was after the step; nil for a step that
    /// touched no address.
    public static func lines(_ machine: Machine, _ step: StepResult) -> [String]? {
        guard let address = step.address, address >= 0, let pid = step.process else { return nil }
        let c = machine.configuration
        let offsetBits = c.pageSize.trailingZeroBitCount
        let page = address >> offsetBits
        let offset = address & (c.pageSize - 1)
        let pageBits =
            c.pageTableLevels.isEmpty ? max(4, Int.bitWidth - page.leadingZeroBitCount + 3) / 4 * 4 : c.pageTableLevels.reduce(0, +)
        let verb = step.operation?.hasPrefix("write") == true ? "write to" : "read of"
        var out = ["\(machine.name(pid))'s \(verb) \(hex(address)), taken apart:"]
        if pageBits + offsetBits <= 48 {
            if c.pageTableLevels.isEmpty {
                out.append("  \(binary(page, bits: pageBits)) | \(binary(offset, bits: offsetBits))   page number | offset")
            } else {
                // One field per level, as the walk uses them.
                let fields = machine.tablePath(page).enumerated().map { binary($0.element.entry, bits: c.pageTableLevels[$0.offset]) }
                let names = (1...c.pageTableLevels.count).map { "L\($0)" }
                out.append(
                    "  \(fields.joined(separator: " | ")) | \(binary(offset, bits: offsetBits))   \(names.joined(separator: " | ")) | offset"
                )
            }
        }
        out.append(
            "  page number \(hex(page)) (bits \(offsetBits + pageBits - 1)–\(offsetBits)), offset \(hex(offset)) (bits \(offsetBits - 1)–0): word \(offset / c.wordSize) of \(c.wordsPerPage)"
        )
        if !c.pageTableLevels.isEmpty {
            let path = machine.tablePath(page).map { "level \($0.key.level) index \(hex($0.entry))" }
            out.append(
                "  \(c.pageTableLevels.count)-level table (\(c.pageTableLevels.map(String.init).joined(separator: "+")) bits): "
                    + path.joined(separator: ", "))
        } else if c.invertedPageTable {
            out.append(
                "  inverted table: bucket (page + process) mod \(c.hashBuckets) = (\(hex(page)) + \(pid)) mod \(c.hashBuckets) = \(c.hashBucket(process: pid, page: page))"
            )
        }
        if c.tlb.entries > 0 {
            let sets = c.tlb.sets
            out.append(
                sets == 1
                    ? "  TLB (fully associative): the whole page number \(hex(page)) is the tag, compared in every entry"
                    : "  TLB (\(sets) sets × \(c.tlb.waysPerSet) ways): set = page mod \(sets) = \(page % sets), tag = page ÷ \(sets) = \(hex(page / sets))"
            )
        }
        guard let entry = machine.processes[pid].pageTable[page] else {
            out.append("  page-table entry: none now (the access ended without the page in memory)")
            return out
        }
        func bit(_ name: String, _ on: Bool) -> String { "\(name) \(on ? 1 : 0)" }
        out.append(
            "  page-table entry: "
                + [
                    bit("present", entry.present), bit("dirty", entry.dirty), bit("referenced", entry.referenced),
                    bit("writable", entry.writable), bit("COW", entry.sharing == .copyOnWrite),
                ].joined(separator: " · ")
                + (entry.zeroPage
                    ? " → the shared zero page" : entry.frame.map { " → frame \($0)" } ?? entry.swapSlot.map { " → swap slot \($0)" } ?? "")
        )
        if entry.present, let frame = entry.frame {
            out.append("  physical address \(hex(frame * c.pageSize + offset)) = frame \(frame) × \(c.pageSize) + offset \(hex(offset))")
        }
        return out
    }

    /// `value` in binary, `bits` wide, in groups of four from the right.
    static func binary(_ value: Int, bits: Int) -> String {
        let digits = (0..<bits).reversed().map { value >> $0 & 1 == 1 ? "1" : "0" }
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (bits - index) % 4 == 0 { out += " " }
            out += digit
        }
        return out
    }
}
