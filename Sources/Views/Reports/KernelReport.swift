import Foundation
import RealKernel
import Scenario
import VMM

/// A real-kernel run as text or JSON (docs/real-kernel.md): per step, the model's events, the
/// kernel's picture, and the differences in words; at the end, the files in both worlds.
public enum KernelReport {
    /// The header: what runs, and what the kernel does not show.
    public static func textHeader(_ scenario: Scenario, release: String, privileged: Bool, tlbCounters: Bool = false) -> String {
        var lines = [
            "Lookaside · \(scenario.title) · on the real kernel",
            "\(scenario.path) · model: \(Scenario.policySummary(scenario.configuration))",
            "kernel: Linux \(release), \(privileged ? "root: frames (PFNs), map counts and page flags visible" : "not root: PFNs, map counts and page flags need root; presence, exclusivity, swap and the page cache are shown")",
            "Each scenario process is a real process; scenario address A is mapped at \(hex(Int(RealKernelRun.base))) + A.",
            tlbCounters
                ? "TLB misses come from the CPU's data-TLB counters (perf_event_open), per process and step. Not visible from user space: the TLB's contents; the dirty bit of anonymous pages; what the disk holds behind a dirty page cache."
                : "Not visible from user space: the TLB's contents, hits and misses (this CPU has no data-TLB counters: perf_event_open has none, as in most virtual machines); the dirty bit of anonymous pages; what the disk holds behind a dirty page cache.",
            "Fault counts come from /proc/PID/stat (tracefs is not read) and include the helper's own faults, so they are shown beside the model's, not compared.",
        ]
        let c = scenario.configuration
        let lacking =
            (c.sharing == .sharedCopy ? [] : ["\(c.sharing.name) sharing"]) + (c.writePolicy == .writeThrough ? ["write-through"] : [])
            + (c.flushBeforeRead ? ["flush-before-read"] : [])
        if !lacking.isEmpty {
            let through = c.writePolicy == .writeThrough ? " (for write-through, an msync of the page after each store)" : ""
            lines.append(
                "Linux has no \(lacking.joined(separator: ", ")): the real processes map the file shared, and only msync, fsync, sync and eviction write it\(through)."
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func text(_ step: RealKernelStep) -> String {
        let result = step.model
        var lines = [
            "", "step \(result.step)  \(result.process.map { step.machine.name($0) } ?? "—")  \(result.operation ?? "nothing can run")",
        ]
        let kinds = result.events.map(\.kind.rawValue).filter {
            !["context-switch", "tlb-hit", "tlb-miss", "tlb-fill", "page-walk"].contains($0)
        }
        lines.append("  model   " + (kinds.isEmpty ? "(no fault, no I/O)" : kinds.joined(separator: ", ")))
        // The model's frames the running process maps: the picture the kernel's PFNs stand beside.
        if let pid = result.process {
            let machine = step.machine
            for (number, frame) in machine.frames.enumerated() where frame.mappers.contains(where: { $0.process == pid }) {
                let who = frame.mappers.map { "\(machine.name($0.process))@\(hex($0.page))" }.joined(separator: " ")
                lines.append("          frame \(number): \(who) (\(machine.label(frame.content))\(frame.dirty ? ", dirty" : ""))")
            }
        }
        lines.append("  kernel  " + kernelLine(step))
        for frame in step.kernel.frames
        where frame.mappers.contains(where: { mapper in result.process.map { step.machine.name($0) } == mapper.process }) {
            lines.append("          " + frameLine(frame))
        }
        if step.differences.isEmpty {
            lines.append("  agrees")
        } else {
            lines += step.differences.map { "  differs " + $0.text }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func kernelLine(_ step: RealKernelStep) -> String {
        var parts: [String] = []
        if let (seen, minor, major, tlbMisses) = step.runningProcess {
            parts.append("\(seen.name): \(seen.minorFaults) minor, \(seen.majorFaults) major faults (model \(minor), \(major))")
            if let misses = seen.tlbMisses { parts.append("\(misses) data-TLB misses (model \(tlbMisses))") }
        }
        if let value = step.kernelValue { parts.append("read \(value)") }
        for file in step.kernel.files {
            let cached = file.pages.filter(\.cached).map { page in "\(page.page)\(page.dirty == true ? " dirty" : "")" }
            parts.append("\(file.name) cached: " + (cached.isEmpty ? "none" : cached.joined(separator: ", ")))
        }
        return parts.joined(separator: " · ")
    }

    static func frameLine(_ frame: KernelFrame) -> String {
        return
            "PFN \(hex(Int(frame.pfn)))\(frame.modelFrame.map { ", the model's frame \($0)" } ?? ""): \(frame.mapperList) (map count \(frame.mapCount)\(frame.flags.isEmpty ? "" : "; " + frame.flags.joined(separator: " ")))"
    }

    /// The files at the end as a reader of them sees them (the page cache where a page is cached,
    /// else the disk), in the model and on Linux; and the model's disk where it is behind.
    public static func textEnd(model: Machine, linux: [[[Int]]], steps: Int, differing: Int) -> String {
        var lines = [
            "", "After \(steps) steps: \(steps - differing) agree, \(differing) differ.",
            "Files at the end, as a reader sees them (model · Linux)",
        ]
        let words = { (pages: [[Int]]) in pages.map { $0.map(String.init).joined(separator: " ") }.joined(separator: " | ") }
        for (id, file) in model.files.enumerated() {
            let seen = asRead(model, file: id)
            let real = id < linux.count ? Array(linux[id].prefix(file.pages.count)) : []
            lines.append("  \(file.name): \(words(seen)) · \(words(real))\(real == seen ? "" : "  differs")")
            if seen != file.pages { lines.append("    (the model's disk still holds \(words(file.pages)): dirty pages not yet written)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A file's words as the model's reader would see them: the cached copy where there is one.
    public static func asRead(_ model: Machine, file id: FileID) -> [[Int]] {
        model.files[id].pages.indices.map { page in
            model.files[id].pageCache[page].map { model.frames[$0].words } ?? model.files[id].pages[page]
        }
    }

    /// The run as markdown: the header as a paragraph, a section per step (the model's events, the
    /// kernel's picture, the differences as a list), the files at the end.
    public static func markdownHeader(_ scenario: Scenario, release: String, privileged: Bool, tlbCounters: Bool = false) -> String {
        let lines = textHeader(scenario, release: release, privileged: privileged, tlbCounters: tlbCounters).split(separator: "\n").map(
            String.init)
        return "# " + MarkdownReport.escape(lines[0]) + "\n\n"
            + lines.dropFirst().map { MarkdownReport.escape($0) + "  " }.joined(separator: "\n") + "\n"
    }

    public static func markdown(_ step: RealKernelStep) -> String {
        let result = step.model
        var lines = [
            "",
            "## Step \(result.step): \(MarkdownReport.escape(result.process.map { step.machine.name($0) } ?? "—")) `\(result.operation ?? "nothing can run")`",
            "",
        ]
        lines.append("- **model:** " + MarkdownReport.escape(result.events.map(\.kind.rawValue).joined(separator: ", ")))
        lines.append("- **kernel:** " + MarkdownReport.escape(kernelLine(step)))
        for frame in step.kernel.frames { lines.append("  - " + MarkdownReport.escape(frameLine(frame))) }
        if step.differences.isEmpty {
            lines.append("- agrees with the model")
        } else {
            lines += step.differences.map { "- **differs:** " + MarkdownReport.escape($0.text) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func markdownEnd(model: Machine, linux: [[[Int]]], steps: Int, differing: Int) -> String {
        let text = textEnd(model: model, linux: linux, steps: steps, differing: differing).split(separator: "\n").map(String.init)
        return "\n## The end\n\n" + text.map { MarkdownReport.escape($0.trimmingPrefix(" ").description) + "  " }.joined(separator: "\n")
            + "\n"
    }

    /// The whole run as one JSON document.
    public struct Document: Encodable {
        public var format = "lookaside-real-kernel"
        public var version = 1
        public var scenario: String
        public var kernelRelease: String
        public var privileged: Bool
        public var base: UInt64 = RealKernelRun.base
        public var steps: [StepDocument] = []
        public var files: [FileDocument] = []

        public init(scenario: String, kernelRelease: String, privileged: Bool) {
            self.scenario = scenario
            self.kernelRelease = kernelRelease
            self.privileged = privileged
        }
    }

    public struct StepDocument: Encodable {
        public var step: Int
        public var process: String?
        public var operation: String?
        public var modelEvents: [String]
        public var modelValue: Int?
        public var kernelValue: Int?
        /// The model's whole state after the step, as `run --headless --format json` gives its end.
        var model: JSONReport.FinalState
        public var kernel: KernelObservation
        public var differences: [KernelDifference]

        public init(_ step: RealKernelStep) {
            model = JSONReport.FinalState(step.machine)
            self.step = step.model.step
            process = step.model.process.map { step.machine.name($0) }
            operation = step.model.operation
            modelEvents = step.model.events.map(\.kind.rawValue)
            modelValue = step.model.events.last { $0.kind == .read }?.value
            kernelValue = step.kernelValue
            kernel = step.kernel
            differences = step.differences
        }
    }

    /// A file at the end: the model's disk, what the model's reader sees, and what Linux's reader sees.
    public struct FileDocument: Encodable {
        public var name: String
        public var modelDisk: [[Int]]
        public var model: [[Int]]
        public var linux: [[Int]]

        public init(_ machine: Machine, file id: FileID, linux: [[Int]]) {
            name = machine.fileName(id)
            modelDisk = machine.files[id].pages
            model = KernelReport.asRead(machine, file: id)
            self.linux = linux
        }
    }

    public static func json(_ document: Document) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: (try? encoder.encode(document)) ?? Data("null".utf8), as: UTF8.self) + "\n"
    }
}
