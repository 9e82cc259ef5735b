import Scenario
import Teaching
import Testing
import VMM
@testable import Interactive

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
                    case .tlb:
                        #expect(result.events.contains { $0.kind == (answer == "hit" ? .tlbHit : .tlbMiss) }, "\(name) step \(result.step)")
                    case .faults: #expect((question.correct == 0) == !result.events.contains { $0.isFault }, "\(name) step \(result.step)")
                    case .replacement: #expect(answer.hasPrefix("frame \(result.events.first { $0.kind == .eviction }!.frame!):"))
                    case .writePolicy:
                        #expect(
                            answer.hasPrefix("yes") == result.events.contains { $0.kind == .diskWrite || $0.kind == .writeBack },
                            "\(name) step \(result.step): \(question.prompt)")
                    case .sharing:
                        #expect((answer == "nobody's") == !result.events.contains { $0.kind == .lostUpdate }, "\(name) step \(result.step)")
                    }
                }
            }
        }
    }

    /// Closing a file with dirty pages: the textbook writes them at the close, Linux does not.
    @Test(arguments: [("linux-close", 1), ("shared-page", 0)])
    func theCloseQuestionAsksWhetherDirtyPagesAreWritten(lesson: String, correct: Int) throws {
        var machine = try #require(try BundledScenarios.load(lesson)).makeMachine()
        var asked: [QuizQuestion] = []
        while !machine.isFinished {
            asked += QuizMaker.questions(for: machine).filter { $0.prompt.contains("Does the close write them to disk?") }
            machine.step()
        }
        // The first close of the dirty page: A's in linux-close, B's in shared-page.
        #expect(asked.first?.prompt.hasPrefix(lesson == "linux-close" ? "A closes" : "B closes") == true, "\(lesson)")
        #expect(asked.first?.correct == correct)
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
}

/// Several CPUs: the quiz asks where the TLB look-up happens and how many CPUs an eviction interrupts.
@Suite struct ShootdownQuizTests {
    @Test(arguments: [("eager", "2"), ("lazy", "1"), ("none", "0")])
    func theEvictionAsksHowManyCPUsAreInterrupted(policy: String, answer: String) throws {
        let scenario = try #require(try BundledScenarios.load("shootdown-cost")).overriding(["shootdown=\(policy)"])
        var machine = scenario.makeMachine()
        for _ in 0..<7 { machine.step() }
        let questions = QuizMaker.questions(for: machine)
        #expect(questions.first?.prompt == "C's write to 0x1000 on CPU 1: TLB hit or miss?")
        let ipis = try #require(questions.first { $0.prompt.hasPrefix("The eviction changes a mapping") })
        #expect(ipis.prompt.hasSuffix("(\(policy) shootdown)?"))
        #expect(ipis.choices == ["0", "1", "2"])
        #expect(ipis.choices[ipis.correct] == answer)
        #expect(
            ipis.because.hasPrefix(
                policy == "none"
                    ? "None: without shootdowns" : policy == "lazy" ? "IPI: CPU 1 interrupts CPU 2" : "IPI: CPU 1 interrupts CPU 0"))
    }
}
