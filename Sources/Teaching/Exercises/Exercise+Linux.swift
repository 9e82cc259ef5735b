import Scenario
import VMM

/// The exercises set on Linux (`lookaside exercise write-policy --kernel linux`): the same kind of
/// script, asked about what Linux does where the textbook differs (docs/semantics.md, "Linux as a model").
extension Exercise {
    /// Write-back as Linux does it: close writes nothing, fsync writes the file's dirty pages, and
    /// write-notify makes the first write to a page cleaned by fsync a write-protect fault.
    static func linuxWriteBack(seed: UInt64, _ random: inout SeededGenerator) -> Exercise {
        let (pages, script) = writeScript(syncing: "fsync data", &random)
        let body =
            "file data pages \(pages)\nprocess P\n  map data at 0x10000 shared\n" + script.joined(separator: "\n") + "\n  close data\n"
        // No daemon: the question is what close and fsync do, not how long the run takes.
        let scenario = parse("title Write-back on Linux\nkernel linux\nwriteback-expire off\nframes 8\n" + body, .writePolicy, seed)
        let (machine, steps) = run(scenario)
        let disk = machine.files[0].pages.map { $0.map(String.init).joined(separator: " ") }.joined(separator: " | ")
        let cached = machine.files[0].pages.indices.map { page in
            machine.files[0].pageCache[page].map { machine.frames[$0].words.map(String.init).joined(separator: " ") } ?? "-"
        }.joined(separator: " | ")
        let dirty = machine.frames.filter { if case .filePage = $0.content { $0.dirty } else { false } }.count
        let faults = machine.counters.protectionFaults
        let problem =
            [
                "On Linux, a process maps a \(pages)-page file, every word 0, shared at 0x10000 (pages of 4096 bytes and 4 words:",
                "word w of page p is at 0x10000 + p x 4096 + w x 1024), then runs:", "  map data at 0x10000 shared",
            ] + script + [
                "  close data",
                "Memory holds every page. Linux writes back: a write dirties its page in the page cache. fsync data writes each",
                "dirty page of the file to disk (one disk write per page) and write-protects it again (write-notify), so the next",
                "write to that page is a write-protect fault; the first write to a page not yet mapped maps it writable in its own",
                "fault. close writes nothing: dirty pages stay in the page cache until a sync, an eviction or the writeback daemon.",
                "  1. How many disk writes happen?",
                "  2. How many write-protect faults?",
                "  3. What does the file on disk hold at the end (its words, page by page)?",
                "  4. How many pages of the file are still dirty in the page cache at the end?",
            ]
        let fsyncs = steps.filter { $0.operation == "fsync data" }.map { step in
            "fsync at step \(step.step) writes \(step.events.filter { $0.kind == .writeBack }.count) dirty page(s)"
        }
        let answers =
            [
                "Each fsync writes the pages dirtied since the last: "
                    + (fsyncs.isEmpty ? "there is no fsync" : fsyncs.joined(separator: "; ")) + "."
            ]
            + [
                "Disk writes: \(machine.counters.diskWrites); close writes nothing.",
                "Write-protect faults: \(faults), one for each first write to a page after an fsync cleaned it.",
                "On disk at the end: \(disk) (in the page cache: \(cached)).",
                "Dirty pages left in the page cache: \(dirty).",
            ]
        var exercise = Exercise(
            topic: .writePolicy, seed: seed, title: "Write-back on Linux: fsync, write-notify and close", problem: problem,
            answers: answers, key: ["\(machine.counters.diskWrites)", "\(faults)", disk, "\(dirty)"], scenario: scenario)
        exercise.kernel = .linux
        return exercise
    }
}
