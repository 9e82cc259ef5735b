import ArgumentParser

/// What the exporting commands share: a screen size given as WIDTHxHEIGHT.
enum ExportOutput {
    static func screenSize(_ text: String) throws -> (width: Int, height: Int) {
        let parts = text.lowercased().split(separator: "x").map { Int($0) }
        guard parts.count == 2, let width = parts[0], let height = parts[1], (80...500).contains(width), (24...200).contains(height) else {
            throw ValidationError("--size takes WIDTHxHEIGHT from 80x24 to 500x200, not '\(text)'")
        }
        return (width, height)
    }
}
