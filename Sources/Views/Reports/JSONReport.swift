import Runs
import FoundationEssentials
import VMM

/// The headless runner's JSON output: one document, schema in docs/headless-json.md, written as
/// the run goes: the top-level members in the schema's order (the steps before the final
/// state), each member's own keys sorted. Processes and files are named, not numbered, so
/// graders' scripts read naturally.
public enum JSONReport: StreamedReport {
    public static let formatVersion = 1

    public static func opening(_ report: ScenarioRun) -> String {
        let machine = report.machine
        let scenario = ScenarioInfo(
            path: report.scenario.path, title: report.scenario.title, description: report.scenario.description,
            watch: report.scenario.watch)
        return
            "{\n  \"format\" : \"lookaside-run\",\n  \"version\" : \(formatVersion),\n  \"scenario\" : \(encoded(scenario, indent: 2)),\n"
            + "  \"configuration\" : \(encoded(ConfigurationInfo(machine.configuration, machine), indent: 2)),\n  \"steps\" : ["
    }

    /// Written by hand, not by JSONEncoder: the steps are nearly all of a long run's document,
    /// and the encoder cost several times the simulation. The same layout as the encoder's.
    public static func step(_ step: StepResult, first: Bool, _ report: ScenarioRun) -> String {
        let machine = report.machine
        let events = step.events
        // Sized once: the explanations are most of it, each field's key and indent the rest.
        var length = 160
        for index in events.indices { length += events[index].explanation.utf8.count + 200 }
        var text = ""
        text.reserveCapacity(length)
        text += first ? "\n    {" : ",\n    {"
        // Several CPUs: the step's CPU, first in the object's sorted keys.
        if machine.cpus.count > 1, let cpu = step.cpu { text += "\n      \"cpu\" : \(cpu)," }
        text += "\n      \"events\" : ["
        for index in events.indices {
            // Fields read in place (no copy of the event), keys in sorted order.
            text += index == 0 ? "\n        {" : ",\n        {"
            text += "\n          \"explanation\" : "
            appendJSONString(events[index].explanation, to: &text)
            func field(_ key: String, _ value: Int?) {
                guard let value else { return }
                text += ",\n          \""
                text += key
                text += "\" : "
                text += String(value)
            }
            func field(_ key: String, _ value: String?) {
                guard let value else { return }
                text += ",\n          \""
                text += key
                text += "\" : "
                appendJSONString(value, to: &text)
            }
            field("file", events[index].file.map(machine.fileName))
            field("file_page", events[index].filePage)
            field("frame", events[index].frame)
            field("kind", events[index].kind.rawValue)
            field("other_process", events[index].otherProcess.map(machine.name))
            field("page", events[index].page)
            field("process", events[index].process.map(machine.name))
            field("swap_slot", events[index].swapSlot)
            field("value", events[index].value)
            field("word", events[index].word)
            text += "\n        }"
        }
        text += events.isEmpty ? "]" : "\n      ]"
        if let operation = step.operation {
            text += ",\n      \"operation\" : "
            appendJSONString(operation, to: &text)
        }
        if let process = step.process {
            text += ",\n      \"process\" : "
            appendJSONString(machine.name(process), to: &text)
        }
        text += ",\n      \"step\" : "
        text += String(step.step)
        text += "\n    }"
        return text
    }

    /// A JSON string literal, escaped as JSONEncoder escapes it (slashes left as they are).
    static func jsonString(_ text: String) -> String {
        var out = ""
        appendJSONString(text, to: &out)
        return out
    }

    /// Appends `text` as a JSON string literal; text with nothing to escape goes in whole.
    static func appendJSONString(_ text: String, to out: inout String) {
        out += "\""
        let utf8 = text.utf8
        // Over the bytes in place where the string has them so (a native string always does).
        func special(_ byte: UInt8) -> Bool { byte == 0x22 || byte == 0x5C || byte < 0x20 }
        guard utf8.withContiguousStorageIfAvailable({ $0.contains(where: special) }) ?? utf8.contains(where: special) else {
            out += text
            out += "\""
            return
        }
        var plainStart = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if special(byte) {
                out += text[plainStart..<index]
                switch byte {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                case 0x08: out += "\\b"
                case 0x0C: out += "\\f"
                default: out += "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
                }
                plainStart = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        out += text[plainStart...]
        out += "\""
    }

    public static func closing(_ report: ScenarioRun) -> String {
        let machine = report.machine
        let counters = CounterInfo(
            total: dictionary(machine.counters),
            perProcess: Dictionary(uniqueKeysWithValues: machine.processes.map { ($0.name, dictionary($0.counters)) }))
        var text = "\n  ],\n  \"final\" : \(encoded(FinalState(machine), indent: 2)),\n  \"counters\" : \(encoded(counters, indent: 2))"
        if let checks = report.checks {
            let judged = report.scenario.overrides.isEmpty
            let lesson = checks.map {
                CheckInfo(expect: $0.expectation.text, line: $0.expectation.line, actual: $0.actual, passed: $0.passed, judged: judged)
            }
            text += ",\n  \"lesson\" : \(encoded(lesson, indent: 2))"
        }
        return text + "\n}\n"
    }

    /// One member's value, pretty-printed and indented to sit at `indent` spaces. (A JSON string
    /// never holds a raw newline, so indenting every line is safe.)
    static func encoded(_ value: some Encodable, indent: Int) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let text = String(decoding: (try? encoder.encode(value)) ?? Data("null".utf8), as: UTF8.self)
        return text.replacing("\n", with: "\n" + String(repeating: " ", count: indent))
    }

