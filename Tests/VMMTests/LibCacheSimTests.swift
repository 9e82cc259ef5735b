import Foundation
import Testing
@testable import VMM

/// libCacheSim (1a1a11a/libCacheSim, the C library of the cache-research literature), through its
/// Python bindings (PyPI `libcachesim`): an implementation of the policies no one here wrote. `.ci/run`
/// installs it into .build/libcachesim and sets LOOKASIDE_REQUIRE_LIBCACHESIM=1, so there the
/// comparison cannot be skipped; elsewhere LOOKASIDE_LIBCACHESIM_PYTHON names its Python.
enum LibCacheSim {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var python: String? {
        if let given = ProcessInfo.processInfo.environment["LOOKASIDE_LIBCACHESIM_PYTHON"] { return given }
        let venv = root.appendingPathComponent(".build/libcachesim/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
    }
    static var required: Bool { ProcessInfo.processInfo.environment["LOOKASIDE_REQUIRE_LIBCACHESIM"] == "1" }
    static var available: Bool { python != nil || required }

    /// libCacheSim's misses of `policy` on `stream` at each of `sizes`.
    static func misses(_ policy: String, _ stream: [Int], sizes: [Int]) throws -> [Int] {
        let python = try #require(python, "libcachesim is required (LOOKASIDE_REQUIRE_LIBCACHESIM=1) but not installed")
        let trace = FileManager.default.temporaryDirectory.appendingPathComponent("lookaside-lcs-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: trace) }
        try stream.map(String.init).joined(separator: "\n").appending("\n").write(to: trace, atomically: true, encoding: .utf8)
        let text = try output(
            of: python,
            [
                root.appendingPathComponent("Tests/VMMTests/Reference/libcachesim_misses.py").path, trace.path, policy,
                sizes.map(String.init).joined(separator: ","),
            ])
        return text.split(separator: "\n").compactMap { Int($0) }
    }

    /// What a program prints on standard output; a failure to run it is the test's.
    static func output(of program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(program) \(arguments.first ?? "") failed")
        return text
    }
}

/// The engine's fast simulator against libCacheSim, miss for miss, at every cache size 1–256 on
/// random, looping and scan-mixed streams and a real valgrind trace, for every policy whose rule
/// is the same (docs/semantics.md names the ones that differ, such as Clock's insertion).
@Suite(.enabled(if: LibCacheSim.available, "needs libcachesim (pip install libcachesim; .ci/run installs it)"))
struct LibCacheSimTests {
    static let sizes = Array(1...256)

    /// The streams: seeded random pages, a loop longer than small caches, a hot set with one-time
    /// scans through it, and what /bin/true touches under valgrind's lackey.
    static func streams() throws -> [(name: String, pages: [Int])] {
        var generator = SeededGenerator(seed: 7)
        let random = (0..<8_000).map { _ in generator.index(below: 400) }
        let loop = (0..<30).flatMap { _ in Array(0..<150) }
        var mixed: [Int] = []
        for round in 0..<16 {
            for _ in 0..<300 { mixed.append(generator.index(below: 24)) }
            mixed += (0..<120).map { 1_000 + round * 120 + $0 }
        }
        return [("random", random), ("loop", loop), ("scan-mixed", mixed), ("valgrind", try valgrindTrace())]
    }

    /// The data and instruction pages of /bin/true under `valgrind --tool=lackey --trace-mem=yes`.
    static func valgrindTrace() throws -> [Int] {
        let text = try LibCacheSim.output(of: "/usr/bin/valgrind", ["--tool=lackey", "--trace-mem=yes", "--log-fd=1", "/bin/true"])
        let pages = text.split(separator: "\n").compactMap { line -> Int? in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count == 2, ["I", "L", "S", "M"].contains(fields[0]),
                let address = Int(fields[1].split(separator: ",")[0], radix: 16)
            else { return nil }
            return address >> 12
        }
        #expect(pages.count > 10_000, "valgrind's lackey gave a trace")
        // Its first 10,000 references: the start of a program, every page new, then its loops.
        return Array(pages.prefix(10_000))
    }

    /// The fast simulator's faults at every size, the sizes spread over the cores.
    static func ours(_ policy: ReplacementPolicy, _ pages: [Int]) -> [Int] {
        var simulation = StreamSimulation(sizes.map { PagingSimulator(policy: policy, frames: $0) })
        simulation.append(pages: pages, writes: [Bool](repeating: false, count: pages.count))
        simulation.finish()
        return simulation.results.map(\.faults)
    }

    /// The policies whose rule is libCacheSim's, and the smallest size at which libCacheSim
    /// caches anything: below it (2Q's A1in or S3-FIFO's small queue rounding to at most one page
    /// of libCacheSim's byte-sized queues) it admits nothing and every reference misses, where
    /// Lookaside gives those queues a page (docs/semantics.md). libCacheSim's S3FIFO aborts below
    /// 10 pages, so it is not asked there.
    static let policies: [(ReplacementPolicy, String, admitsFrom: Int, asksFrom: Int)] = [
        (.lru, "LRU", 1, 1), (.fifo, "FIFO", 1, 1), (.sieve, "Sieve", 1, 1), (.arc, "ARC", 1, 1),
        (.twoQ, "TwoQ", 4, 1), (.s3fifo, "S3FIFO", 20, 10),
    ]

    @Test("the same misses as libCacheSim at every size it caches at", arguments: policies)
    func sameMisses(policy: ReplacementPolicy, theirs name: String, admitsFrom: Int, asksFrom: Int) throws {
        for (stream, pages) in try Self.streams() {
            let asked = Self.sizes.filter { $0 >= asksFrom }
            let theirs = try LibCacheSim.misses(name, pages, sizes: asked)
            #expect(theirs.count == asked.count)
            let ours = Self.ours(policy, pages).suffix(asked.count)
            let compared = zip(asked, zip(ours, theirs)).filter { $0.0 >= admitsFrom }
            let differing = compared.filter { $0.1.0 != $0.1.1 }.prefix(3)
            #expect(differing.isEmpty, "\(policy) on \(stream): (size, ours, libCacheSim) \(differing.map { ($0.0, $0.1.0, $0.1.1) })")
            // The documented relation below: libCacheSim keeps nothing, so it misses every reference.
            let uncached = zip(asked, theirs).filter { $0.0 < admitsFrom }
            #expect(uncached.allSatisfy { $0.1 == pages.count }, "\(name) below \(admitsFrom) pages on \(stream): \(uncached.prefix(3))")
        }
    }
}
