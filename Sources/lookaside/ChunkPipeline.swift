import Dispatch
import Synchronization

/// A trace reader on its own thread, a few chunks ahead of whoever takes them: reading and
/// parsing overlap the simulation, on the machine's second core. A bounded buffer: `free` counts
/// the places left for parsed chunks (at most `depth` wait, so memory stays bounded however fast
/// the input arrives) and `filled` the chunks ready to take.
final class ChunkPipeline: Sendable {
    private struct Shared {
        var ready: [Result<TraceReader.Chunk, CommandFailure>] = []
        /// The reader, back from the thread once it has ended.
        var finished: TraceReader?
    }

    private let shared = Mutex(Shared())
    private let free: DispatchSemaphore
    private let filled = DispatchSemaphore(value: 0)
    private static let depth = 4

    init(_ reader: TraceReader) {
        free = DispatchSemaphore(value: Self.depth)
        DispatchQueue(label: "trace reader").async { [self] in produce(reader) }
    }

    private func produce(_ reader: TraceReader) {
        var reader = reader
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let item: Result<TraceReader.Chunk, CommandFailure>
            do throws(CommandFailure) {
                item = .success(try reader.nextChunk(&buffer))
            } catch {
                item = .failure(error)
            }
            let last = (try? item.get())?.ended ?? true
            free.wait()
            shared.withLock { shared in
                shared.ready.append(item)
                if last { shared.finished = reader }
            }
            filled.signal()
            if last { return }
        }
    }

    /// The next chunk, or the error that ended the input; waits for it.
    func take() -> Result<TraceReader.Chunk, CommandFailure> {
        filled.wait()
        let item = shared.withLock { $0.ready.removeFirst() }
        free.signal()
        return item
    }

    /// The reader as the thread left it (its parser's counts of skipped lines), once it has ended.
    func finishedReader() -> TraceReader {
        shared.withLock { shared in
            guard let reader = shared.finished else { preconditionFailure("the trace reader is still reading") }
            return reader
        }
    }
}
