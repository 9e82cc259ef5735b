import Teaching

/// Predict-then-step: the quiz is a child with its own update (`QuizState.update -> QuizEffect`);
/// the session hands it the actions that concern it and carries out what it asks.
extension Session {
    /// "right" or "wrong": the last quiz answer, as a recording keeps it (nil when none was given).
    public var lastAnswerVerdict: String? { lastAnswerWasRight.map { $0 ? "right" : "wrong" } }

    /// Whether the last quiz answer was right (nil when none was given).
    public var lastAnswerWasRight: Bool? {
        quiz?.feedback.last.map { $0.hasPrefix("✓") }
    }

    /// In quiz mode the quiz sees the action first: stepping asks about the next step; the last
    /// answer takes it. True when the quiz took the action.
    mutating func quizIntercepts(_ action: Action) -> Bool {
        guard var child = quiz, let input = quizInput(for: action) else { return false }
        let effect = child.update(input)
        quiz = child
        switch effect {
        case .passThrough:
            return false
        case .handled(let note):
            running = false
            if let note { message = note }
            return true
        case .takeStep:
            forward()
            if isAtEnd { message = "The end. Quiz: " + child.summary }
            return true
        }
    }

    /// The action as the quiz sees it, if it concerns the quiz. Every action is named, so a new
    /// one must say whether the quiz sees it.
    func quizInput(for action: Action) -> QuizInput? {
        switch action {
        case .stepForward, .eventForward: .step(from: timeline.current)
        case .answer(let choice): .answer(choice)
        case .skipQuestion: quiz?.current == nil ? nil : .answer(-1)
        case .toggleRun, .advance: .run
        case .stepBack, .eventBack, .toStart, .toEnd, .jump, .runUntil: .moved
        case .faster, .slower, .search, .searchBackward, .nextProcess, .previousProcess, .nextCPU, .nextPane, .previousPane,
            .scroll, .toggleHelp, .toggleAnatomy, .toggleHistory, .historyMove, .historyEnd, .historyFind, .reveal,
            .toggleVersions, .toggleLists, .toggleInspector, .focusPane, .inspectRow, .inspectSubject, .inspectEntry, .inspectJump,
            .editScenario, .scrollHelp, .cancel, .continueSeek, .toggleQuiz, .openPrompt, .promptType, .promptBackspace,
            .promptSubmit, .promptCancel, .quit:
            nil
        }
    }
}