    static func dictionary(_ counters: Counters) -> [String: Int] {
        var values = Dictionary(uniqueKeysWithValues: counters.named.map { ($0.name, $0.value) })
        values["page_faults"] = counters.pageFaults
        return values
    }

    struct ScenarioInfo: Encodable { var path, title: String; var description, watch: [String] }

    struct ConfigurationInfo: Encodable {
        var pageSize, wordsPerPage, frames, swapSlots: Int
        var tlb: TLBInfo
        var replacement, writePolicy, sharing, scheduler: String
        var flushBeforeRead: Bool
        var seed: UInt64
        var cpus: Int
        var shootdown: String
        var kernel: KernelInfo

        /// `asids` only when limited (`tlb asids N`).
        struct TLBInfo: Encodable { var entries, ways: Int; var replacement: String; var tagged: Bool; var asids: Int? }

        /// The kernel's name (textbook, linux or custom) and each Linux behaviour's setting;
        /// `writeback_expire` is absent when the daemon is off.
        struct KernelInfo: Encodable {
            var name, writeback, fork: String
            var writebackExpire: Int?
            var writeNotify, zeroPage: Bool
            var faultAround, readahead: Int

            init(_ c: MachineConfiguration) {
                name = c.kernelName; writeback = c.kernel.writeback.rawValue; fork = c.kernel.fork.rawValue
                writebackExpire = c.kernel.writebackExpire; writeNotify = c.kernel.writeNotify; zeroPage = c.kernel.zeroPage
                faultAround = c.kernel.faultAround; readahead = c.kernel.readahead
            }
        }

        init(_ c: MachineConfiguration, _ machine: Machine) {
            pageSize = c.pageSize; wordsPerPage = c.wordsPerPage; frames = c.frames; swapSlots = c.swapSlots
            tlb = TLBInfo(
                entries: c.tlb.entries, ways: c.tlb.ways, replacement: c.tlb.replacement.rawValue, tagged: c.tlb.tagged, asids: c.tlb.asids)
            kernel = KernelInfo(c)
            replacement = c.replacement.rawValue; writePolicy = c.writePolicy.rawValue; sharing = c.sharing.name
            switch c.scheduler {
            case .roundRobin(let quantum): scheduler = "rr \(quantum)"
            case .random: scheduler = "random"
            case .explicit(let order):
                scheduler = "order " + order.map { machine.name($0.process) + ($0.cpu.map { "@cpu\($0)" } ?? "") }.joined(separator: " ")
            }
            flushBeforeRead = c.flushBeforeRead; seed = c.seed
            cpus = c.cpus; shootdown = c.shootdown.rawValue
        }
    }

    struct FinalState: Encodable {
        var step: Int
        var finished: Bool
        var processes: [ProcessInfo]
        /// The TLB, on a machine of one CPU.
        var tlb: [TLBEntryInfo?]?
        /// Every CPU's TLB, in CPU order.
        var tlbs: [[TLBEntryInfo?]]
        var cpus: [CPUInfo]
        var frames: [FrameInfo]
        var swap: [SwapInfo?]
        var files: [FileInfo]

