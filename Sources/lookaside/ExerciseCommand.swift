import ArgumentParser
import Teaching
import VMM

extension Exercise.Topic: ExpressibleByArgument {}
extension KernelPreset: ExpressibleByArgument {}
extension ReplacementPolicy: ExpressibleByArgument {}

struct ExerciseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercise",
        abstract: "Print a generated, reproducible exercise as a handout; --answers adds the worked solution.",
        discussion: "Topics: translation, tlb, replacement, write-policy, sharing. The same seed always gives the same exercise.")

    @Argument(help: "translation, tlb, replacement, write-policy or sharing.")
    var topic: Exercise.Topic

    @Option(help: "Which exercise: the same seed always gives the same one.")
    var seed: UInt64 = 1

    @Flag(help: "Add the worked solution, step by step, as the engine computes it.")
    var answers = false

    @Option(help: "text, markdown, or json (the handout, and with --answers the solution and a short answer key, for autograders).")
    var format: ReportFormat = .text

    @Option(
        help:
            "textbook, or linux: the exercise as Linux does it (write-policy: fsync, write-notify, close writing nothing; replacement: Linux's two lists)."
    )
    var kernel: KernelPreset = .textbook

    @Option(
        help: ArgumentHelp(
            "replacement: the policy to set the exercise on, \(Exercise.replacementPolicies.map(\.rawValue).joined(separator: ", ")) (default: drawn by the seed among the first four).",
            valueName: "policy"))
    var policy: ReplacementPolicy?

    func validate() throws {
        if let policy {
            guard topic == .replacement else {
                throw ValidationError("--policy sets a replacement exercise; the \(topic.rawValue) exercise has none")
            }
            guard Exercise.replacementPolicies.contains(policy) else {
                throw ValidationError(
                    "--policy \(policy.rawValue): the exercise states the rules of \(Exercise.replacementPolicies.map(\.rawValue).joined(separator: ", ")) only"
                )
            }
            if kernel == .linux, policy != .linux {
                throw ValidationError("--kernel linux sets the exercise on Linux's two lists; leave out --policy, or drop --kernel")
            }
        }
        if kernel == .linux, !Exercise.linuxTopics.contains(topic) {
            let topics = Exercise.linuxTopics.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("the \(topic.rawValue) exercise is the same on both kernels; --kernel linux changes only \(topics)")
        }
    }

    func run() throws {
        let exercise = Exercise.make(topic, seed: seed, kernel: kernel, policy: policy)
        let text =
            switch format {
            case .text: exercise.text(answers: answers)
            case .markdown: exercise.markdown(answers: answers)
            case .json: exercise.json(answers: answers)
            }
        try StandardOutput.write(text)
    }
}
