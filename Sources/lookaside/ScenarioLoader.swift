import ArgumentParser
import FoundationEssentials
import Scenario

/// Finds a scenario by path or by bundled name, and turns every failure into a message for the user.
enum ScenarioLoader {
    enum Failure: Error, CustomStringConvertible {
        case notFound(String)
        case unreadable(String, String)
        case invalid(DiagnosticList)

        var description: String {
            switch self {
            case .notFound(let name):
                "lookaside: no scenario file or bundled scenario named '\(name)'.\nBundled scenarios: \(BundledScenarios.names.joined(separator: ", ")) (see 'lookaside list')."
            case let .unreadable(path, why): "\(path): cannot read: \(why)"
            case .invalid(let list): list.description
            }
        }
    }

    /// A file path if one exists there, otherwise a bundled scenario's name.
    static func load(_ name: String) throws(Failure) -> Scenario {
        switch InputFile.read(name, limit: ScenarioParser.maximumBytes, expected: "a .vmm scenario") {
        case .success(let bytes):
            do {
                return try ScenarioParser.parse(bytes: bytes, path: name)
            } catch {
                throw .invalid(error)
            }
        case .failure(.refused(let why)): throw .unreadable(name, why)
        case .failure(.missing): break
        }
        do {
            if let scenario = try BundledScenarios.load(name) { return scenario }
        } catch {
            throw .invalid(error)
        }
        throw .notFound(name)
    }
}

extension ScenarioLoader {
    /// Loads and applies `--set` overrides; any problem is the command's failure.
    static func loadOrExit(_ name: String, settings: [String]) throws(CommandFailure) -> Scenario {
        let scenario: Scenario
        do {
            scenario = try load(name)
        } catch {
            throw CommandFailure(error)
        }
        do {
            return try scenario.overriding(settings)
        } catch {
            throw .invalid(error)
        }
    }
}

extension CommandFailure {
    /// A scenario not found or unreadable cannot be read; one that does not parse is invalid.
    init(_ failure: ScenarioLoader.Failure) {
        switch failure {
        case .notFound, .unreadable: self = .unreadable(failure.description)
        case .invalid(let list): self = .invalid(list)
        }
    }
}
