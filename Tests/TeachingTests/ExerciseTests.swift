import Foundation
import Scenario
import Testing
import VMM
@testable import Teaching

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
