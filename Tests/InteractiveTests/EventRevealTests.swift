import Scenario
import Teaching
import Testing
import VMM
@testable import Interactive

/// Revealing an operation's events one at a time (`.`) must show, with event k, the machine
/// exactly as it is right after event k: not a step early, not a step late.
@Suite struct EventRevealTests {
    /// Event kinds whose every occurrence adds exactly one to a counter.
    /// (References, reads and writes are counted when the reference starts, at its TLB look-up.)
    nonisolated(unsafe) static let counted: [(Set<Event.Kind>, WritableKeyPath<Counters, Int>)] = [
        ([.tlbHit], \.tlbHits), ([.tlbMiss], \.tlbMisses), ([.minorFault, .copyOnWrite, .privateCopy], \.minorFaults),
        ([.majorFault], \.majorFaults), ([.eviction], \.evictions), ([.swapIn], \.swapIns), ([.swapOut], \.swapOuts),
        ([.diskRead], \.diskReads), ([.diskWrite, .writeBack], \.diskWrites), ([.lostUpdate], \.lostUpdates),
        ([.mergeConflict], \.mergeConflicts), ([.contextSwitch], \.contextSwitches), ([.lockWait], \.lockWaits),
        ([.closeWait], \.closeWaits), ([.ipi], \.ipis), ([.staleTLB], \.staleTLBUses),
    ]

    /// Every bundled lesson, and the lessons' sharing policies swapped around, so every kind occurs.
    static func sessions() throws -> [(String, Session)] {
        var all: [(String, Session)] = []
        for name in BundledScenarios.names { all.append((name, try session(name))) }
        for sharing in ["lock", "versioned", "private-open", "private-random"] {
            all.append(("lost-update sharing=\(sharing)", try session("lost-update", steps: 0, ["sharing=\(sharing)"])))
        }
        return all
    }

    @Test func everyEventShowsTheStateRightAfterIt() throws {
        var seen = Set<Event.Kind>()
        for (name, start) in try Self.sessions() {
            var s = start
            while !s.isAtEnd {
                let before = s.timeline.current
                s.apply(.eventForward)
                let events = s.timeline.lastResult.events
                for k in events.indices {
                    // With k + 1 events shown, the panes show the state after event k.
                    let shown = s.shownMachine
                    let event = events[k]
                    seen.insert(event.kind)
                    for (kinds, counter) in Self.counted where !skips(counter, events) {
                        let expected = before.counters[keyPath: counter] + events[...k].filter { kinds.contains($0.kind) }.count
                        #expect(
                            shown.counters[keyPath: counter] == expected,
                            "\(name) step \(s.step) event \(k) (\(event.kind.rawValue)): \(kinds.map(\.rawValue).sorted()) counter \(shown.counters[keyPath: counter]), expected \(expected)"
                        )
                    }
                    checkFacts(of: event, in: shown, context: "\(name) step \(s.step) event \(k)")
                    if k < events.count - 1 { s.apply(.eventForward) }
                }
                #expect(s.revealed == nil || events.count <= 1)
                #expect(s.shownMachine == s.timeline.current)
                // The step's whole effect equals its events.
                for (kinds, counter) in Self.counted where !skips(counter, events) {
                    #expect(
                        s.timeline.current.counters[keyPath: counter] - before.counters[keyPath: counter]
                            == events.filter { kinds.contains($0.kind) }.count, "\(name) step \(s.step): \(kinds.map(\.rawValue).sorted())")
                }
                if s.revealed != nil { s.apply(.stepForward) }
            }
        }
        for (kinds, _) in Self.counted { #expect(!seen.isDisjoint(with: kinds), "no lesson shows a \(kinds) event") }
        for kind in [Event.Kind.tlbFill, .read, .write, .diskRead, .eviction, .lockAcquired, .lockReleased] {
            #expect(seen.contains(kind), "no lesson shows a \(kind.rawValue) event")
        }
    }

    /// A merge writes every page of a version and announces it once, as one new version.
    func skips(_ counter: WritableKeyPath<Counters, Int>, _ events: [Event]) -> Bool {
        counter == \Counters.diskWrites && events.contains { $0.kind == .versionCreated }
    }

    /// What each kind of event must already have done to the machine shown with it.
    func checkFacts(of event: Event, in machine: Machine, context: String) {
        switch event.kind {
        case .tlbFill:
            if let process = event.process, let page = event.page {
                #expect(machine.tlb.lookup(asid: process, page: page) != nil, "\(context): TLB fill not in the TLB yet")
            }
        case .read, .write:
            if let frame = event.frame, let word = event.word, let value = event.value {
                #expect(machine.frames[frame].words[word] == value, "\(context): frame \(frame) word \(word) is not \(value)")
                #expect(machine.frames[frame].referenced, "\(context): R bit of frame \(frame) not set yet")
            }
        case .majorFault, .minorFault:
            if let process = event.process, let page = event.page {
                // The fault is announced before the page is brought in: not present yet.
                #expect(machine.processes[process].pageTable[page]?.present != true, "\(context): page already present at its fault")
            }
        case .diskRead:
            if let frame = event.frame, let file = event.file, let page = event.filePage {
                #expect(
                    machine.frames[frame].words == machine.files[file].pages[page], "\(context): frame \(frame) not filled from the file")
                #expect(!machine.frames[frame].isFree, "\(context): frame \(frame) still free after the disk read")
            }
        case .eviction:
            if let frame = event.frame, let process = event.process, let page = event.page {
                #expect(
                    machine.processes[process].pageTable[page]?.present != true
                        || machine.processes[process].pageTable[page]?.frame != frame,
                    "\(context): evicted page still mapped to frame \(frame)")
            }
        case .lockAcquired:
            if let file = event.file, let page = event.filePage {
                #expect(machine.files[file].writeLocks[page] == event.process, "\(context): lock not held yet")
            }
        case .lockReleased:
            if let file = event.file, let page = event.filePage {
                #expect(machine.files[file].writeLocks[page] != event.process, "\(context): lock still held")
            }
        default: break
        }
    }
}
