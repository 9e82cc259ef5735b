/// Predict-then-step: the questions for the next step, the answers so far, the score.
public struct QuizState: Hashable, Sendable {
    public init() {}

    /// Questions about the next step; empty until the student asks to step.
    public internal(set) var pending: [QuizQuestion] = []
    /// The step the questions are about, e.g. "step 4 · A: read 0x10000".
    public internal(set) var about = ""
    public internal(set) var index = 0
    /// What the student was told about their last answers.
    public internal(set) var feedback: [String] = []
    public internal(set) var asked: [QuizQuestion.Topic: Int] = [:]
    public internal(set) var right: [QuizQuestion.Topic: Int] = [:]

    public var current: QuizQuestion? { index < pending.count ? pending[index] : nil }
    public var totalAsked: Int { asked.values.reduce(0, +) }
    public var totalRight: Int { right.values.reduce(0, +) }
    public var score: String { "\(totalRight)/\(totalAsked)" }

    /// "7 of 9 right. Missed: replacement 1 of 3, page faults 1 of 4."
    public var summary: String {
        guard totalAsked > 0 else { return "No questions answered yet." }
        let missed = QuizQuestion.Topic.allCases.compactMap { topic -> String? in
            let (a, r) = (asked[topic] ?? 0, right[topic] ?? 0)
            return a > r ? "\(topic.rawValue) \(a - r) of \(a)" : nil
        }
        return "\(totalRight) of \(totalAsked) right."
            + (missed.isEmpty ? " Nothing missed." : " Missed: " + missed.joined(separator: ", ") + ".")
    }

    /// Records an answer; returns whether it was right.
    mutating func answer(_ choice: Int) -> Bool {
        guard let question = current else { return false }
        let isRight = choice == question.correct
        asked[question.topic, default: 0] += 1
        if isRight { right[question.topic, default: 0] += 1 }
        let said = question.choices.indices.contains(choice) ? question.choices[choice] : "nothing"
        feedback.append(
            isRight
                ? "✓ \(question.topic.rawValue): \(said). \(question.because)"
                : "✗ \(question.topic.rawValue): you said \(said); it is \(question.choices[question.correct]). \(question.because)")
        index += 1
        return isRight
    }
}
