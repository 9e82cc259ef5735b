import FoundationEssentials
import Glibc
import Scenario

/// Streams a trace from a file descriptor through the parser into a simulation, in 1 MiB
/// chunks: constant memory however long the trace. Shows a progress bar on a terminal.
struct TraceReader {
    let name: String
    let descriptor: Int32
    /// Bytes in the input, when it is a regular file (for the progress bar).
    let size: Int?
    var parser: TraceParser

    init(name: String, descriptor: Int32, parser: TraceParser) {
        self.name = name
        self.descriptor = descriptor
        var info = stat()
        size = fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
        self.parser = parser
    }

    /// Opens a path, or standard input for "-".
    static func open(_ path: String, parser: TraceParser) throws(CommandFailure) -> TraceReader {
        if path == "-" { return TraceReader(name: "standard input", descriptor: STDIN_FILENO, parser: parser) }
        // Traces stream, so any size will do, and a pipe too (a program writing its trace as it runs).
        switch InputFile(path) {
        case .missing: throw .unreadable("\(path): no such trace file")
        case .directory: throw .unreadable("\(path): is a directory; expected a trace file")
        case .special(let what) where what != "a pipe (FIFO)":
            throw .unreadable("\(path): is \(what), not a file; expected a trace file")
        case .file, .special: break
        }
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable("\(path): cannot read: \(String(cString: strerror(errno)))") }
        return TraceReader(name: path, descriptor: descriptor, parser: parser)
    }

    /// One read and what the parser made of it: the references, the bytes read, and whether the input ended.
    struct Chunk {
        var pages: [Int]
        var writes: [Bool]
        var bytes: Int
        var ended: Bool
    }

    /// Reads and parses the next piece of input (at most `buffer`'s size).
    mutating func nextChunk(_ buffer: inout [UInt8]) throws(CommandFailure) -> Chunk {
        var count: Int
        repeat {
            count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
        } while count < 0 && errno == EINTR
        if count < 0 { throw .unreadable("\(name): read failed: \(String(cString: strerror(errno)))") }
        let outcome: Result<Void, TraceError> = buffer.withUnsafeBytes { bytes in
            do throws(TraceError) {
                if count == 0 { try parser.finish() } else { try parser.feed(UnsafeRawBufferPointer(rebasing: bytes[0..<count])) }
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        if case .failure(let error) = outcome {
            throw .invalidInput("\(name):\(error.line): \(error.message), found '\(error.text.printable)'")
        }
        let chunk = Chunk(pages: parser.pages, writes: parser.writes, bytes: count, ended: count == 0)
        parser.pages.removeAll(keepingCapacity: true)
        parser.writes.removeAll(keepingCapacity: true)
        return chunk
    }

    /// Reads to the end, feeding every reference to `sink`; `limit` stops early. Without a limit,
    /// reading and parsing run on a second thread, a few chunks ahead of the simulation.
    mutating func run<Sink: ReferenceSink>(into sink: inout Sink, limit: Int = .max) throws(CommandFailure) -> Int {
        var total = 0
        var read = 0
        let progress = isatty(STDERR_FILENO) == 1 ? Progress(size: size) : nil
        defer { progress?.clear() }
        func deliver(_ chunk: Chunk) {
            let take = min(chunk.pages.count, limit - total)
            if take == chunk.pages.count {
                sink.append(pages: chunk.pages, writes: chunk.writes)
            } else {
                sink.append(pages: Array(chunk.pages.prefix(take)), writes: Array(chunk.writes.prefix(take)))
            }
            total += take
            read += chunk.bytes
            progress?.update(bytes: read, references: total)
        }
        guard limit == .max else {
            // A limit may be reached long before the input ends (a pipe still being written): read only what is needed.
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while total < limit {
                let chunk = try nextChunk(&buffer)
                deliver(chunk)
                if chunk.ended { break }
            }
            return total
        }
        let pipeline = ChunkPipeline(self)
        while true {
            switch pipeline.take() {
            case .success(let chunk):
                deliver(chunk)
                guard !chunk.ended else {
                    self = pipeline.finishedReader()
                    return total
                }
            case .failure(let error):
                throw error
            }
        }
    }

    /// Warns about skipped lines (not strict) on standard error.
    func reportSkipped() {
        guard parser.malformed > 0, let first = parser.firstMalformed else { return }
        printError(
            "warning: \(name): skipped \(parser.malformed) malformed line\(parser.malformed == 1 ? "" : "s"); the first, line \(first.line): \(first.message), found '\(first.text.printable)' (--strict stops at it)"
        )
    }
}
