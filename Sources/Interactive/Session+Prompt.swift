/// The `:` and `/` prompt: what its keys do, and what its text means once Enter takes it.
extension Session {
    mutating func openPrompt(_ kind: Prompt.Kind) {
        // A prompt pauses auto-run, and a replay must pause there too.
        amounted = running ? [.cancel, .openPrompt(kind)] : [.openPrompt(kind)]
        running = false
        prompt = Prompt(kind: kind)
    }

    mutating func cancelPrompt() {
        prompt = nil
        if helpVisible { closeOverlay() }
    }

    /// Enter: the prompt's text becomes the move it names, and the recording keeps that move.
    mutating func submitPrompt() {
        guard let current = prompt else { return }
        prompt = nil
        amounted = []
        let text = current.text.trimmingBlanks()
        switch current.kind {
        case .jumpToStep:
            guard let target = Int(text), target >= 0 else {
                message = "Not a step number: '\(text)'. Type digits, then Enter."
                return
            }
            amount(to: .jump(to: target))
        case .runUntilEvent:
            guard !text.isEmpty else {
                guard let lastSearch else {
                    message = "Type an event (fault, eviction, lost-update, ...) or any text to find in the explanations."
                    return
                }
                amount(to: .search(lastSearch, backward: false))
                return
            }
            let completions = EventGroups.completions(of: text)
            let name = completions.count == 1 ? completions[0] : text.lowercased()
            // An event's name runs until one; any other text is found in the explanations.
            guard let kinds = EventGroups.kinds(named: name) else {
                amount(to: .search(text, backward: false))
                return
            }
            amount(to: .runUntil(kinds, label: name))
        }
    }

    mutating func promptBackspace() {
        if prompt?.text.isEmpty == false { prompt?.text.removeLast() }
    }
}
