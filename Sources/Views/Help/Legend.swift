import VMM

/// What every column heading, abbreviation, marker and colour on the screen means: the second half
/// of the help screen. Each entry: the mark as it appears, then its meaning.
public enum Legend {
    public static let sections: [(title: String, entries: [(mark: String, meaning: String)])] = [
        (
            "Frames",
            [
                ("#", "frame number in physical memory"),
                ("holds", "what the frame holds: notes.txt p1 is page 1 of the file (in the page cache)"),
                ("(A's copy)", "A's own copy of that file page, written back when A closes (private-* and versioned sharing)"),
                ("(A private)", "a private mapping's copy: the file never sees it"),
                ("anon A@0x7", "A's anonymous page 0x7 (no file behind it: it goes to swap)"),
                ("A's L1 table", "a page of A's multi-level page table (pinned, never evicted)"),
                ("mapped by", "the reverse map: each process mapping the frame, and at which of its virtual pages"),
                ("A@0x10", "process A, virtual page number 0x10 (a page number, not an address)"),
                ("D  R", "dirty (written since it was loaded or written back) and referenced bits"),
                ("LRU #  FIFO #  MRU #", "the policy's order: 1 is the next victim"),
                ("next use", "OPT and UNOPT: references until the page is used again (never: not again)"),
                ("uses  class  age", "LFU's and MFU's use count; NRU's class (2 x R + D, lowest goes first); Aging's counter in binary"),
                ("idle  count", "WSClock's references since last use; GCLOCK's count"),
                (
                    "visited  v ·",
                    "SIEVE: v, used since it was loaded or the hand last passed (the hand clears it); ◀ the page it examines next"
                ),
                ("list  T1 T2", "ARC: T1 holds pages used once since they came in, T2 pages used again; p (title) is T1's target size"),
                (
                    "A1in  Am",
                    "2Q: A1in, the FIFO of pages on their first stay; Am, the LRU list of pages that came back (Kin, Kout: sizes)"
                ),
                (
                    "S 1  M 2",
                    "S3-FIFO: the small queue S or the main queue M, and the page's uses (up to 3) since it entered or M last passed it"
                ),
                (
                    "inactive  active  ref",
                    "Linux: the page's list (anonymous and file pages each have two); ref, PG_referenced: referenced on its last look, activated if referenced again by the next"
                ),
                (
                    "gen 5",
                    "MGLRU: the page's generation (the title gives the oldest and youngest kept); each aging promotes the pages used since to a new youngest"
                ),
                (
                    "ghost B1  A1out  G  shadow",
                    "below the frames: pages that left memory, named only (newest first); one that faults back while named is a ghost hit (ARC, 2Q, S3-FIFO) or a refault (Linux)"
                ),
                ("◀  hand", "where the clock hand points"),
                ("words", "the words the frame holds now"),
                ("load  used", "the clock tick when the page was loaded, and when it was last used"),
            ]
        ),
        (
            "Page table",
            [
                ("page", "virtual page number, in hexadecimal"),
                ("P", "present: the page is in a frame"),
                ("frame  swap", "the frame it is in, or the swap slot it was written to"),
                ("zero", "in the frame column: the page maps the one shared zero page (zero-page on), read-only, no frame of its own"),
                ("D  R  W", "dirty, referenced, writable (· read-only: a write traps to the kernel)"),
                (
                    "shared, W ·",
                    "write-notify (Linux): a clean shared file page is mapped read-only, so its first write traps and marks it dirty"
                ),
                ("share", "shared (one frame for every mapper), private, or cow (copy-on-write)"),
                ("backing", "what is behind the page: a file page, or anon"),
            ]
        ),
        (
            "TLB",
            [
                ("#  set", "entry, and its set in a set-associative TLB"),
                ("asid", "the address space (process) the translation belongs to"),
                (
                    "asids N",
                    "ids per CPU are limited (Linux x86: 6 PCIDs): a process without one takes the next in turn, flushing its owner's entries"
                ),
                ("page  frame", "the cached translation: virtual page → frame"),
                ("W  D", "the entry allows writes; the page was written through this entry"),
                ("state", "valid, invalid, or the next victim of the TLB's own replacement"),
                ("STALE  frame!", "several CPUs: the page left that frame and no shootdown reached this CPU yet"),
                ("CPU N (runs P)", "several CPUs: one TLB each, side by side; where they do not fit, t shows the next"),
            ]
        ),
        (
            "Processes, files, swap",
            [
                ("◀", "the process that ran the step shown"),
                ("cpu", "several CPUs: the CPU the process runs on now"),
                ("next", "the operation the process runs next"),
                ("TLB h/m", "TLB hits / misses of that process"),
                ("frames", "frames held / allotted (local allocation)"),
                ("pg  on disk", "page of the file, and its words on disk"),
                ("cache", "the frame caching that page; (dirty): not yet on disk (under Linux write-back, even after every close)"),
                ("lock  ver", "who holds the page's write lock; the file's current version"),
                (
                    "order",
                    "the order private copies will be written back (opening or seeded random order); (draw N): the opener's random draw, lowest first"
                ),
                ("slot  owners", "swap slot, and the processes and pages whose contents it keeps"),
            ]
        ),
        (
            "Counters",
            [
                ("faults N (M maj)", "page faults, M of them major (read from disk or swap)"),
                ("TLB Nh/Mm", "TLB hits and misses"),
                ("disk Nr/Mw", "disk reads and writes"),
                ("evict  swap", "evictions; pages swapped in / out"),
                ("lost  confl  waits", "lost updates; merge conflicts; lock and close waits"),
                ("IPIs  stale", "several CPUs: shootdown interrupts sent; uses of a stale TLB entry"),
            ]
        ),
        (
            "Marks and colours",
            [
                ("highlighted row", "changed by the step (or, with ., the event) shown"),
                ("red", "something lost: a lost update, a merge conflict, a killed process"),
                ("magenta", "faults and evictions"),
                ("bright border", "the focused pane: j k scroll it"),
                (
                    "the mouse",
                    "a click focuses a pane, and on a row opens the inspector there; the wheel scrolls (Shift-drag selects text)"
                ),
                ("↓ N more  N above", "rows hidden below or above: focus the pane with [ ] and scroll"),
                ("a pane on one line", "it has nothing to show now (no entries, all invalid, empty)"),
                ("▶ in the header", "running by itself; + and - change the speed"),
                ("dim steps in the events", "the steps before the one shown, oldest first: what led here (focus the pane, k scrolls up)"),
            ]
        ),
    ]
}
