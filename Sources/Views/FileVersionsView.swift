import VMM

/// Versioned sharing, told whole: every version of every file, and for each merge the base, the
/// two sides and the result word by word, with conflicts marked.
public enum FileVersionsView {
    /// Nil unless the machine keeps versions.
    public static func lines(_ machine: Machine) -> [String]? {
        guard machine.configuration.sharing == .versioned else { return nil }
        var out: [String] = []
        for file in machine.files {
            out.append("\(file.name): \(file.versions.count == 1 ? "1 version" : "\(file.versions.count) versions")")
            for version in file.versions {
                let by = version.author.map { "by \(machine.name($0))" } ?? "(the file as it started)"
                let conflicts = version.conflicts == 0 ? "" : version.conflicts == 1 ? ", 1 conflict" : ", \(version.conflicts) conflicts"
                let pages = version.pages.enumerated().map { "p\($0.offset) [\($0.element.map(String.init).joined(separator: " "))]" }
                out.append("  v\(version.number) \(by)\(conflicts): \(pages.joined(separator: " "))")
                for merge in version.merges {
                    out += lines(merge, author: version.author.map(machine.name) ?? "?", version: version.number)
                }
            }
        }
        return out
    }

    /// One page of a merge: four rows of words in columns, the author's changes starred and the
    /// conflicts crossed, then each conflict in words.
    static func lines(_ merge: PageMerge, author: String, version: Int) -> [String] {
        let rows: [(String, [String])] = [
            ("base (v\(merge.baseVersion), as \(author) copied it)", merge.base.map(String.init)),
            ("\(author)'s copy (* changed)", merge.mine.indices.map { "\(merge.mine[$0])\(merge.changed[$0] ? "*" : "")" }),
            ("v\(merge.theirsVersion) (the latest)", merge.theirs.map(String.init)),
            (
                "v\(version), the result (✗ conflict)",
                merge.result.indices.map { "\(merge.result[$0])\(merge.conflicts.contains($0) ? "✗" : "")" }
            ),
        ]
        let labelWidth = rows.map(\.0.count).max() ?? 0
        let cellWidth = max(4, rows.flatMap(\.1).map(\.count).max() ?? 0)
        var out = ["    page \(merge.page), word by word (words 0–\(merge.base.count - 1)):"]
        for (label, cells) in rows {
            out.append("      " + label.padding(labelWidth) + "  " + cells.map { $0.leftPadded(to: cellWidth) }.joined(separator: " "))
        }
        for word in merge.conflicts {
            out.append(
                "      ✗ word \(word): \(author) made it \(merge.mine[word]) but v\(merge.theirsVersion) has \(merge.theirs[word]) (both changed \(merge.base[word])): the merge keeps \(merge.result[word])"
            )
        }
        return out
    }
}
