import VMM

/// What a session asks of its quiz (the session's actions, as the quiz sees them).
public enum QuizInput: Sendable {
    /// The student wants to take the next step from `machine`.
    case step(from: Machine)
    /// A choice, from 0; -1 skips the question.
    case answer(Int)
    /// Auto-run, which a quiz does not allow.
    case run
    /// The student moved elsewhere (back, a jump, a search): open questions no longer apply.
    case moved
}

/// What the session must do after the quiz has had its say.
public enum QuizEffect: Equatable, Sendable {
    /// Nothing for the quiz: the session handles the action as usual.
    case passThrough
    /// The quiz took the action; the session shows `message` (if any) and stops auto-run.
    case handled(message: String?)
    /// Every question is answered: the session takes the step they were about.
    case takeStep
}

/// The quiz's own update, composed into the session's as TCA's `ifLet` composes a child reducer:
/// the session owns an optional `QuizState` and hands it each action that concerns it.
extension QuizState {
    public mutating func update(_ input: QuizInput) -> QuizEffect {
        switch input {
        case .step(let machine):
            if let question = current { return .handled(message: "Answer with 1–\(question.choices.count), or s to skip.") }
            let (questions, next) = QuizMaker.prediction(for: machine)
            feedback = []
            guard !questions.isEmpty, let result = next else { return .passThrough }
            pending = questions
            index = 0
            about = "step \(result.step) · \(result.process.map(machine.name) ?? "—"): \(result.operation ?? "")"
            return .handled(message: nil)
        case .answer(let choice):
            guard current != nil else { return .passThrough }
            _ = answer(choice)
            guard current == nil else { return .handled(message: nil) }
            pending = []
            index = 0
            return .takeStep
        case .run:
            return .handled(message: "Auto-run is off while quizzing; press Q to leave quiz mode.")
        case .moved:
            pending = []
            index = 0
            feedback = []
            return .passThrough
        }
    }
}
