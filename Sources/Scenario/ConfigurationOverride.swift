import VMM

extension Scenario {
    /// Applies `key=value` settings (`replacement=lru`, `frames=4`, `write=through`, `tlb=8 ways 2`)
    /// on top of the scenario's own, with the same words and checks as the scenario language.
    public func overriding(_ settings: [String]) throws(DiagnosticList) -> Scenario {
        var copy = self
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
            if case .explicit = parser.configuration.scheduler, let schedule = parser.schedule {
                var order: [ProcessID] = []
                for name in schedule.names {
                    if let id = copy.processes.firstIndex(where: { $0.name == name.text }) {
                        order.append(id)
                    } else {
                        parser.error(1, name, "no process is named '\(name.text)'")
                    }
                }
                parser.configuration.scheduler = .explicit(order)
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
        if copy.configuration != configuration { copy.overrides = overrides + settings }
        return copy
    }
}
