/// A one-line progress bar on standard error, redrawn at most ten times a second.
final class Progress {
    let size: Int?
    let clock = ContinuousClock()
    var last: ContinuousClock.Instant
    var drawn = false

    init(size: Int?) {
        self.size = size
        last = clock.now
    }

    func update(bytes: Int, references: Int) {
        let now = clock.now
        guard now - last > .milliseconds(100) else { return }
        last = now
        var line = "\r\(references / 1_000_000).\(references / 100_000 % 10)M references"
        if let size, size > 0 {
            let fraction = min(1, Double(bytes) / Double(size))
            let filled = Int(fraction * 30)
            line =
                "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: 30 - filled) + "] \(Int(fraction * 100))%  "
                + line.dropFirst()
        }
        StandardError.write(line)
        drawn = true
    }

    func clear() {
        if drawn { StandardError.write("\r\u{1B}[K") }
    }
}
