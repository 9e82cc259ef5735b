import ArgumentParser
import Glibc

@main
struct Lookaside: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookaside",
        abstract: "See a virtual memory manager at work: TLB, page tables, frames, swap and files, step by step.",
        discussion: "With no subcommand, opens the bundled tour scenario.",
        version: LookasideVersion.string,
        subcommands: [
            RunCommand.self, PlayCommand.self, CompareCommand.self, ExerciseCommand.self, CheckCommand.self, ListCommand.self,
            SimCommand.self, TraceCommand.self, SnapshotCommand.self, ExportCommand.self,
        ],
        defaultSubcommand: RunCommand.self)

    /// Runs the command; every failure is rendered here, once.
    static func main() {
        RealKernelOutput.runHelperIfAsked()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let failure as CommandFailure {
            printError(failure.description)
            Glibc.exit(failure.exitStatus)
        } catch {
            // ArgumentParser's own messages quote what was typed: printed, like every message, so
            // nothing typed can act on the terminal. Help and --version go to standard output.
            let message = fullMessage(for: error)
            let code = exitCode(for: error)
            if code == .success {
                if !message.isEmpty { try? StandardOutput.line(message) }
            } else if !message.isEmpty {
                printError(message)
            }
            Glibc.exit(code.rawValue)
        }
    }
}

enum LookasideVersion {
    static let string = "0.1.0"
}
