import Scenario
import Testing

@testable import Interactive

/// A bundled lesson's session, with `settings` applied and `steps` taken.
func session(_ name: String, steps: Int = 0, _ settings: [String] = []) throws -> Session {
    var session = Session(scenario: try #require(try BundledScenarios.load(name)).overriding(settings))
    for _ in 0..<steps { session.apply(.stepForward) }
    return session
}
