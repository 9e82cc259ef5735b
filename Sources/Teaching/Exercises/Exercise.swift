import Scenario
import VMM

/// A generated, reproducible exercise: a handout that states every fact its answers depend on,
/// the worked solution (computed by the engine running the exercise as a scenario), and a short
/// answer key for graders and autograders.
public struct Exercise: Sendable {
    public enum Topic: String, CaseIterable, Sendable {
        case translation, tlb, replacement
        case writePolicy = "write-policy"
        case sharing
    }

    public var topic: Topic
    public var seed: UInt64
    /// The kernel the exercise is set on: the textbook's, or Linux's where it differs.
    public var kernel: KernelPreset = .textbook
    public var title: String
    /// The handout: the facts, the rules, then the numbered questions.
    public var problem: [String]
    /// The worked solution, step by step.
    public var answers: [String]
    /// One short answer per numbered question, in order ("0x5ff", "page fault", "hit", "12").
    public var key: [String]
    /// The exercise as a scenario, so it can also be opened and stepped through.
    public var scenario: Scenario

    /// The topics whose exercise differs on Linux (`--kernel linux`); the others are the same on both.
    public static let linuxTopics: [Topic] = [.writePolicy, .replacement]
    /// The policies a replacement exercise can be set on (`--policy`): the four drawn by seed, and
    /// those whose rules fit in a handout's paragraph.
    public static let replacementPolicies: [ReplacementPolicy] = [.fifo, .lru, .opt, .clock, .sieve, .twoQ, .arc, .linux]

    /// `policy` sets a replacement exercise's policy (nil: drawn by the seed; Linux's two lists on
    /// `--kernel linux`); the string and frames are the seed's either way.
    public static func make(_ topic: Topic, seed: UInt64, kernel: KernelPreset = .textbook, policy: ReplacementPolicy? = nil) -> Exercise {
        var random = SeededGenerator(seed: seed &* 0x9E37_79B9 &+ UInt64(Topic.allCases.firstIndex(of: topic)!))
        if kernel == .linux, topic == .writePolicy { return linuxWriteBack(seed: seed, &random) }
        switch topic {
        case .translation: return translation(seed: seed, &random)
        case .tlb: return tlb(seed: seed, &random)
        case .replacement: return replacement(seed: seed, &random, policy: policy ?? (kernel == .linux ? .linux : nil))
        case .writePolicy: return writePolicy(seed: seed, &random)
        case .sharing: return sharing(seed: seed, &random)
        }
    }

    /// Runs a generated scenario to its end, returning every step's result.
    static func run(_ scenario: Scenario) -> (machine: Machine, steps: [StepResult]) {
        var machine = scenario.makeMachine()
        let steps = machine.takeSteps()
        return (machine, steps)
    }

    static func parse(_ text: String, _ topic: Topic, _ seed: UInt64) -> Scenario {
        // Generated text always parses; a failure here is a bug in the generator, said plainly.
        do { return try ScenarioParser.parse(text, path: "exercise-\(topic.rawValue)-\(seed).vmm") } catch {
            fatalError("generated exercise does not parse: \(error)")
        }
    }

    static func shuffled(_ values: [Int], _ random: inout SeededGenerator) -> [Int] {
        var values = values
        for index in stride(from: values.count - 1, to: 0, by: -1) { values.swapAt(index, random.index(below: index + 1)) }
        return values
    }
}

/// An explanation used inside a longer line: without its closing full stop.
func clause(_ sentence: String) -> String { sentence.hasSuffix(".") ? String(sentence.dropLast()) : sentence }

extension Exercise {
    public func text(answers withAnswers: Bool) -> String {
        var out = ["Exercise: \(title) (topic \(topic.rawValue), seed \(seed))", ""] + problem
        if withAnswers { out += ["", "Answer"] + answers.map { "  " + $0 } + ["", "Key: " + key.joined(separator: " | ")] }
        return out.joined(separator: "\n") + "\n"
    }
}
