import Scenario

/// libFuzzer target: any bytes as a memory trace, fed in uneven chunks as a pipe delivers them,
/// in both formats and two page sizes; the non-strict parser never throws.
@_cdecl("LLVMFuzzerTestOneInput")
public func traceTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    for (format, pageSize) in [(TraceParser.Format.lackey, 4096), (.plain, 1), (.plain, 4096)] {
        var parser = TraceParser(pageSize: pageSize, format: format)
        var start = 0, step = 1
        do {
            while start < size {
                let end = min(size, start + step)
                try parser.feed(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                start = end
                step = step * 3 % 97 + 1
            }
            try parser.finish()
        } catch {
            fatalError("a non-strict parser threw: \(error)")
        }
        if parser.pages.count != parser.writes.count || parser.pages.contains(where: { $0 < 0 }) { fatalError("bad references") }
    }
    return 0
}
