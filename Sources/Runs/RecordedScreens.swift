import Interactive
import Recording

/// What is shown a recording's screens in turn, and told when they end (an export being written).
public protocol ScreenObserver {
    /// The session as it stood after a recorded action, first as it began, at `time` seconds.
    mutating func show(_ session: Session, at time: Double) throws
    /// The recording has ended.
    func finish() throws
}

/// A recording played back for its pictures: the session as it stood after each recorded action,
/// first as it began, with the time it was shown (seconds, rounded to the millisecond, never going
/// back: a forged or clock-skewed recording still plays forwards).
public enum RecordedScreens {
    public static func play(_ replay: Replay, to observer: inout some ScreenObserver) throws {
        var time = 0.0
        try replay.replaying { recorded, session in
            time = max(time, ((recorded?.time ?? 0) * 1000).rounded() / 1000)
            try observer.show(session, at: time)
        }
        try observer.finish()
    }
}
