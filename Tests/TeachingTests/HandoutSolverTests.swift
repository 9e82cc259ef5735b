import Foundation
import Scenario
import Testing
import VMM
@testable import Teaching

/// Every generated handout can be answered from its printed text alone: an independent solver
/// (no engine, no simulator) reads the handout as a student would, follows the rules it states,
/// and must reach the answer key, for 50 seeds of every topic.
@Suite struct HandoutSolverTests {
    static let seeds = 1...50

    /// The handout's lines, as printed without answers.
    func handout(_ topic: Exercise.Topic, _ seed: Int) -> (exercise: Exercise, lines: [String]) {
        let exercise = Exercise.make(topic, seed: UInt64(seed))
        let text = exercise.text(answers: false)
        #expect(!text.contains("Answer") && !text.contains("Key:"))
        return (exercise, text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
    }

    func hex(_ text: Substring) -> Int { Int(text.hasPrefix("0x") ? text.dropFirst(2) : text, radix: 16)! }
    func words(_ line: String) -> [Substring] { line.split(separator: " ") }
    func number(after word: String, in line: String) -> Int {
        let parts = words(line)
        return Int(parts[parts.firstIndex { $0 == word }! + 1].filter(\.isNumber))!
    }

    @Test(arguments: seeds)
    func translation(seed: Int) {
        let (exercise, lines) = handout(.translation, seed)
        let pageSize = number(after: "are", in: lines.first { $0.hasPrefix("Pages are") }!)
        let mapped = lines.first { $0.contains("pages mapped, virtual pages") }!
        let lastMapped = hex(words(mapped)[words(mapped).firstIndex(of: "to")! + 1].dropLast())
        var frames: [Int: Int] = [:]
        for line in lines where line.hasPrefix("  page ") && line.contains("V=1") {
            frames[hex(words(line)[1].dropLast())] = Int(words(line).last!)!
        }
        let questions = lines.filter { $0.range(of: #"^  \d+\. 0x"#, options: .regularExpression) != nil }
        var key: [String] = []
        for question in questions {
            let address = hex(words(question)[1])
            let page = address / pageSize
            if let frame = frames[page] {
                key.append("0x" + String(frame * pageSize + address % pageSize, radix: 16))
            } else {
                key.append(page <= lastMapped ? "page fault" : "segmentation fault")
            }
        }
        #expect(key == exercise.key, "seed \(seed)")
    }

    @Test(arguments: seeds)
    func tlb(seed: Int) {
        let (exercise, lines) = handout(.tlb, seed)
        let entries = number(after: "has", in: lines.first { $0.contains("TLB has") }!)
        let fifo = lines.contains { $0.contains("replaces by FIFO") }
        var cached: [Int] = [], key: [String] = [], hits = 0
        for page in words(lines.last { $0.hasPrefix("  ") }!).map({ Int($0)! }) {
            if let at = cached.firstIndex(of: page) {
                hits += 1
                key.append("hit")
                if !fifo { cached.append(cached.remove(at: at)) }
            } else {
                key.append("miss")
                if cached.count == entries { cached.removeFirst() }
                cached.append(page)
            }
        }
        key.append("\(hits) hits, \(key.count - hits) misses")
        #expect(key == exercise.key, "seed \(seed)")
    }

    @Test(arguments: seeds)
    func replacement(seed: Int) {
        let (exercise, lines) = handout(.replacement, seed)
        let first = words(lines.first { $0.contains("frames, initially empty") }!)
        let count = Int(first[0])!
        let policy = String(first[first.firstIndex(of: "replacement.")! - 1])
        let string = words(lines.last { $0.hasPrefix("  ") }!).map { Int($0)! }
        var frames = [Int?](repeating: nil, count: count)
        var loadedAt = [Int](repeating: 0, count: count), usedAt = loadedAt
        var referenced = [Bool](repeating: false, count: count)
        var hand = 0, faults = 0
        var key: [String] = []
        for (time, page) in string.enumerated() {
            var fault = false
            var slot: Int
            if let at = frames.firstIndex(of: page) {
                slot = at
            } else {
                fault = true
                faults += 1
                if let empty = frames.firstIndex(of: nil) {
                    slot = empty
                } else {
                    switch policy {
                    case "FIFO": slot = (0..<count).min { loadedAt[$0] < loadedAt[$1] }!
                    case "LRU": slot = (0..<count).min { usedAt[$0] < usedAt[$1] }!
                    case "OPT":
                        func next(_ frame: Int) -> Int { string[(time + 1)...].firstIndex(of: frames[frame]!) ?? Int.max }
                        slot = (0..<count).max { (next($0), -usedAt[$0]) < (next($1), -usedAt[$1]) }!
                    default:
                        while referenced[hand] {
                            referenced[hand] = false
                            hand = (hand + 1) % count
                        }
                        slot = hand
                        hand = (hand + 1) % count
                    }
                }
                frames[slot] = page
                loadedAt[slot] = time
            }
            usedAt[slot] = time
            referenced[slot] = true
            key.append("\(fault ? "fault" : "hit") [\(frames.map { $0.map(String.init) ?? "-" }.joined(separator: " "))]")
        }
        key.append("\(faults) faults")
        #expect(key == exercise.key, "seed \(seed) (\(policy))")
    }

    @Test(arguments: seeds)
    func writePolicy(seed: Int) {
        let (exercise, lines) = handout(.writePolicy, seed)
        let pages = Int(words(lines.first { $0.contains("-page file") }!).first { $0.hasSuffix("-page") }!.prefix { $0.isNumber })!
        var file = [[Int]](repeating: [0, 0, 0, 0], count: pages)
        var dirty = Set<Int>(), through = 0, back = 0
        let start = lines.firstIndex { $0.hasPrefix("  map data") }! + 1
        for line in lines[start...] {
            let parts = words(line)
            if parts.first == "write" {
                let offset = hex(parts[1]) - 0x10000
                file[offset / 4096][(offset % 4096) / 1024] = Int(parts[2])!
                through += 1
                dirty.insert(offset / 4096)
            } else if parts.first == "sync" || parts.first == "close" {
                back += dirty.count
                dirty = []
                if parts.first == "close" { break }
            }
        }
        let contents = file.map { $0.map(String.init).joined(separator: " ") }.joined(separator: " | ")
        #expect(exercise.key == ["\(through)", "\(back)", contents], "seed \(seed)")
    }

    /// The Linux write-back handout (`--kernel linux`), from its text: fsync writes the dirty pages
    /// and write-protects them; a write to such a page is a write-protect fault; close writes nothing.
    @Test(arguments: seeds)
    func linuxWriteBack(seed: Int) {
        let exercise = Exercise.make(.writePolicy, seed: UInt64(seed), kernel: .linux)
        let lines = exercise.text(answers: false).split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("close writes nothing") })
        let pages = Int(words(lines.first { $0.contains("-page file") }!).first { $0.hasSuffix("-page") }!.prefix { $0.isNumber })!
        var cache = [[Int]](repeating: [0, 0, 0, 0], count: pages), disk = cache
        var dirty = Set<Int>(), protected = Set<Int>(), writes = 0, faults = 0
        let start = lines.firstIndex { $0.hasPrefix("  map data") }! + 1
        for line in lines[start...] {
            let parts = words(line)
            if parts.first == "write" {
                let offset = hex(parts[1]) - 0x10000
                let page = offset / 4096
                cache[page][(offset % 4096) / 1024] = Int(parts[2])!
                if protected.remove(page) != nil { faults += 1 }
                dirty.insert(page)
            } else if parts.first == "fsync" {
                for page in dirty { disk[page] = cache[page] }
                writes += dirty.count
                protected.formUnion(dirty)
                dirty = []
            } else if parts.first == "close" {
                break
            }
        }
        let contents = disk.map { $0.map(String.init).joined(separator: " ") }.joined(separator: " | ")
        #expect(exercise.key == ["\(writes)", "\(faults)", contents, "\(dirty.count)"], "seed \(seed)")
        #expect(exercise.kernel == .linux)
    }

    @Test(arguments: seeds)
    func sharing(seed: Int) {
        let (exercise, lines) = handout(.sharing, seed)
        let openOrder = lines.contains { $0.contains("in the order the processes opened the file") }
        let orderLine = lines.first { $0.contains("one operation per turn, in the order") }!
        let listed = orderLine.components(separatedBy: "in the order ")[1].components(separatedBy: ";")[0]
            .components(separatedBy: ", ").map { $0.trimmingCharacters(in: .whitespaces) }
        func script(_ name: String) -> [String] {
            let start = lines.firstIndex(of: "\(name):")! + 1
            return Array(lines[start...].prefix { $0.hasPrefix("  ") && !$0.contains(". ") }).map { String($0.dropFirst(2)) }
        }
        let names = ["A", "B"]
        let scripts = names.map(script)
        var pc = [0, 0], done = [false, false], waiting = [false, false], openedAt = [Int?](repeating: nil, count: 2)
        var copy = [[Int]?](repeating: nil, count: 2), changed = [[Bool]](repeating: [false, false, false, false], count: 2)
        var takenAt = [0, 0]
        var file = [0, 0, 0, 0], changedAt = [0, 0, 0, 0], lastWriter = [Int?](repeating: nil, count: 4)
        var lostBy: [String] = []
        var queue = listed[...], last: Int?, time = 0
        while done.contains(false) {
            time += 1
            var who: Int?
            while who == nil, let next = queue.popFirst() {
                let index = names.firstIndex(of: next)!
                if !done[index] && !waiting[index] { who = index }
            }
            if who == nil {
                let ready = (0..<2).filter { !done[$0] && !waiting[$0] }
                who = ready.first { $0 > (last ?? -1) } ?? ready.first
            }
            guard let p = who else { break }
            last = p
            let parts = words(scripts[p][pc[p]])
            switch parts[0] {
            case "map": openedAt[p] = time
            case "write":
                let word = (hex(parts[1]) % 4096) / 1024
                if copy[p] == nil {
                    copy[p] = file
                    takenAt[p] = time
                }
                copy[p]![word] = Int(parts[2])!
                changed[p][word] = true
            case "close":
                let other = 1 - p
                if openOrder, changed[p].contains(true), !done[other], let theirs = openedAt[other], theirs < openedAt[p]! {
                    waiting[p] = true
                    continue
                }
                for word in 0..<4 where changed[p][word] {
                    let mine = copy[p]![word]
                    if file[word] != mine, changedAt[word] > takenAt[p], let writer = lastWriter[word], writer != p {
                        lostBy.append(names[writer])
                    }
                    file[word] = mine
                    changedAt[word] = time
                    lastWriter[word] = p
                }
                openedAt[p] = nil
                waiting = [false, false]
            default: done[p] = true
            }
            if parts[0] != "exit" { pc[p] += 1 }
        }
        let lost = "\(lostBy.count)" + (lostBy.isEmpty ? "" : " (" + lostBy.joined(separator: ", ") + ")")
        #expect(exercise.key == [file.map(String.init).joined(separator: " "), lost], "seed \(seed)")
    }
}
