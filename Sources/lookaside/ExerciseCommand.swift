import ArgumentParser
import Teaching
import VMM

extension Exercise.Topic: ExpressibleByArgument {}
extension KernelPreset: ExpressibleByArgument {}

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

    @Option(help: "textbook, or linux: the exercise as Linux does it (write-policy: fsync, write-notify, close writing nothing).")
    var kernel: KernelPreset = .textbook

    func validate() throws {
        if kernel == .linux, !Exercise.linuxTopics.contains(topic) {
            let topics = Exercise.linuxTopics.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("the \(topic.rawValue) exercise is the same on both kernels; --kernel linux changes only \(topics)")
        }
    }

    func run() throws {
        let exercise = Exercise.make(topic, seed: seed, kernel: kernel)
        let text =
            switch format {
            case .text: exercise.text(answers: answers)
            case .markdown: exercise.markdown(answers: answers)
            case .json: exercise.json(answers: answers)
            }
        try StandardOutput.write(text)
    }
}
