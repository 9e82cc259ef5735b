import FoundationEssentials
import Teaching

/// An exercise as a markdown handout, and as JSON for autograders (docs/headless-json.md).
extension Exercise {
    public func markdown(answers withAnswers: Bool) -> String {
        var out = ["## Exercise: \(MarkdownReport.escape(title))", "", "*Topic \(topic.rawValue), seed \(seed)*", ""]
        out += problem.map { $0.hasPrefix("  ") ? "    " + $0.dropFirst(2) : MarkdownReport.escape($0) + "  " }
        if withAnswers { out += ["", "### Answer", ""] + answers.map { "1. " + MarkdownReport.escape($0) } }
        return out.joined(separator: "\n") + "\n"
    }

    /// Questions and answers as data for autograders (documented in docs/headless-json.md).
    public func json(answers withAnswers: Bool) -> String {
        struct Document: Encodable {
            var topic: String, seed: UInt64, kernel: String, title: String, problem: [String]
            var answers: [String]?, key: [String]?
        }
        let document = Document(
            topic: topic.rawValue, seed: seed, kernel: kernel.rawValue, title: title, problem: problem,
            answers: withAnswers ? answers : nil, key: withAnswers ? key : nil)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self) + "\n"
    }
}
