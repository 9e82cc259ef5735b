/// The frames WSClock's hand must stop at: each whose referenced bit is set, that is clean, or
/// that holds a file page (which the sweep may write back). The hand jumps over the rest (dirty
/// pages with no file, not used since the hand last passed), which it would pass untouched, so
/// a memory full of such pages costs a sweep a few word reads instead of a look at every frame.
///
/// Derived from the frames (`InvariantChecker` holds the two together): equality and hashing
/// ignore it.
struct SweepStops: Hashable, Sendable {
    /// Kept under WSClock only.
    let isKept: Bool
    private(set) var frames: SlotBitmap

    init(frames: Int, kept: Bool) {
        isKept = kept
        self.frames = SlotBitmap(slots: kept ? frames : 0, full: false)
    }

    static func == (_: SweepStops, _: SweepStops) -> Bool { true }
    func hash(into hasher: inout Hasher) {}

    /// Whether the hand must stop at a frame in this state.
    static func isStop(_ state: Frame.Ranks) -> Bool {
        state.holdsData && (state.referenced || !state.dirty || state.holdsFilePage)
    }

    mutating func update(_ frame: FrameNumber, _ state: Frame.Ranks) {
        if isKept { frames.set(frame, Self.isStop(state)) }
    }

    /// The first stop at or after `frame`, going round: nil when there is none. Under local
    /// replacement, only the stops among `owned` (the process's frames: the others cannot be
    /// candidates, and the hand passes them untouched).
    func next(from frame: FrameNumber, owned: SlotBitmap? = nil) -> FrameNumber? {
        guard let owned else { return frames.first(atOrAfter: frame) ?? frames.first(atOrAfter: 0) }
        return frames.first(atOrAfter: frame, alsoIn: owned) ?? frames.first(atOrAfter: 0, alsoIn: owned)
    }
}
