import Testing
import Scenario
import VMM
@testable import Views

@Suite struct QuizTests {
    @Test func questionsAreAnsweredByWhatTheEngineThenDoes() throws {
        var s = try session("tour", steps: 2)
        s.apply(.toggleQuiz)
        s.apply(.stepForward)
        let quiz = try #require(s.quiz)
        #expect(s.step == 2, "the step waits for the answers")
        #expect(quiz.pending.map(\.topic) == [.tlb, .faults])
        #expect(quiz.pending[0].choices[quiz.pending[0].correct] == "miss")
        #expect(quiz.pending[1].choices[quiz.pending[1].correct] == "a major fault (disk or swap)")
        s.apply(.stepForward)
        #expect(s.message == "Answer with 1–2, or s to skip.")
        s.apply(.answer(1))
        s.apply(.answer(0))
        #expect(s.step == 3)
        #expect(s.quiz?.score == "1/2")
        #expect(s.quiz?.feedback.first?.hasPrefix("✓ TLB: miss.") == true)
        #expect(s.quiz?.feedback.last?.hasPrefix("✗ page faults: you said no page fault; it is a major fault (disk or swap).") == true)
        #expect(s.lastAnswerWasRight == false)
    }

    @Test func everyQuestionOfEveryLessonMatchesTheStepItPredicts() throws {
        for name in BundledScenarios.names {
            var machine = try #require(try BundledScenarios.load(name)).makeMachine()
            while !machine.isFinished {
                let questions = QuizMaker.questions(for: machine)
                let result = machine.step()
                for question in questions {
                    #expect(question.choices.indices.contains(question.correct))
                    let answer = question.choices[question.correct]
                    switch question.topic {
                    case .tlb: #expect(result.events.contains { $0.kind == (answer == "hit" ? .tlbHit : .tlbMiss) }, "\(name) step \(result.step)")
                    case .faults: #expect((question.correct == 0) == !result.events.contains { $0.isFault }, "\(name) step \(result.step)")
                    case .replacement: #expect(answer.hasPrefix("frame \(result.events.first { $0.kind == .eviction }!.frame!):"))
                    case .writePolicy: #expect((answer == "yes, now") == result.events.contains { $0.kind == .diskWrite || $0.kind == .writeBack })
                    case .sharing: #expect((answer == "nobody's") == !result.events.contains { $0.kind == .lostUpdate }, "\(name) step \(result.step)")
                    }
                }
            }
        }
    }

    @Test func theSummaryNamesWhatWasMissedByTopic() throws {
        var s = try session("lost-update")
        s.apply(.toggleQuiz)
        var wrong = 0
        while !s.isAtEnd {
            s.apply(.stepForward)
            while let question = s.quiz?.current {
                // Answer the replacement and sharing questions wrongly, the rest rightly.
                let miss = question.topic == .sharing || question.topic == .faults
                if miss { wrong += 1 }
                s.apply(.answer(miss ? (question.correct + 1) % question.choices.count : question.correct))
            }
        }
        let quiz = try #require(s.quiz)
        #expect(quiz.totalAsked - quiz.totalRight == wrong)
        #expect(quiz.asked[.sharing] == 2)
        #expect(quiz.summary.contains("Missed: page faults"))
        #expect(quiz.summary.contains("sharing 2 of 2"))
        #expect(s.message?.hasPrefix("The end. Quiz: ") == true)
    }

    @Test func aRecordedQuizReplaysWithItsScoreAndCatchesAForgedAnswer() throws {
        let scenario = try #require(try BundledScenarios.load("tour"))
        let (text, live) = try recording(scenario, seed: 1, actions: [.toggleQuiz, .stepForward, .stepForward, .stepForward, .answer(1), .answer(2), .stepForward, .answer(0), .answer(0)])
        let replay = try Replay.parse(bytes: Array(text.utf8), path: "quiz.lkr")
        #expect(replay.verify() == nil)
        #expect(replay.quizSummary == live.quiz?.summary)
        // Step 3 (A's first read): miss and major fault, both right; step 4 (B's first read): hit and no fault, both wrong.
        #expect(replay.actions.filter { $0.action == "answer" }.map(\.label) == ["right", "right", "wrong", "wrong"])
        let forged = text.replacingOccurrences(of: #""count":0,"label":"wrong""#, with: #""count":0,"label":"right""#)
        let divergence = try #require(try Replay.parse(bytes: Array(forged.utf8), path: "forged.lkr").verify())
        #expect(divergence.expected == "right" && divergence.found == "wrong")
    }
}

@Suite struct CompareTests {
    func comparison(_ name: String, _ a: [String], _ b: [String]) throws -> Comparison {
        let scenario = try #require(try BundledScenarios.load(name))
        return Comparison(left: try scenario.overriding(a), right: try scenario.overriding(b), leftLabel: a.joined(), rightLabel: b.joined())
    }

    @Test func lruAndFifoPartWaysAtTheirFirstDifferentEviction() throws {
        var c = try comparison("replacement", ["replacement=lru"], ["replacement=fifo"])
        #expect(c.partsAt == 7)
        for _ in 0..<7 { c.apply(.stepForward) }
        // At step 7 they evict different pages, but every counter is still the same.
        #expect(c.differingCounters.isEmpty)
        let (differing, same) = c.panes(leftWidth: 40, rightWidth: 40, box: .unicode)
        #expect(differing.first?.pane == .frames)
        #expect(same.contains(.swap))
        #expect(ComparisonScreen.render(c, width: 80, height: 24).lines[2] == " they parted at step 7: this step")
        // At step 8, page 0 is still in LRU's memory but FIFO evicted it: now the counters differ too.
        c.apply(.stepForward)
        #expect(c.differingCounters.contains { $0.name == "minor-faults" })
        let grid = ComparisonScreen.render(c, width: 80, height: 24)
        #expect(grid.lines[2] == " they parted at step 7")
        #expect(grid.lines[3].hasPrefix("┌ Counters that differ"))
        let frames = try #require(grid.lines.firstIndex { $0.hasPrefix("┌ Frames · LRU") })
        #expect(grid.lines[frames].contains("┌ Frames · FIFO"))
        // Frame 0 holds the same page on both sides; frames 1 and 2 differ and are highlighted.
        #expect(grid[3, frames + 2].style.role == .normal)
        #expect(grid[3, frames + 3].style.role == .changed && grid[43, frames + 3].style.role == .changed)
    }

    @Test func identicalConfigurationsNeverPart() throws {
        let c = try comparison("tour", ["frames=4"], ["frames=4"])
        #expect(c.partsAt == nil)
        #expect(ComparisonScreen.render(c, width: 100, height: 30).text.contains("they never part"))
    }

    @Test func writeThroughAgainstWriteBackDiffersInDiskWrites() throws {
        var c = try comparison("write-policy", ["write=through"], ["write=back"])
        c.apply(.toEnd)
        let disk = try #require(c.differingCounters.first { $0.name == "disk-writes" })
        #expect(disk.left == 8 && disk.right == 1)
    }
}

@Suite struct ExerciseTests {
    @Test("the same seed always gives the same exercise", arguments: Exercise.Topic.allCases)
    func reproducible(topic: Exercise.Topic) {
        let a = Exercise.make(topic, seed: 11).text(answers: true)
        #expect(a == Exercise.make(topic, seed: 11).text(answers: true))
        let others = Set((1...6).map { Exercise.make(topic, seed: UInt64($0)).text(answers: false) })
        #expect(others.count > 1, "different seeds should give different exercises")
        #expect(!Exercise.make(topic, seed: 11).text(answers: false).contains("Answer"))
    }
}
