import Foundation
import Interactive
import Recording

/// A recording as an asciinema cast (format version 2): a header line, then each screen the
/// session showed, drawn by the interface's own renderer at the time it was recorded, so the
/// walkthrough plays in asciinema's player as it looked live. The same recording and size give
/// the same bytes.
public enum CastExport {
    struct Header: Encodable {
        var version = 2
        var width, height: Int
        var title: String
    }

    struct Frame: Encodable {
        var time: Double
        var data: String

        func encode(to encoder: any Encoder) throws {
            var fields = encoder.unkeyedContainer()
            try fields.encode(time)
            try fields.encode("o")
            try fields.encode(data)
        }
    }

    public static func cast(_ replay: Replay, width: Int, height: Int) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func line(_ value: some Encodable) -> String { String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self) }
        var lines = [line(Header(width: width, height: height, title: "Lookaside · \(replay.scenario.title)"))]
        var last = ""
        var time = 0.0
        replay.replaying { recorded, session in
            // Times in milliseconds, never going back (a replay file's times only grow, but be sure).
            time = max(time, ((recorded?.time ?? 0) * 1000).rounded() / 1000)
            let screen = GridExport.ansi(Screen.render(session, width: width, height: height))
            guard screen != last else { return }
            lines.append(line(Frame(time: time, data: (last.isEmpty ? "\u{1b}[2J" : "") + screen)))
            last = screen
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
