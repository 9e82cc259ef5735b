import Foundation
import Testing

/// The built `lookaside` binary, found beside the test bundle (SwiftPM puts products together).
func lookasideBinary() throws -> URL {
    var candidates: [URL] = []
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        candidates.append(directory.appendingPathComponent("lookaside"))
        directory.deleteLastPathComponent()
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(root.appendingPathComponent(".build/debug/lookaside"))
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
        throw CommandError("the lookaside binary was not found (looked in \(candidates.map(\.path))); run 'swift build' first")
    }
    return found
}

struct CommandError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

struct CommandResult {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// Runs lookaside with arguments and optional standard input; kills it if it runs past `timeout` seconds.
func lookaside(_ arguments: [String], input: String? = nil, timeout: TimeInterval = 60) throws -> CommandResult {
    let process = Process()
    process.executableURL = try lookasideBinary()
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: NSTemporaryDirectory())
    let out = Pipe(), err = Pipe(), inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
    try inPipe.fileHandleForWriting.close()
    // Read both pipes while the process runs, so a large output cannot fill a pipe and stall it.
    nonisolated(unsafe) var outData = Data(), errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        outData = out.fileHandleForReading.readDataToEndOfFile(); group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave()
    }
    if group.wait(timeout: .now() + timeout) == .timedOut {
        process.terminate()
        throw CommandError("lookaside \(arguments.joined(separator: " ")) did not finish in \(Int(timeout)) s")
    }
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
        standardError: String(decoding: errData, as: UTF8.self))
}

let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The exit status of each kind of failure, as README's "Exit status" documents them.
enum ExitStatus {
    static let lessonChecksFailed: Int32 = 2
    static let diverged: Int32 = 3
    static let usage: Int32 = 64
    static let invalid: Int32 = 65
    static let unreadable: Int32 = 66
    static let unavailable: Int32 = 69
    static let output: Int32 = 73
}
