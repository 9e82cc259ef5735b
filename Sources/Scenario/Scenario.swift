import VMM

/// A parsed, checked scenario: everything needed to build the machine, plus its lesson.
public struct Scenario: Sendable {
    /// Where it came from: a path, or `bundled:NAME`.
    public var path: String
    /// The file's full text, so a recording can carry it and stand alone.
    public var source: String
    public var title: String
    public var description: [String]
    /// What a student should watch for.
    public var watch: [String]
    public var configuration: MachineConfiguration
    public var files: [FileSpec]
    public var processes: [ProcessSpec]
    public var expectations: [Expectation]
    /// The `--set` overrides that changed the configuration from the file's: its `expect` lines
    /// were written for the file as it is, so with these they are shown, not judged.
    public var overrides: [String] = []

    public func makeMachine(seed: UInt64? = nil) -> Machine {
        var configuration = configuration
        if let seed { configuration.seed = seed }
        return Machine(configuration: configuration, files: files, processes: processes)
    }

    /// A one-line summary of the policies in force, for status lines and report headers.
    public var policySummary: String { Self.policySummary(configuration) }

    public static func policySummary(_ c: MachineConfiguration) -> String {
        let tlb =
            c.tlb.entries == 0
            ? "no TLB"
            : "TLB \(c.tlb.entries)\(c.tlb.ways == 0 ? " full" : "×\(c.tlb.ways)-way") \(c.tlb.replacement.rawValue)\(c.tlb.tagged ? "" : " flush")"
        let allocation = c.allocation.scope == .local ? " local \(c.allocation.share.rawValue)" : ""
        let levels =
            c.invertedPageTable ? " · inverted table" : c.pageTableLevels.isEmpty ? "" : " · \(c.pageTableLevels.count)-level table"
        let kernel = ["linux": " · Linux kernel", "custom": " · custom kernel"][c.kernelName] ?? ""
        let cpus = c.cpus > 1 ? " · \(c.cpus) CPUs, \(c.shootdown == .none ? "no" : c.shootdown.rawValue) shootdown" : ""
        return
            "\(c.frames) frame\(c.frames == 1 ? "" : "s") · \(c.replacement.rawValue.uppercased())\(allocation)\(kernel) · write-\(c.writePolicy.rawValue) · \(c.sharing.name)\(c.flushBeforeRead ? " + flush-before-read" : "") · \(tlb)\(levels)\(cpus)"
    }
}
