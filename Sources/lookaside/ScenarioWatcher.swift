import FoundationEssentials
import Glibc
import Scenario

/// `run FILE --watch`: notices when the scenario file changes (its size, modification time or
/// inode: an editor that saves by renaming makes a new one) and reads it again; opens $EDITOR on it.
final class ScenarioWatcher {
    let path: String
    let settings: [String]
    private var stamp: [Int]?
    private var lastLook = -Double.infinity

    init(path: String, settings: [String]) {
        self.path = path
        self.settings = settings
        stamp = Self.stamp(of: path)
    }

    static func stamp(of path: String) -> [Int]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec), Int(info.st_ino)]
    }

    /// The scenario again if the file changed since last seen (or `force`), else nil: the new
    /// version, or what is wrong with it. Looks at the file at most every 0.3 s.
    func poll(now: Double, force: Bool = false) -> Result<Scenario, Problems>? {
        guard force || now - lastLook >= 0.3 else { return nil }
        lastLook = now
        let current = Self.stamp(of: path)
        guard force || current != stamp else { return nil }
        stamp = current
        guard current != nil else {
            return .failure(Problems(lines: ["\(path): the file is gone; the session goes on with the last version"]))
        }
        do {
            return .success(try ScenarioLoader.load(path).overriding(settings))
        } catch let failure as ScenarioLoader.Failure {
            return .failure(Problems(lines: failure.description.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)))
        } catch {
            return .failure(Problems(lines: ["\(error)"]))
        }
    }

    struct Problems: Error {
        var lines: [String]
    }

    /// Runs $VISUAL, $EDITOR or vi on the file and waits for it; nil when it ran and exited
    /// cleanly, else why not (the session goes on either way). A variable of only blanks names
    /// no editor: the next is tried, so the scenario itself is never what is run.
    func edit() -> String? {
        let environment = ProcessInfo.processInfo.environment
        let command =
            [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.trimmingBlanks().isEmpty }
            ?? "vi"
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) + [path]
        let shown = command.trimmingBlanks().printable
        let arguments = words.map { strdup($0) } + [nil]
        defer { arguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, words[0], nil, nil, arguments, environ)
        guard spawned == 0 else { return "Cannot start the editor '\(shown)': \(String(cString: strerror(spawned))) (set EDITOR)." }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let signal = status & 0x7f, code = (status >> 8) & 0xff
        if signal != 0 { return "The editor '\(shown)' was killed by signal \(signal); the scenario is as it was saved." }
        // 127: the shell's and posix_spawn's word for a program that could not be run.
        if code == 127 { return "Cannot start the editor '\(shown)': no such program (set EDITOR)." }
        if code != 0 { return "The editor '\(shown)' exited with status \(code); the scenario is as it was saved." }
        return nil
    }
}
