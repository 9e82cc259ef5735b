import VMM

/// A list policy's lists and ghost queues, whole: each list newest first (ARC's T1 and T2, 2Q's
/// A1in and Am, S3-FIFO's S and M, Linux's inactive and active lists, MGLRU's generations), then
/// each ghost queue, newest first, with the number its entries keep where the policy has one.
public enum ReplacementListsView {
    /// Nil unless the machine's policy keeps lists.
    public static func lines(_ machine: Machine) -> [String]? {
        let view = machine.policyView
        guard !view.lists.isEmpty else { return nil }
        var out = ["Each list newest first; the next victim is looked for from its oldest end (the right)."]
        for list in view.lists {
            out.append("  \(list.name) (\(list.pages.count)): \(list.pages.isEmpty ? "empty" : list.pages.joined(separator: " · "))")
        }
        out.append("Ghost queues: pages that left memory, named only, newest first; one that faults back while named is a ghost hit.")
        for ghost in view.ghosts {
            out.append(
                "  \(ghost.name) (\(ghost.pages.count) of \(ghost.capacity)): \(ghost.pages.isEmpty ? "none" : ghost.pages.joined(separator: " · "))"
            )
        }
        if let legend = view.marksLegend { out.append(legend) }
        return out
    }
}
