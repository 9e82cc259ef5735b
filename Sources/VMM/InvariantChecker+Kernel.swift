/// The invariant checker's rules for the Linux behaviours (docs/semantics.md, "Linux as a model").
extension InvariantChecker {
    /// Whether write-notify is keeping clean shared pages read-only: on, with write-back (under
    /// write-through a written page stays clean and writable) and one shared copy.
    static func writeNotifyProtects(_ machine: Machine) -> Bool {
        let c = machine.configuration
        return c.kernel.writeNotify && c.writePolicy == .writeBack && c.sharing == .sharedCopy
    }

    /// A zero-page entry: only with zero-page on, in anonymous memory, present with no frame or
    /// swap slot, read-only and clean.
    static func zeroPageProblems(_ machine: Machine, _ entry: PageTableEntry, at: String, anonymous: Bool, _ say: (String) -> Void) {
        if !machine.configuration.kernel.zeroPage { say("\(at) maps the zero page, but zero-page is off") }
        if !anonymous { say("\(at) maps the zero page outside anonymous memory") }
        if !entry.present || entry.frame != nil || entry.swapSlot != nil {
            say("\(at) maps the zero page but is not present without a frame and a swap slot")
        }
        if entry.writable || entry.dirty { say("\(at) maps the zero page yet is writable or dirty") }
    }

    /// Under Linux write-back, a close or an exit writes nothing back (only an eviction in the
    /// same step, or the writeback daemon, whose write-backs name no process, may).
    static func linuxCloseProblems(after: Machine, result: StepResult) -> [String] {
        guard after.configuration.kernel.writeback == .linux, !after.configuration.sharing.usesSessionCopies,
            let operation = result.operation, operation.hasPrefix("close ") || operation == "exit"
        else { return [] }
        let evicted = result.events.contains { $0.kind == .eviction }
        let closing = result.events.filter { $0.kind == .writeBack && $0.process != nil }
        guard !evicted, !closing.isEmpty else { return [] }
        return ["\(operation) wrote \(closing.count) page(s) back, but under Linux write-back a close writes nothing"]
    }
}
