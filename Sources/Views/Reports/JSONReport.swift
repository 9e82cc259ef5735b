import Foundation
import Interactive
import Recording
import Scenario
import Teaching
import VMM

/// The headless runner's JSON output: one document, schema in docs/headless-json.md.
/// Processes and files are named, not numbered, so graders' scripts read naturally.
public enum JSONReport {
    public static let formatVersion = 1

    public static func render(_ report: RunReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = (try? encoder.encode(Document(report))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    struct Document: Encodable {
        var format = "lookaside-run"
        var version = JSONReport.formatVersion
        var scenario: ScenarioInfo
        var configuration: ConfigurationInfo
        var steps: [StepInfo]
        var final: FinalState
        var counters: CounterInfo
        var lesson: [CheckInfo]?

        init(_ report: RunReport) {
            let machine = report.machine
            scenario = ScenarioInfo(
                path: report.scenario.path, title: report.scenario.title, description: report.scenario.description,
                watch: report.scenario.watch)
            configuration = ConfigurationInfo(machine.configuration, machine)
            steps = report.steps.map {
                StepInfo(
                    step: $0.step, process: $0.process.map(machine.name), operation: $0.operation,
                    events: $0.events.map { EventInfo($0, machine) })
            }
            final = FinalState(machine)
            counters = CounterInfo(
                total: dictionary(machine.counters),
                perProcess: Dictionary(uniqueKeysWithValues: machine.processes.map { ($0.name, dictionary($0.counters)) }))
            let judged = report.scenario.overrides.isEmpty
            lesson = report.checks?.map {
                CheckInfo(expect: $0.expectation.text, line: $0.expectation.line, actual: $0.actual, passed: $0.passed, judged: judged)
            }
        }
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

        struct TLBInfo: Encodable { var entries, ways: Int; var replacement: String; var tagged: Bool }

        init(_ c: MachineConfiguration, _ machine: Machine) {
            pageSize = c.pageSize; wordsPerPage = c.wordsPerPage; frames = c.frames; swapSlots = c.swapSlots
            tlb = TLBInfo(entries: c.tlb.entries, ways: c.tlb.ways, replacement: c.tlb.replacement.rawValue, tagged: c.tlb.tagged)
            replacement = c.replacement.rawValue; writePolicy = c.writePolicy.rawValue; sharing = c.sharing.name
            switch c.scheduler {
            case .roundRobin(let quantum): scheduler = "rr \(quantum)"
            case .random: scheduler = "random"
            case .explicit(let order): scheduler = "order " + order.map(machine.name).joined(separator: " ")
            }
            flushBeforeRead = c.flushBeforeRead; seed = c.seed
        }
    }

    struct StepInfo: Encodable { var step: Int; var process, operation: String?; var events: [EventInfo] }

    struct EventInfo: Encodable {
        var kind: String
        var process, otherProcess, file: String?
        var page, frame, swapSlot, filePage, word, value: Int?
        var explanation: String

        init(_ event: Event, _ machine: Machine) {
            kind = event.kind.rawValue
            process = event.process.map(machine.name); otherProcess = event.otherProcess.map(machine.name);
            file = event.file.map(machine.fileName)
            page = event.page; frame = event.frame; swapSlot = event.swapSlot; filePage = event.filePage; word = event.word;
            value = event.value
            explanation = event.explanation
        }
    }

    struct FinalState: Encodable {
        var step: Int
        var finished: Bool
        var processes: [ProcessInfo]
        var tlb: [TLBEntryInfo?]
        var frames: [FrameInfo]
        var swap: [SwapInfo?]
        var files: [FileInfo]

        init(_ machine: Machine) {
            step = machine.stepCount
            finished = machine.isFinished
            processes = machine.processes.map { ProcessInfo($0, machine) }
            tlb = machine.tlb.slots.map {
                $0.map {
                    TLBEntryInfo(process: machine.name($0.asid), page: $0.page, frame: $0.frame, writable: $0.writable, dirty: $0.dirty)
                }
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

    struct ProcessInfo: Encodable {
        var name, state: String
        var programCounter: Int
        var nextOperation: String?
        var pageTable: [EntryInfo]
        var mappings: [MappingInfo]

        struct EntryInfo: Encodable {
            var page: Int; var present: Bool; var frame, swapSlot: Int?; var dirty, referenced, writable: Bool; var sharing, backing: String
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
                    writable: e.writable, sharing: e.sharing.rawValue, backing: StateTables.backing(process, page: page, machine))
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
