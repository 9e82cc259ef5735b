import FoundationEssentials
import Interactive

/// The records of a `.lkr` replay file, one JSON object per line (docs/replay-format.md).
public enum ReplayFormat {
    public static let name = "lookaside-replay"
    public static let version = 1
    /// The largest replay file read: a scenario's 16 MiB and room for hours of actions.
    public static let maximumBytes = 64 << 20

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// One record as a line of JSON, newline included.
    public static func line(_ record: some Encodable) -> String {
        let data = (try? encoder.encode(record)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// The first line: everything needed to rebuild the recorded simulation, so a file stands alone.
public struct ReplayHeader: Codable, Hashable, Sendable {
    public var type = "header"
    public var format = ReplayFormat.name
    public var version = ReplayFormat.version
    /// The version of Lookaside that recorded it.
    public var program: String
    public var scenarioPath: String
    /// The scenario's full text.
    public var scenarioSource: String
    public var seed: UInt64
    /// `--set` overrides in force.
    public var settings: [String]
    /// When the recording started (ISO 8601), for people; replay does not use it.
    public var recordedAt: String?

    public init(program: String, scenarioPath: String, scenarioSource: String, seed: UInt64, settings: [String], recordedAt: String?) {
        self.program = program
        self.scenarioPath = scenarioPath
        self.scenarioSource = scenarioSource
        self.seed = seed
        self.settings = settings
        self.recordedAt = recordedAt
    }
}

/// A user action that moved the simulation, and where it left it.
public struct RecordedAction: Codable, Hashable, Sendable {
    public var type = "action"
    /// Seconds since the recording started.
    public var time: Double
    /// step-forward, step-back, event-forward, event-back, toggle-run, advance, to-start, to-end, jump, run-until.
    public var action: String
    /// For advance: how many steps were due. For answer: the choice (from 0; -1 skipped).
    public var count: Int?
    /// For jump: the step asked for.
    public var target: Int?
    /// For run-until: the event kinds, and (in `label`) the name the user gave them.
    /// For answer: `label` is "right" or "wrong".
    public var kinds: [String]?
    public var label: String?
    /// The step the simulation was at afterwards.
    public var step: Int
    /// How many of that step's events were shown, when they were being revealed one by one.
    public var revealed: Int?

    public init(
        time: Double, action: String, count: Int? = nil, target: Int? = nil, kinds: [String]? = nil, label: String? = nil, step: Int,
        revealed: Int? = nil
    ) {
        self.time = time
        self.action = action
        self.count = count
        self.target = target
        self.kinds = kinds
        self.label = label
        self.step = step
        self.revealed = revealed
    }

    /// Every action a replay file may name: the plain ones, and those that carry a number, kinds or text.
    public static let names =
        Action.plainRecords.map(\.name) + ["advance", "jump", "run-until", "answer", "scroll", "search", "focus-pane", "reveal"]
}

/// The digest of the events of one step, written the first time the step is run.
public struct StepDigestRecord: Codable, Hashable, Sendable {
    public var type = "step"
    public var step: Int
    public var digest: String

    public init(step: Int, digest: String) {
        self.step = step
        self.digest = digest
    }
}

/// Written when the session ends normally; a file without it was cut short (and still replays).
public struct ReplayEnd: Codable, Hashable, Sendable {
    public var type = "end"
    public var time: Double
    public var step: Int

    public init(time: Double, step: Int) {
        self.time = time
        self.step = step
    }
}
