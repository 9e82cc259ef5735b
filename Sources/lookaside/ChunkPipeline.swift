import Foundation

/// A trace reader on its own thread, a few chunks ahead of whoever takes them: reading and
/// parsing overlap the simulation, on the machine's second core. At most `depth` parsed chunks
/// wait, so memory stays bounded however fast the input arrives.
final class ChunkPipeline: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [Result<TraceReader.Chunk, CommandFailure>] = []
    private var reader: TraceReader
    private var done = false
    private let depth = 4

    init(_ reader: TraceReader) {
        self.reader = reader
        let thread = Thread { [self] in produce() }
        thread.name = "trace reader"
        thread.start()
    }

    private func produce() {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var reader = condition.withLock { self.reader }
        while true {
            let item: Result<TraceReader.Chunk, CommandFailure>
            do throws(CommandFailure) {
                item = .success(try reader.nextChunk(&buffer))
            } catch {
                item = .failure(error)
            }
            let last = (try? item.get())?.ended ?? true
            condition.withLock {
                while ready.count >= depth { condition.wait() }
                ready.append(item)
                if last {
                    self.reader = reader
                    done = true
                }
                condition.broadcast()
            }
            if last { return }
        }
    }

    /// The next chunk, or the error that ended the input; waits for it.
    func take() -> Result<TraceReader.Chunk, CommandFailure> {
        condition.withLock {
            while ready.isEmpty { condition.wait() }
            let item = ready.removeFirst()
            condition.broadcast()
            return item
        }
    }

    /// The reader as the thread left it (its parser's counts of skipped lines), once it has ended.
    func finishedReader() -> TraceReader {
        condition.withLock {
            precondition(done, "the trace reader is still reading")
            return reader
        }
    }
}
