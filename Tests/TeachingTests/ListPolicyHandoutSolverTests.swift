import Testing
import VMM

@testable import Teaching

/// The replacement handouts set on SIEVE, 2Q, ARC and Linux's two lists (`--policy`), answered
/// from the rules they print by an independent solver per policy (lists of pages, no engine), for
/// 50 seeds each: the solver must reach the answer key.
@Suite struct ListPolicyHandoutSolverTests {
    static let seeds = 1...50

    /// The handout's frame count and reference string, as printed.
    static func handout(_ policy: ReplacementPolicy, _ seed: Int) -> (exercise: Exercise, frames: Int, string: [Int], text: String) {
        let exercise = Exercise.make(.replacement, seed: UInt64(seed), policy: policy)
        let text = exercise.text(answers: false)
        let lines = text.split(separator: "\n").map(String.init)
        let frames = Int(lines.first { $0.contains("frames, initially empty") }!.split(separator: " ")[0])!
        let string = lines.last { $0.hasPrefix("  ") }!.split(separator: " ").map { Int($0)! }
        return (exercise, frames, string, text)
    }

    /// Plays `string` into `count` frames: a fault fills the lowest empty frame, else the page
    /// `victim` names gives up its frame; `reference` is told of every reference first (a fault
    /// or not), and returns the page to evict on a fault in a full memory.
    static func key(frames count: Int, _ string: [Int], _ reference: (Int, _ resident: Bool, _ full: Bool) -> Int?) -> [String] {
        var frames = [Int?](repeating: nil, count: count)
        var key: [String] = []
        var faults = 0
        for page in string {
            let resident = frames.contains(page)
            let full = !frames.contains(nil)
            let victim = reference(page, resident, full)
            if !resident {
                faults += 1
                let slot = full ? frames.firstIndex(of: victim!)! : frames.firstIndex(of: nil)!
                frames[slot] = page
            }
            key.append("\(resident ? "hit" : "fault") [\(frames.map { $0.map(String.init) ?? "-" }.joined(separator: " "))]")
        }
        return key + ["\(faults) faults"]
    }

    @Test(arguments: seeds)
    func twoQ(seed: Int) {
        let (exercise, count, string, text) = Self.handout(.twoQ, seed)
        let kin = Int(Double(count) * 0.25), kout = Int(Double(count) * 0.5)
        #expect(text.contains("Kin = \(kin)") && text.contains("Kout = \(kout)"))
        var a1in: [Int] = [], am: [Int] = [], a1out: [Int] = []  // newest first
        let key = Self.key(frames: count, string) { page, resident, full in
            if resident {
                if let at = am.firstIndex(of: page) { am.insert(am.remove(at: at), at: 0) }
                return nil
            }
            let proven = a1out.contains(page)
            a1out.removeAll { $0 == page }
            var victim: Int?
            if full {
                if a1in.count > kin {
                    victim = a1in.removeLast()
                    if kout > 0 {
                        a1out.insert(victim!, at: 0)
                        if a1out.count > kout { a1out.removeLast() }
                    }
                } else {
                    victim = am.removeLast()
                }
            }
            if proven { am.insert(page, at: 0) } else { a1in.insert(page, at: 0) }
            return victim
        }
        #expect(key == exercise.key, "seed \(seed)")
    }

    @Test(arguments: seeds)
    func arc(seed: Int) {
        let (exercise, count, string, _) = Self.handout(.arc, seed)
        let c = Double(count)
        var t1: [Int] = [], t2: [Int] = [], b1: [Int] = [], b2: [Int] = []  // most recent first
        var p = 0.0
        func replace(fromB2: Bool) -> Int {
            if !t1.isEmpty && (Double(t1.count) > p || (Double(t1.count) == p && fromB2)) || t2.isEmpty {
                let victim = t1.removeLast()
                b1.insert(victim, at: 0)
                return victim
            }
            let victim = t2.removeLast()
            b2.insert(victim, at: 0)
            return victim
        }
        let key = Self.key(frames: count, string) { page, resident, full in
            if resident {
                t1.removeAll { $0 == page }
                t2.removeAll { $0 == page }
                t2.insert(page, at: 0)
                return nil
            }
            var victim: Int?
            if b1.contains(page) {
                p = min(p + max(Double(b2.count) / Double(b1.count), 1), c)
                b1.removeAll { $0 == page }
                if full { victim = replace(fromB2: false) }
                t2.insert(page, at: 0)
            } else if b2.contains(page) {
                p = max(p - max(Double(b1.count) / Double(b2.count), 1), 0)
                b2.removeAll { $0 == page }
                if full { victim = replace(fromB2: true) }
                t2.insert(page, at: 0)
            } else {
                if full {
                    if t1.count + b1.count == count {
                        if b1.isEmpty {
                            victim = t1.removeLast()
                        } else {
                            b1.removeLast()
                            victim = replace(fromB2: false)
                        }
                    } else {
                        if t1.count + t2.count + b1.count + b2.count == 2 * count { b2.removeLast() }
                        victim = replace(fromB2: false)
                    }
                }
                t1.insert(page, at: 0)
            }
            return victim
        }
        #expect(key == exercise.key, "seed \(seed)")
    }

    @Test(arguments: seeds)
    func linux(seed: Int) {
        let (exercise, count, string, _) = Self.handout(.linux, seed)
        // --kernel linux sets the same exercise.
        #expect(Exercise.make(.replacement, seed: UInt64(seed), kernel: .linux).key == exercise.key)
        var inactive: [Int] = [], active: [Int] = []  // heads first
        var accessed = Set<Int>(), marked = Set<Int>()
        var shadow: [Int: Int] = [:]
        var e = 0
        let key = Self.key(frames: count, string) { page, resident, full in
            if resident {
                accessed.insert(page)
                return nil
            }
            var proven = false
            if let left = shadow.removeValue(forKey: page) { proven = e - left <= active.count }
            var victim: Int?
            while full, victim == nil {
                while active.count > inactive.count {
                    let moved = active.removeLast()
                    accessed.remove(moved)
                    marked.remove(moved)
                    inactive.insert(moved, at: 0)
                }
                let tail = inactive.removeLast()
                if accessed.contains(tail) {
                    accessed.remove(tail)
                    if marked.contains(tail) {
                        marked.remove(tail)
                        active.insert(tail, at: 0)
                        e += 1
                    } else {
                        marked.insert(tail)
                        inactive.insert(tail, at: 0)
                    }
                } else {
                    marked.remove(tail)
                    shadow[tail] = e
                    e += 1
                    victim = tail
                }
            }
            if proven {
                active.insert(page, at: 0)
                e += 1
            } else {
                inactive.insert(page, at: 0)
            }
            accessed.insert(page)
            return victim
        }
        #expect(key == exercise.key, "seed \(seed)")
    }

    @Test(arguments: seeds)
    func sieve(seed: Int) {
        let (exercise, count, string, _) = Self.handout(.sieve, seed)
        var queue: [Int] = []  // oldest first
        var visited = Set<Int>()
        var hand: Int?  // the page the hand is at; nil: the oldest
        let key = Self.key(frames: count, string) { page, resident, full in
            if resident {
                visited.insert(page)
                return nil
            }
            var victim: Int?
            if full {
                var at = hand.flatMap { queue.firstIndex(of: $0) } ?? 0
                while visited.contains(queue[at]) {
                    visited.remove(queue[at])
                    at = (at + 1) % queue.count
                }
                victim = queue.remove(at: at)
                hand = at < queue.count ? queue[at] : nil
            }
            queue.append(page)
            return victim
        }
        #expect(key == exercise.key, "seed \(seed)")
    }
}
