extension Scenario {
    /// Applies `key=value` settings (`replacement=lru`, `frames=4`, `write=through`, `tlb=8 ways 2`)
    /// on top of the scenario's own, with the same words and checks as the scenario language.
    public func overriding(_ settings: [String]) throws(DiagnosticList) -> Scenario {
        guard !settings.isEmpty else { return self }
        var copy = self
        // A `schedule` setting replaces the file's own schedule line (nil: no such setting;
        // .some(nil): a schedule that is not an order).
        var schedule: (names: [Token], line: Int)??
        for setting in settings {
            guard let equals = setting.firstIndex(of: "="), equals != setting.startIndex else {
                throw DiagnosticList([
                    Diagnostic(
                        path: "--set", line: 1, column: 1, message: "expected KEY=VALUE (e.g. replacement=lru), found '\(setting)'",
                        sourceLine: setting)
                ])
            }
            let key = setting[..<equals]
            let value = setting[setting.index(after: equals)...]
            let allowed = Directive.names
            guard allowed.contains(String(key)) else {
                let hint =
                    suggestion(for: String(key), in: allowed).map { "; did you mean '\($0)'?" } ?? "; expected one of \(oneOf(allowed))"
                throw DiagnosticList([
                    Diagnostic(
                        path: "--set", line: 1, column: 1, message: "cannot set '\(key)'\(hint)", sourceLine: setting, length: key.count)
                ])
            }
            // The setting is read as the directive line `key value`, starting from the current configuration.
            var parser = Parser(path: "--set", text: "\(key) \(value)")
            parser.configuration = copy.configuration
            parser.readDirective(Token.split(parser.lines[0]), 1)
            if key == "schedule" { schedule = .some(parser.schedule.map { ($0.names, $0.line) }) }
            // Names in a schedule are checked here, so a wrong one is pointed at in the setting.
            for token in parser.schedule?.names ?? [] {
                guard let (name, _) = parser.scheduleEntry(token, 1) else { continue }
                if !processes.contains(where: { $0.name == name.text }) { parser.error(1, name, "no process is named '\(name.text)'") }
            }
            for problem in parser.configuration.problems { parser.error(1, nil, problem) }
            // `key value` has the same columns as `key=value`, so the user's own text can be quoted.
            guard parser.diagnostics.isEmpty else {
                throw DiagnosticList(
                    parser.diagnostics.map {
                        var d = $0; d.sourceLine = setting; return d
                    })
            }
            copy.configuration = parser.configuration
        }
        guard copy.configuration != configuration || schedule != nil else { return copy }
        // The whole file is resolved again under the new configuration, so every check the
        // language makes (file words, addresses, words in expect lines) holds for what will run.
        var parser = Parser(path: path, text: source)
        parser.readLines()
        parser.configuration = copy.configuration
        if let schedule { parser.schedule = schedule.map { ("order", $0.names, $0.line) } }
        guard var resolved = parser.resolve(), parser.diagnostics.isEmpty else {
            throw DiagnosticList(parser.diagnostics.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        }
        resolved.overrides = overrides + settings
        return resolved
    }
}
