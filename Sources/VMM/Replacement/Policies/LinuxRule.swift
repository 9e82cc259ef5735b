/// Linux's two-list LRU (mm/vmscan.c, mm/swap.c, mm/workingset.c; Linux 6.x with the
/// multi-generational LRU off): anonymous and file pages each on an inactive and an active list.
/// A page faulted in starts at the head of its inactive list. Reclaim takes the inactive list's
/// tail: a page not referenced since the last look is evicted and leaves a shadow entry naming it
/// with the eviction count; a referenced one is given one more trip round the inactive list (the
/// page flag PG_referenced set), and one referenced again on its next look is activated. Whenever
/// the active list outgrows the inactive one (the balance of a machine under 1 GiB), the active
/// tail is deactivated. A page faulting back whose refault distance (evictions and activations
/// since it left) is no more than the active list's size was evicted too soon: it starts active.
/// Swappiness weighs which kind reclaim scans: anonymous pages `swappiness`, file `200 - swappiness`.
struct LinuxRule: ListPolicy {
    static let inactiveAnon = 0, activeAnon = 1, inactiveFile = 2, activeFile = 3, shadows = 0
    /// Bits of `ListState.uses`: referenced since the last look (the accessed bit), and PG_referenced.
    static let young: UInt8 = 2, referencedFlag: UInt8 = 1
    static var listNames: [String] { ["inactive", "active", "inactive", "active"] }
    static func listTitle(_ list: Int, _ state: ListState<FrameContent>) -> String? {
        ["inactive anon", "active anon", "inactive file", "active file"][list]
    }
    static var ghostNames: [String] { ["shadow"] }
    /// Shadow entries for twice the frames (a distance beyond the frames never activates), or
    /// none with `shadows off` (ghostShare 0): refault detection off, to see what it does.
    static func ghostCapacities(frames: Int, _ parameters: ReplacementParameters) -> [Int] {
        [parameters.ghostShare == 0 ? 0 : 2 * frames]
    }

    static func inactive(file: Bool) -> Int { file ? inactiveFile : inactiveAnon }
    static func active(file: Bool) -> Int { file ? activeFile : activeAnon }

    var state: ListState<Int>
    init(state: ListState<Int>) { self.state = state }

    static func arrive<P>(_ page: P, _ state: inout ListState<P>) -> GhostHit? {
        guard let taken = state.ghosts[shadows].remove(page) else { return nil }
        let distance = state.evictions - taken.value
        // The workingset it competes with (workingset_test_recent, swap assumed present): for an
        // anonymous page the file lists and the active anonymous list, for a file page the active
        // file list and both anonymous lists. A page that could not have stayed even with all of
        // that memory is not activated.
        let lists = state.lists
        let activeSize =
            page.isFileBacked
            ? lists.count(activeFile) + lists.count(activeAnon) + lists.count(inactiveAnon)
            : lists.count(activeFile) + lists.count(inactiveFile) + lists.count(activeAnon)
        return GhostHit(
            ghost: shadows, since: taken.since, value: distance, proves: distance <= activeSize, activeSize: activeSize,
            fileBacked: page.isFileBacked)
    }

    struct Choice {
        var file: Bool
        /// On the way: active pages moved to the inactive list, referenced ones sent round again,
        /// and ones referenced on two looks activated.
        var deactivated: [Int] = []
        var rotated: [Int] = []
        var activated: [Int] = []
    }

    /// Whether reclaim scans file pages now: by swappiness, whichever kind is behind its share of
    /// the scanning (file first on a tie, as Linux prefers the page cache), or the only kind there is.
    static func scansFile<P>(_ state: ListState<P>) -> Bool {
        let anon = state.lists.count(inactiveAnon) + state.lists.count(activeAnon)
        let file = state.lists.count(inactiveFile) + state.lists.count(activeFile)
        if anon == 0 || file == 0 { return file > 0 }
        let swappiness = state.parameters.swappiness
        return state.tallies[0] * (200 - swappiness) >= state.tallies[1] * swappiness
    }

    static func choose<P>(_ state: inout ListState<P>, explain: Bool, accepts: (Int) -> Bool) -> (frame: Int, choice: Choice)? {
        var file = scansFile(state)
        var choice = Choice(file: file)
        var triedOther = false
        // Each page is looked at most three times (rotated, activated, deactivated).
        var budget = 3 * state.capacity + 4
        while budget > 0 {
            budget -= 1
            let (inactiveList, activeList) = (inactive(file: file), active(file: file))
            // The inactive list kept at least as large as the active one.
            while state.lists.count(activeList) > state.lists.count(inactiveList), let frame = state.lists.tail(activeList) {
                state.uses[frame] = 0
                state.lists.pushHead(frame, inactiveList)
                if explain { choice.deactivated.append(frame) }
            }
            guard let frame = state.lists.oldest(in: inactiveList, where: accepts) else {
                // Nothing of this kind may go: the other kind, once.
                guard !triedOther else { return nil }
                triedOther = true
                file.toggle()
                choice.file = file
                continue
            }
            state.tallies[file ? 1 : 0] += 1
            let uses = state.uses[frame]
            if uses & young != 0 {
                if uses & referencedFlag != 0 {
                    state.uses[frame] = 0
                    state.lists.pushHead(frame, activeList)
                    // An activation shrinks the inactive list as an eviction does: it ages the shadows.
                    state.evictions += 1
                    if explain { choice.activated.append(frame) }
                } else {
                    state.uses[frame] = referencedFlag
                    state.lists.pushHead(frame, inactiveList)
                    if explain { choice.rotated.append(frame) }
                }
                continue
            }
            state.victimGhost = shadows
            return (frame, choice)
        }
        return nil
    }