        init(_ machine: Machine) {
            step = machine.stepCount
            finished = machine.isFinished
            processes = machine.processes.map { ProcessInfo($0, machine) }
            tlbs = machine.cpus.map { cpu in
                cpu.tlb.slots.map {
                    $0.map {
                        TLBEntryInfo(process: machine.name($0.asid), page: $0.page, frame: $0.frame, writable: $0.writable, dirty: $0.dirty)
                    }
                }
            }
            tlb = machine.cpus.count == 1 ? tlbs[0] : nil
            cpus = machine.cpus.map {
                CPUInfo(
                    cpu: $0.id, running: StateTables.runningProcess(machine, $0.id).map(machine.name), ipis: $0.counters.ipis,
                    tlbShootdowns: $0.counters.tlbShootdowns,
                    staleTlbUses: $0.counters.staleTLBUses, contextSwitches: $0.counters.contextSwitches)
            }
            frames = machine.frames.map { FrameInfo($0, machine) }
            swap = machine.swap.map {
                $0.map {
                    SwapInfo(
                        holds: machine.label($0.content),
                        owners: $0.owners.map { MapperInfo(process: machine.name($0.process), page: $0.page) }, words: $0.words)
                }
            }
            files = machine.files.map { FileInfo($0, machine) }
        }
    }

    struct CPUInfo: Encodable {
        var cpu: Int
        var running: String?
        var ipis, tlbShootdowns, staleTlbUses, contextSwitches: Int
    }

    struct ProcessInfo: Encodable {
        var name, state: String
        var programCounter: Int
        var nextOperation: String?
        var pageTable: [EntryInfo]
        var mappings: [MappingInfo]

        struct EntryInfo: Encodable {
            var page: Int; var present: Bool; var frame, swapSlot: Int?; var dirty, referenced, writable: Bool; var sharing, backing: String
            /// True for an entry that maps the shared zero page (absent otherwise).
            var zeroPage: Bool?
        }

        struct MappingInfo: Encodable { var kind: String; var file: String?; var firstPage, pages: Int }

        init(_ process: VMM.Process, _ machine: Machine) {
            name = process.name
            state = StateTables.stateText(process.state, machine)
            programCounter = process.programCounter
            nextOperation = process.state.isDone ? nil : machine.describe(machine.currentOperation(of: process.id))
            pageTable = process.sortedPages.map { page in
                let e = process.pageTable[page]!
                return EntryInfo(
                    page: page, present: e.present, frame: e.frame, swapSlot: e.swapSlot, dirty: e.dirty, referenced: e.referenced,
                    writable: e.writable, sharing: e.sharing.rawValue, backing: StateTables.backing(process, page: page, machine),
                    zeroPage: e.zeroPage ? true : nil)
            }
            mappings = process.mappings.map { m in
                switch m.kind {
                case .anonymous: MappingInfo(kind: "anonymous", file: nil, firstPage: m.firstPage, pages: m.pageCount)
                case let .file(file, mode):
                    MappingInfo(kind: mode.rawValue, file: machine.fileName(file), firstPage: m.firstPage, pages: m.pageCount)
                }
            }
        }
    }

    struct TLBEntryInfo: Encodable { var process: String; var page, frame: Int; var writable, dirty: Bool }
    struct MapperInfo: Encodable { var process: String; var page: Int }

    struct FrameInfo: Encodable {
        var holds: String
        var mappedBy: [MapperInfo]
        var dirty, referenced: Bool
        var loadedAt, lastUsed: Int?
        var words: [Int]?

        init(_ frame: Frame, _ machine: Machine) {
            holds = machine.label(frame.content)
            mappedBy = frame.mappers.map { MapperInfo(process: machine.name($0.process), page: $0.page) }
            dirty = frame.dirty; referenced = frame.referenced
            loadedAt = frame.isFree ? nil : frame.loadedAt; lastUsed = frame.isFree ? nil : frame.lastUsed
            words = frame.isFree ? nil : frame.words
        }
    }

    struct SwapInfo: Encodable { var holds: String; var owners: [MapperInfo]; var words: [Int] }

    struct FileInfo: Encodable {
        var name: String
        var pages: [[Int]]
        var pageCache: [String: Int]
        var writeLocks: [String: String]
        var versions: [VersionInfo]

        struct VersionInfo: Encodable { var number: Int; var author: String?; var conflicts: Int }

        init(_ file: DiskFile, _ machine: Machine) {
            name = file.name
            pages = file.pages
            pageCache = Dictionary(uniqueKeysWithValues: file.pageCache.map { (String($0.key), $0.value) })
            writeLocks = Dictionary(uniqueKeysWithValues: file.writeLocks.map { (String($0.key), machine.name($0.value)) })
            versions = file.versions.map { VersionInfo(number: $0.number, author: $0.author.map(machine.name), conflicts: $0.conflicts) }
        }
    }

    struct CounterInfo: Encodable { var total: [String: Int]; var perProcess: [String: [String: Int]] }
    struct CheckInfo: Encodable { var expect: String; var line, actual: Int; var passed, judged: Bool }
}
