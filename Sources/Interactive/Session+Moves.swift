import VMM

/// Moving through the run: a step either way, auto-run, jumps, and long work taken a stretch
/// per frame (`Seek`), which Esc or a new move stops where it got to.
extension Session {
    mutating func stepForward() {
        running = false
        if let revealed, revealed < timeline.lastResult.events.count {
            self.revealed = nil
        } else if !forward() {
            message = "The scenario has ended at step \(step). Press b to step back, g to start again."
        } else if isAtEnd, let quiz {
            message = "The end. Quiz: " + quiz.summary
        }
    }

    mutating func stepBack() {
        running = false
        if revealed != nil { revealed = nil }
        if step == 0 { message = "Already at the start." } else { go(to: step - 1) }
    }

    mutating func toggleRun() {
        if isAtEnd {
            message = "The scenario has ended; press g to start again."
        } else {
            autoRun.toggle()
            revealed = nil
        }
    }

    /// Auto-run's due steps, bounded by the run's end whatever count a (forged) recording gives.
    mutating func advance(_ count: Int) {
        guard running else { return }
        var taken = 0
        while taken < count, forward() { taken += 1 }
        if isAtEnd {
            running = false
            message = "Reached the end: step \(step)."
        }
    }

    /// Backwards is at most a checkpoint interval of work; forwards may be long.
    mutating func jump(to target: Int) {
        running = false
        if target <= step || isAtEnd {
            go(to: target)
            if target > step { message = "The scenario ends at step \(step)." }
        } else {
            startSeek(Seek(action: .jump(to: target), goal: .step(target), from: step))
        }
    }

    /// Esc: stops long work where it got to, or pauses auto-run (recorded: a replay's run must
    /// stop where the live one did).
    mutating func cancel() {
        if let move = seek {
            amounted = stopSeek().map(\.action)
            switch move.goal {
            case .find(let finder), .findInHistory(let finder):
                message = "Stopped searching for '\(finder.text)' at step \(finder.reached): no match up to there."
            case .readLife:
                changeInspector { $0.stopReading() }
                message = "Stopped reading: its life up to step \(inspector?.stoppedAfter ?? step) is shown."
            case .end, .step, .event:
                message = "Stopped at step \(step)."
            }
        } else {
            amounted = running ? [.cancel] : []
            if running { message = "Paused at step \(step)." }
            running = false
        }
    }

    /// One step forward; false at the end.
    @discardableResult
    mutating func forward() -> Bool {
        guard !timeline.isFinished else { return false }
        previous = timeline.current
        timeline.stepForward()
        settleAfterMovingForward()
        return true
    }

    /// Any step, backwards or forwards, with `previous` set for highlighting.
    mutating func go(to target: Int) {
        revealed = nil
        eventStates = []
        let goal = max(0, total.map { min(target, $0) } ?? target)
        if goal == 0 {
            timeline.seek(to: 0)
            previous = nil
            rememberSteps()
        } else {
            // Seeking to the current step costs nothing, so one step forward is just that.
            timeline.seek(to: goal - 1)
            forward()
        }
    }

    /// Starts long work, and takes it as far as the step budget allows.
    mutating func startSeek(_ move: Seek) {
        seek = move
        amounted = []
        continueSeek()
    }

    /// Takes long work further; when it arrives, says so and, for a move or a search, records it.
    mutating func continueSeek() {
        guard let move = seek else { return }
        let budget = stepBudget ?? Int.max
        var arrived = false, found = false
        switch move.goal {
        case .end:
            runUntil(limit: budget) { _ in false }
            arrived = timeline.isFinished
        case .step(let target):
            let goal = total.map { min(target, $0) } ?? target
            if goal - step > 1 { runUntil(limit: min(budget, goal - step - 1)) { _ in false } }
            if step >= goal - 1 || timeline.isFinished {
                go(to: goal)
                arrived = true
                if target > step { message = "The scenario ends at step \(step)." }
            }
        case .event(let kinds):
            found = runUntil(limit: budget) { result in result.events.contains { kinds.contains($0.kind) } }
            arrived = found || timeline.isFinished
        case .find(var finder):
            let progress = finder.search(timeline, budget: budget)
            seek?.goal = .find(finder)
            arrived = progress != .searching
            if arrived { foundText(finder, progress) }
        case .findInHistory(var finder):
            let progress = finder.search(timeline, budget: budget)
            seek?.goal = .findInHistory(finder)
            arrived = progress != .searching
            if arrived { foundInHistory(finder, progress) }
        case .readLife:
            let timeline = timeline
            guard changeInspector({ arrived = $0.read(timeline, budget: budget) }) else {
                seek = nil
                return
            }
        }
        guard arrived else { return }
        seek = nil
        amounted = move.isRecorded ? [move.action] : []
        if case let .runUntil(_, label) = move.action {
            if found {
                message = "Next \(label) at step \(step)."
            } else if step == move.from {
                message = "No \(label): the scenario has already ended."
            } else {
                // Nothing ahead: stay where the search began rather than land at the end unasked.
                let end = step
                go(to: move.from)
                message = "No \(label) between step \(move.from) and the end (step \(end)); still at step \(step)."
            }
        }
    }

    /// Stops long work where it got to; returns what a recording keeps of it: a jump to that step
    /// when it had moved (a search or an overlay's reading never moves).
    mutating func stopSeek() -> [AppliedAction] {
        guard let move = seek else { return [] }
        seek = nil
        return step != move.from ? [AppliedAction(.jump(to: step), step: step)] : []
    }

    /// Steps until `stop` says so (true) or the end or `limit` steps (false).
    @discardableResult
    mutating func runUntil(limit: Int, _ stop: (StepResult) -> Bool) -> Bool {
        var taken = 0
        while taken < limit, !timeline.isFinished {
            previous = timeline.current
            guard let result = timeline.stepForward() else { break }
            taken += 1
            if stop(result) {
                settleAfterMovingForward()
                return true
            }
        }
        settleAfterMovingForward()
        return false
    }

    /// After the timeline has moved forward: the step shows whole, the total is known at the end,
    /// and the focused process is one still running.
    mutating func settleAfterMovingForward() {
        revealed = nil
        eventStates = []
        if timeline.isFinished {
            total = step
            probe = nil
        }
        keepFocusOnALiveProcess()
        rememberSteps()
    }

    /// Keeps `recentSteps` ending at the step shown: one more after a step forward, cut back
    /// after a step back, replayed from the timeline's checkpoints after a jump.
    mutating func rememberSteps() {
        scroll[.events] = 0
        let now = step
        guard now > 0 else {
            recentSteps = []
            return
        }
        if recentSteps.last?.step == now - 1 {
            recentSteps.append(timeline.lastResult)
        } else if let index = recentSteps.firstIndex(where: { $0.step == now }), index + 1 >= Self.historyDepth / 2 {
            recentSteps.removeSubrange((index + 1)...)
        } else {
            let first = max(1, now - Self.historyDepth + 1)
            recentSteps = (first < now ? timeline.results(first...(now - 1)) : []) + [timeline.lastResult]
        }
        if recentSteps.count > Self.historyDepth { recentSteps.removeFirst(recentSteps.count - Self.historyDepth) }
    }
}
