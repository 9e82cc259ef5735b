/// The scenarios shipped in `scenarios/`, compiled into the binary by the EmbedScenarios plugin.
public enum BundledScenarios {
    /// The scenario the program opens when given none.
    public static let defaultName = "tour"

    /// Names (file names without `.vmm`), sorted.
    public static var names: [String] { bundledScenarioTexts.map(\.name) }

    public static func text(named name: String) -> String? {
        let bare = name.hasSuffix(".vmm") ? String(name.dropLast(4)) : name
        return bundledScenarioTexts.first { $0.name == bare }?.text
    }

    /// Parses a bundled scenario; its path reads `scenarios/NAME.vmm` in messages.
    public static func load(_ name: String) throws(DiagnosticList) -> Scenario? {
        let bare = name.hasSuffix(".vmm") ? String(name.dropLast(4)) : name
        guard let text = text(named: bare) else { return nil }
        return try ScenarioParser.parse(text, path: "scenarios/\(bare).vmm")
    }
}
