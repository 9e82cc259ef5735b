import Interactive
import Recording

/// A recording played back for its pictures: the session as it stood after each recorded action,
/// first as it began, with the time it was shown (seconds, rounded to the millisecond, never going
/// back: a forged or clock-skewed recording still plays forwards).
public enum RecordedScreens {
    public static func forEach(_ replay: Replay, _ body: (_ time: Double, _ session: Session) throws -> Void) rethrows {
        var time = 0.0
        try replay.replaying { recorded, session in
            time = max(time, ((recorded?.time ?? 0) * 1000).rounded() / 1000)
            try body(time, session)
        }
    }
}
