import ArgumentParser
import Views

extension Exercise.Topic: ExpressibleByArgument {}

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

    @Option(help: "text or markdown.")
    var format: ReportFormat = .text

    func validate() throws {
        if format == .json { throw ValidationError("--format takes text or markdown for exercises") }
    }

    func run() throws {
        let exercise = Exercise.make(topic, seed: seed)
        print(format == .markdown ? exercise.markdown(answers: answers) : exercise.text(answers: answers), terminator: "")
    }
}
