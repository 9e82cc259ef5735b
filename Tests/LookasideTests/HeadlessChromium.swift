import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A real browser for the export tests: headless Chromium driven over the DevTools protocol on a
/// pipe (`--remote-debugging-pipe`: JSON messages ending in a NUL byte, read from the browser's
/// fd 3 and written to its fd 4), so no port is opened and nothing else is needed. One page is
/// opened; every network request it makes is kept, so a test can say nothing left the machine.
final class HeadlessChromium {
    /// The browser to use: LOOKASIDE_CHROMIUM, else the first of Debian's names on PATH.
    static var executable: String? {
        if let chosen = ProcessInfo.processInfo.environment["LOOKASIDE_CHROMIUM"], !chosen.isEmpty { return chosen }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for directory in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") {
                return "\(directory)/\(name)"
            }
        }
        return nil
    }

    /// Whether the browser tests run: when a browser is here, or when CI demands one (then a
    /// missing browser fails the test rather than skipping it).
    static var available: Bool { executable != nil || required }
    static var required: Bool { ProcessInfo.processInfo.environment["LOOKASIDE_REQUIRE_VIEWERS"] == "1" }

    struct ProtocolError: Error, CustomStringConvertible {
        var description: String
    }

    private let pid: pid_t
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private let profile: String
    private var buffer: [UInt8] = []
    private var nextID = 0
    private var session = ""
    /// The events that arrived while waiting for answers, oldest first.
    private(set) var events: [[String: Any]] = []

    /// Starts the browser and opens one blank page of `width` by `height` CSS pixels.
    init(width: Int = 1280, height: Int = 900) throws {
        guard let executable = Self.executable else {
            throw ProtocolError(
                description: "no Chromium found: install Debian's chromium package (.ci/run does) or set LOOKASIDE_CHROMIUM")
        }
        profile = NSTemporaryDirectory() + "lookaside-chromium-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // Two pipes, their ends kept above the descriptors the child is given, closed on exec here.
        var down: [Int32] = [0, 0], up: [Int32] = [0, 0]
        guard pipe(&down) == 0, pipe(&up) == 0 else { throw ProtocolError(description: "pipe failed") }
        for descriptor in down + up { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, down[0], 3)
        posix_spawn_file_actions_adddup2(&actions, up[1], 4)
        let arguments = [
            executable, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-pipe", "--user-data-dir=\(profile)",
            "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--mute-audio", "--window-size=\(width),\(height)",
            "about:blank",
        ]
        var argv = arguments.map { strdup($0) }
        argv.append(nil)
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, executable, &actions, nil, argv, environ)
        Glibc.close(down[0])
        Glibc.close(up[1])
        guard status == 0 else {
            Glibc.close(down[1])
            Glibc.close(up[0])
            throw ProtocolError(description: "could not start \(executable): \(String(cString: strerror(status)))")
        }
        pid = child
        toBrowser = down[1]
        fromBrowser = up[0]
        do {
            let target = try call("Target.createTarget", ["url": "about:blank"])
            let targetID = try #require(target["targetId"] as? String)
            let attached = try call("Target.attachToTarget", ["targetId": targetID, "flatten": true])
            session = try #require(attached["sessionId"] as? String)
            _ = try call("Page.enable")
            _ = try call("Network.enable")
            _ = try call("Runtime.enable")
            _ = try call(
                "Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": false])
            _ = try call("Emulation.setFocusEmulationEnabled", ["enabled": true])
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    private var closed = false
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? send("Browser.close", [:], session: nil)
        Glibc.close(toBrowser)
        Glibc.close(fromBrowser)
        // Give it a moment to leave by itself, then make sure.
        var status: Int32 = 0
        for _ in 0..<50 {
            if waitpid(pid, &status, WNOHANG) == pid { break }
            usleep(20_000)
        }
        if waitpid(pid, &status, WNOHANG) == 0 {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        try? FileManager.default.removeItem(atPath: profile)
    }

    @discardableResult
    private func send(_ method: String, _ parameters: [String: Any], session: String?) throws -> Int {
        nextID += 1
        var message: [String: Any] = ["id": nextID, "method": method, "params": parameters]
        if let session { message["sessionId"] = session }
        var bytes = [UInt8](try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(toBrowser, $0.baseAddress, $0.count) }
            guard count > 0 else { throw ProtocolError(description: "the browser closed its pipe while sending \(method)") }
            written += count
        }
        return nextID
    }

    /// The next whole message, waiting at most until `deadline`.
    private func receive(until deadline: Date) throws -> [String: Any] {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let message = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                guard let object = try JSONSerialization.jsonObject(with: Data(message)) as? [String: Any] else {
                    throw ProtocolError(description: "the browser sent something that is not a JSON object")
                }
                return object
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw ProtocolError(description: "the browser did not answer in time") }
            var poller = pollfd(fd: fromBrowser, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(left, 1) * 1000) + 1) >= 0 else { continue }
            guard poller.revents != 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = chunk.withUnsafeMutableBytes { read(fromBrowser, $0.baseAddress, $0.count) }
            guard count > 0 else { throw ProtocolError(description: "the browser closed its pipe") }
            buffer.append(contentsOf: chunk[..<count])
        }
    }

    /// Calls a method on the page (or, with `browser`, on the browser) and returns its result.
    @discardableResult
    func call(_ method: String, _ parameters: [String: Any] = [:], timeout: TimeInterval = 30) throws -> [String: Any] {
        let id = try send(method, parameters, session: session.isEmpty ? nil : session)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let message = try receive(until: deadline)
            if message["id"] as? Int == id {
                if let error = message["error"] as? [String: Any] {
                    throw ProtocolError(description: "\(method) failed: \(error["message"] ?? error)")
                }
                return message["result"] as? [String: Any] ?? [:]
            }
            if message["method"] != nil { events.append(message) }
        }
    }

    /// Waits for an event of this name that came after `count` events had arrived.
    func waitForEvent(_ name: String, after count: Int, timeout: TimeInterval = 30) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !events.dropFirst(count).contains(where: { $0["method"] as? String == name }) {
            let message = try receive(until: deadline)
            if message["method"] != nil { events.append(message) }
        }
    }

    /// Opens a URL in the page and waits until it has loaded.
    func open(_ url: URL) throws {
        let before = events.count
        let result = try call("Page.navigate", ["url": url.absoluteString])
        if let failure = result["errorText"] as? String { throw ProtocolError(description: "\(url) did not open: \(failure)") }
        try waitForEvent("Page.loadEventFired", after: before)
    }

    /// The value of a script expression in the page (JSON-like: strings, numbers, arrays, objects).
    func evaluate(_ expression: String) throws -> Any? {
        let result = try call("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] as? [String: Any] {
            throw ProtocolError(description: "the page's script failed on \(expression): \(exception["text"] ?? exception)")
        }
        return (result["result"] as? [String: Any])?["value"]
    }

    /// Presses and releases a key as a person would, delivered to the page's focused element.
    func press(_ key: String, code: String, keyCode: Int) throws {
        for type in ["rawKeyDown", "keyUp"] {
            try call(
                "Input.dispatchKeyEvent",
                ["type": type, "key": key, "code": code, "windowsVirtualKeyCode": keyCode, "nativeVirtualKeyCode": keyCode])
        }
    }

    /// Clicks the middle of the first element the CSS selector finds, with the mouse.
    func click(_ selector: String) throws {
        let box = try #require(
            try evaluate(
                "(function(){var r=document.querySelector(\(try quoted(selector))).getBoundingClientRect();return [r.x+r.width/2,r.y+r.height/2];})()"
            ) as? [Double])
        for type in ["mousePressed", "mouseReleased"] {
            try call("Input.dispatchMouseEvent", ["type": type, "x": box[0], "y": box[1], "button": "left", "clickCount": 1])
        }
    }

    /// A PNG picture of the page as it is drawn now.
    func screenshot() throws -> Data {
        let result = try call("Page.captureScreenshot", ["format": "png"])
        return try #require((result["data"] as? String).flatMap { Data(base64Encoded: $0) })
    }

    /// Every URL the page asked for, in order.
    var requestedURLs: [String] {
        events.filter { $0["method"] as? String == "Network.requestWillBeSent" }.compactMap {
            (($0["params"] as? [String: Any])?["request"] as? [String: Any])?["url"] as? String
        }
    }

    /// A string as a script literal.
    func quoted(_ text: String) throws -> String { String(decoding: try JSONEncoder().encode(text), as: UTF8.self) }
}
