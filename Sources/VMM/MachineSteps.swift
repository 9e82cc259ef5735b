/// Running a machine on: the one loop behind every run of a scenario (reports, lesson checks,
/// exercises, comparisons, a recording's shadow, the session learning its run's length).
extension Machine {
    /// Steps on from where the machine stands until it finishes or step `limit` is taken, handing
    /// `body` each step's result and the machine as that step left it (in place: no copy of the
    /// machine is made).
    public mutating func forEachStep(limit: Int = .max, _ body: (StepResult, Machine) throws -> Void) rethrows {
        try stepUntil(limit: limit) { result, machine in
            try body(result, machine)
            return false
        }
    }

    /// Steps on as `forEachStep(limit:_:)` does, until `stop` says so of a step (or the machine
    /// finishes, or step `limit` is taken).
    public mutating func stepUntil(limit: Int = .max, _ stop: (StepResult, Machine) throws -> Bool) rethrows {
        while !isFinished, stepCount < limit {
            let result = step()
            if try stop(result, self) { return }
        }
    }

    /// Steps on as `forEachStep(limit:_:)` does, returning every step's result.
    public mutating func takeSteps(limit: Int = .max) -> [StepResult] {
        var results: [StepResult] = []
        forEachStep(limit: limit) { result, _ in results.append(result) }
        return results
    }

    /// Steps two machines together until both finish or the first has taken step `limit` (one
    /// that finishes first takes empty steps meanwhile), handing `body` each step's results and
    /// the machines as it left them; `body` returns false to stop there.
    public static func stepTogether(
        _ a: inout Machine, _ b: inout Machine, limit: Int = .max,
        _ body: (_ left: StepResult, _ right: StepResult, Machine, Machine) throws -> Bool
    ) rethrows {
        while !(a.isFinished && b.isFinished), a.stepCount < limit {
            let (ra, rb) = (a.step(), b.step())
            guard try body(ra, rb, a, b) else { return }
        }
    }

    /// Steps two machines together until a step's events differ (or one ends before the other),
    /// and returns that step's results, leaving the machines there; nil if they never part.
    public static func stepToParting(_ a: inout Machine, _ b: inout Machine, limit: Int) -> (left: StepResult, right: StepResult)? {
        var parting: (left: StepResult, right: StepResult)?
        stepTogether(&a, &b, limit: limit) { ra, rb, a, b in
            guard EventDigest.digest(ra.events) == EventDigest.digest(rb.events), a.isFinished == b.isFinished else {
                parting = (ra, rb)
                return false
            }
            return true
        }
        return parting
    }
}
