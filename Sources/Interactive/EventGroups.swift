import VMM

/// Names a student can type at the run-until prompt: groups first, then every event kind.
public enum EventGroups {
    public static let groups: [(name: String, kinds: [Event.Kind])] = [
        ("fault", [.minorFault, .majorFault, .protectionFault, .segmentationFault]),
        ("eviction", [.eviction]),
        ("lost-update", [.lostUpdate]),
        ("conflict", [.mergeConflict]),
        ("wait", [.lockWait, .closeWait]),
        ("swap", [.swapIn, .swapOut]),
        ("disk", [.diskRead, .diskWrite, .writeBack]),
    ]

    public static var names: [String] {
        groups.map(\.name) + Event.Kind.allCases.map(\.rawValue).filter { name in !groups.contains { $0.name == name } }
    }

    public static func kinds(named name: String) -> [Event.Kind]? {
        if let group = groups.first(where: { $0.name == name }) { return group.kinds }
        return Event.Kind(rawValue: name).map { [$0] }
    }

    /// Names starting with what was typed.
    public static func completions(of prefix: String) -> [String] {
        names.filter { $0.hasPrefix(prefix.lowercased()) }
    }
}
