/// Standard output in 64 KiB writes, for a report written piece by piece as a run goes.
struct BufferedOutput {
    private var buffer = ""
    static let capacity = 1 << 16

    mutating func write(_ text: String) throws(CommandFailure) {
        buffer += text
        if buffer.utf8.count >= Self.capacity { try flush() }
    }

    mutating func flush() throws(CommandFailure) {
        guard !buffer.isEmpty else { return }
        try StandardOutput.write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