    static func enter<P>(_ frame: Int, _ page: P, _ state: inout ListState<P>, arrivedFrom: Int?) {
        let file = page.isFileBacked
        if arrivedFrom == nil {
            state.place(frame, page, in: inactive(file: file))
        } else {
            state.place(frame, page, in: active(file: file))
            state.evictions += 1
        }
        // The faulting access sets the accessed bit, as the MMU does (do_anonymous_page makes the
        // entry young): a page used once is still referenced at reclaim's first look.
        state.uses[frame] = young
    }

    @inline(__always) static func hit<P>(_ frame: Int, _ state: inout ListState<P>) { state.uses[frame] |= young }

    static func scanned(_ choice: Choice) -> [Int] { choice.rotated + choice.activated + choice.deactivated }

    static func sentence(_ choice: Choice, frame: Int, _ state: ListState<FrameContent>, page: (FrameContent) -> String) -> String {
        let kind = choice.file ? "file" : "anonymous"
        var before: [String] = []
        func list(_ frames: [Int]) -> String { SecondChanceHand.frameList(frames) }
        if !choice.deactivated.isEmpty {
            before.append("the active list was larger than the inactive, so \(list(choice.deactivated)) moved to the inactive list")
        }
        if !choice.rotated.isEmpty {
            before.append("\(list(choice.rotated)) referenced since the last look went round the inactive list again, marked referenced")
        }
        if !choice.activated.isEmpty {
            before.append("\(list(choice.activated)) referenced on a second look \(choice.activated.count == 1 ? "was" : "were") activated")
        }
        let first = before.isEmpty ? "" : " (first \(before.joined(separator: "; ")))"
        return
            "Linux\(first): reclaim takes the tail of the inactive \(kind) list, frame \(frame), not referenced since it was last looked at, and leaves a shadow entry for it at eviction \(state.evictions)"
    }

    static func ghostHitSentence(_ hit: GhostHit, page: String, _ state: ListState<FrameContent>) -> String {
        let distance = "its refault distance, the evictions and activations since it left, is \(hit.value)"
        let competitors = hit.fileBacked ? "the active file list and both anonymous lists" : "the active anonymous list and both file lists"
        if hit.proves {
            return
                "Refault: \(page) was evicted and faults back; \(distance), no more than the \(hit.activeSize) \(hit.activeSize == 1 ? "page" : "pages") of the workingset it competes with (\(competitors)), so it would have stayed had its inactive list been given that room: it goes straight to the active list."
        }
        return
            "Refault: \(page) was evicted and faults back; \(distance), more than the \(hit.activeSize) \(hit.activeSize == 1 ? "page" : "pages") of the workingset it competes with (\(competitors)), so it could not have stayed anyway: it starts on the inactive list again like a new page."
    }

    static func cell(_ frame: Int, _ state: ListState<FrameContent>) -> String {
        guard let list = state.lists.list(of: frame) else { return "" }
        let uses = state.uses[frame]
        return "\(listNames[list])\(uses & referencedFlag != 0 ? " ref" : "")"
    }

    static var ghostsShowValue: Bool { true }
    static var marksLegend: String? {
        "' the page's accessed bit is set; * it is marked PG_referenced; E the evictions and activations when it left."
    }

    static func mark(_ frame: Int, _ state: ListState<FrameContent>) -> String {
        (state.uses[frame] & young != 0 ? "'" : "") + (state.uses[frame] & referencedFlag != 0 ? "*" : "")
    }

    static func listTitleNote(_ state: ListState<FrameContent>) -> String {
        let lists = state.lists
        let anon = lists.count(inactiveAnon) + lists.count(activeAnon)
        let file = lists.count(inactiveFile) + lists.count(activeFile)
        var parts: [String] = []
        if anon > 0 { parts.append("anon \(lists.count(inactiveAnon))/\(lists.count(activeAnon))") }
        if file > 0 { parts.append("file \(lists.count(inactiveFile))/\(lists.count(activeFile))") }
        return parts.isEmpty ? "" : " inactive/active " + parts.joined(separator: " ")
    }
}
