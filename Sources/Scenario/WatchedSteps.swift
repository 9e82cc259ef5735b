extension Scenario {
    /// The steps the lesson's watch lines name ("Step 8", "Steps 4 and 5", "steps 2–4"), in order:
    /// where a handout shows the state.
    public var watchedSteps: [Int] {
        var steps: [Int] = []
        for line in watch {
            let words = line.split { !$0.isLetter && !$0.isNumber && $0 != "–" && $0 != "-" }.map { $0.lowercased() }
            var index = 0
            while index < words.count {
                guard words[index] == "step" || words[index] == "steps" else {
                    index += 1
                    continue
                }
                index += 1
                // Numbers joined by "and", "to" or a dash: "4 and 5", "2–4", "2 to 4".
                var previous: Int?
                var range = false
                while index < words.count {
                    let word = words[index]
                    if let number = Int(word) {
                        if range, let from = previous, number > from { steps += Array((from + 1)...number) } else { steps.append(number) }
                        previous = number
                        range = false
                    } else if let dash = word.firstIndex(where: { $0 == "–" || $0 == "-" }),
                        let from = Int(word[..<dash]), let to = Int(word[word.index(after: dash)...]), to >= from
                    {
                        steps += Array(from...to)
                        previous = to
                    } else if word == "and" || word == "or" {
                        range = false
                    } else if word == "to" || word == "–" || word == "-" {
                        range = true
                    } else {
                        break
                    }
                    index += 1
                }
            }
        }
        var seen = Set<Int>()
        return steps.filter { $0 > 0 && seen.insert($0).inserted }.sorted()
    }
}
