import Foundation
import Glibc
import Scenario
import VMM

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
        case .missing: throw CommandFailure("\(path): no such trace file")
        case .directory: throw CommandFailure("\(path): is a directory; expected a trace file")
        case .special(let what) where what != "a pipe (FIFO)":
            throw CommandFailure("\(path): is \(what), not a file; expected a trace file")
        case .file, .special: break
        }
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CommandFailure("\(path): cannot read: \(String(cString: strerror(errno)))") }
        return TraceReader(name: path, descriptor: descriptor, parser: parser)
    }

    /// Reads to the end, feeding every reference to `sink`; `limit` stops early.
    mutating func run<Sink: ReferenceSink>(into sink: inout Sink, limit: Int = .max) throws(CommandFailure) -> Int {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        var read = 0
        let progress = isatty(STDERR_FILENO) == 1 ? Progress(size: size) : nil
        defer { progress?.clear() }
        while total < limit {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw CommandFailure("\(name): read failed: \(String(cString: strerror(errno)))")
            }
            let outcome: Result<Void, TraceError> = buffer.withUnsafeBytes { bytes in
                do throws(TraceError) {
                    if count == 0 { try parser.finish() } else { try parser.feed(UnsafeRawBufferPointer(rebasing: bytes[0..<count])) }
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            if case .failure(let error) = outcome {
                throw CommandFailure("\(name):\(error.line): \(error.message), found '\(error.text.printable)'")
            }
            let take = min(parser.pages.count, limit - total)
            parser.pages.withUnsafeBufferPointer { pages in
                parser.writes.withUnsafeBufferPointer { writes in
                    for index in 0..<take { sink.append(page: pages[index], write: writes[index]) }
                }
            }
            total += take
            parser.pages.removeAll(keepingCapacity: true)
            parser.writes.removeAll(keepingCapacity: true)
            read += count
            progress?.update(bytes: read, references: total)
            if count == 0 { break }
        }
        return total
    }

    /// Warns about skipped lines (not strict) on standard error.
    func reportSkipped() {
        guard parser.malformed > 0, let first = parser.firstMalformed else { return }
        printError(
            "warning: \(name): skipped \(parser.malformed) malformed line\(parser.malformed == 1 ? "" : "s"); the first, line \(first.line): \(first.message), found '\(first.text.printable)' (--strict stops at it)"
        )
    }
}
