import VMM

/// The second pass: names become ids, and each script is walked with the mappings it would
/// have at each point, so an address outside every mapping or a close of a file never opened
/// is reported where it is written rather than discovered at run time.
extension Parser {
    /// The largest address a scenario may use: 48 bits, as x86-64 and ARMv8 user space have.
    static let largestAddress = (1 << 48) - 1

    mutating func resolve() -> Scenario? {
        checkSettingsAndProcesses()
        let (fileIDs, fileSpecs) = resolveFiles()
        let (processIDs, scripts, origins) = resolveScripts(fileIDs: fileIDs)
        analyzeMappings(scripts: scripts, origins: origins, files: fileSpecs)
        resolveSchedule(processIDs: processIDs)
        let checks = expectations.compactMap {
            readExpectation($0.tokens, $0.line, fileIDs: fileIDs, fileSpecs: fileSpecs, processIDs: processIDs)
        }
        guard diagnostics.isEmpty else { return nil }
        let specs = processes.enumerated().map {
            ProcessSpec(name: $0.element.name.text, script: scripts[$0.offset], startsRunning: !$0.element.forked)
        }
        let fallbackTitle = path.split(separator: "/").last.map(String.init) ?? path
        return Scenario(
            path: path, source: lines.joined(separator: "\n"), title: title ?? fallbackTitle, description: description, watch: watch,
            configuration: configuration, files: fileSpecs, processes: specs, expectations: checks)
    }

    /// What spans two lines of settings, and a scenario with no process that can start.
    mutating func checkSettingsAndProcesses() {
        // Most settings are checked where they are read; what remains spans two lines.
        if configuration.pageSize % configuration.wordsPerPage != 0 {
            let line = configurationLines["words"] ?? configurationLines["page-size"] ?? 1
            error(line, nil, "page size \(configuration.pageSize) is not a multiple of \(configuration.wordsPerPage) words")
        } else if diagnostics.isEmpty {
            // Whatever else the engine would refuse (levels and offset past 63 bits): said here, at
            // the directive it comes from, rather than found when the machine is built.
            for problem in configuration.problems {
                let directive =
                    problem.contains("level")
                    ? "page-table" : problem.contains("TLB") ? "tlb" : problem.contains("quantum") ? "schedule" : "replacement"
                error(configurationLines[directive] ?? configurationLines["page-size"] ?? 1, nil, problem)
            }
        }
        if processes.isEmpty {
            let line = max(1, lines.lastIndex { !$0.trimmingBlanks().isEmpty }.map { $0 + 1 } ?? 1)
            error(line, nil, "a scenario needs at least one process: add 'process NAME' followed by its operations")
        } else if processes.allSatisfy(\.forked) {
            error(processes[0].line, processes[0].name, "every process is 'forked', so none can start; at least one must start on its own")
        }
    }

    /// Each file's pages, as many words as a page holds; its id in order of declaration.
    mutating func resolveFiles() -> ([String: FileID], [FileSpec]) {
        var fileIDs: [String: FileID] = [:]
        var fileSpecs: [FileSpec] = []
        for raw in files {
            var pages: [[Int]] = []
            for (pageIndex, words) in raw.pages.enumerated() {
                guard let words else { pages.append(Array(repeating: 0, count: configuration.wordsPerPage)); continue }
                if words.count > configuration.wordsPerPage {
                    error(
                        raw.line, words[configuration.wordsPerPage],
                        "page \(pageIndex) of \(raw.name.text) has \(words.count) words, but a page holds \(configuration.wordsPerPage) (set with 'words')"
                    )
                }
                var values = words.prefix(configuration.wordsPerPage).compactMap {
                    number($0, raw.line, "word value", -(1 << 53)...(1 << 53))
                }
                values += Array(repeating: 0, count: configuration.wordsPerPage - values.count)
                pages.append(values)
            }
            fileIDs[raw.name.text] = fileSpecs.count
            fileSpecs.append(FileSpec(name: raw.name.text, pages: pages))
        }
        return (fileIDs, fileSpecs)
    }

    /// Each process's operations with names made ids, and the line and token each came from.
    mutating func resolveScripts(
        fileIDs: [String: FileID]
    ) -> ([String: ProcessID], [[Operation]], [[(line: Int, subject: Token)]]) {
        var processIDs: [String: ProcessID] = [:]
        for (index, raw) in processes.enumerated() where processIDs[raw.name.text] == nil { processIDs[raw.name.text] = index }
        var scripts: [[Operation]] = []
        var origins: [[(line: Int, subject: Token)]] = []
        for raw in processes {
            var script: [Operation] = []
            var origin: [(Int, Token)] = []
            for operation in raw.operations {
                let resolved = resolveOperation(operation, in: raw, fileIDs: fileIDs, processIDs: processIDs)
                script += resolved.map(\.0)
                origin += resolved.map { (operation.line, $0.1) }
            }
            scripts.append(script)
            origins.append(origin)
        }
        return (processIDs, scripts, origins)
    }

    /// `schedule NAME NAME@cpu1 ...`: the explicit order of turns.
    mutating func resolveSchedule(processIDs: [String: ProcessID]) {
        if let schedule {
            var order: [ScheduledTurn] = []
            for token in schedule.names {
                guard let (name, cpu) = scheduleEntry(token, schedule.line) else { continue }
                if let id = processIDs[name.text] {
                    order.append(ScheduledTurn(process: id, cpu: cpu))
                } else {
                    unknownProcess(name, schedule.line, processIDs)
                }
            }
            configuration.scheduler = .explicit(order)
        }
    }

    /// `NAME` or `NAME@cpuN`: a process's turn, on the CPU it names; nil (with an error) for a CPU
    /// that is not one.
    mutating func scheduleEntry(_ token: Token, _ line: Int) -> (name: Token, cpu: Int?)? {
        guard let at = token.text.firstIndex(of: "@") else { return (token, nil) }
        let name = Token(text: String(token.text[..<at]), column: token.column)
        let spelled = token.text[token.text.index(after: at)...]
        let cpus = configuration.cpus
        guard spelled.lowercased().hasPrefix("cpu"), let cpu = Int(spelled.dropFirst(3)), (0..<cpus).contains(cpu) else {
            let place = Token(text: String(spelled), column: token.column + name.text.count + 1)
            error(
                line, place,
                "expected a CPU after '@', cpu0\(cpus == 1 ? " (there is 1 CPU; 'cpus N' gives more)" : " to cpu\(cpus - 1)"), found '\(spelled)'"
            )
            return nil
        }
        return (name, cpu)
    }

    mutating func unknownProcess(_ name: Token, _ line: Int, _ processIDs: [String: ProcessID]) {
        let names = processes.map(\.name.text)
        let hint = suggestion(for: name.text, in: names).map { "; did you mean '\($0)'?" } ?? "; the processes are \(oneOf(names))"
        error(line, name, "no process is named '\(name.text)'\(hint)")
    }

    mutating func fileID(_ name: Token, _ line: Int, _ fileIDs: [String: FileID]) -> FileID? {
        if let id = fileIDs[name.text] { return id }
        let names = files.map(\.name.text)
        let hint =
            names.isEmpty
            ? "; declare it with 'file \(name.text) pages N'"
            : suggestion(for: name.text, in: names).map { "; did you mean '\($0)'?" } ?? "; the files are \(oneOf(names))"
        error(line, name, "no file is named '\(name.text)'\(hint)")
        return nil
    }

    mutating func resolveOperation(_ raw: RawOperation, in process: RawProcess, fileIDs: [String: FileID], processIDs: [String: ProcessID])
        -> [(Operation, Token)]
    {
        switch raw.kind {
        case let .map(file, address, pages, mode):
            guard let id = fileID(file, raw.line, fileIDs) else { return [] }
            return [(.map(file: id, address: address, pages: pages, mode: mode), raw.subject)]
        case let .alloc(address, pages): return [(.alloc(address: address, pages: pages), raw.subject)]
        case let .read(address): return [(.read(address: address), raw.subject)]
        case let .write(address, value): return [(.write(address: address, value: value), raw.subject)]
        case .refs(let pages):
            // A page number is only an address once multiplied by the page size: it must still fit.
            return pages.compactMap { page, token in
                let (address, overflow) = page.multipliedReportingOverflow(by: configuration.pageSize)
                guard !overflow, address <= Self.largestAddress else {
                    error(
                        raw.line, token,
                        "page \(page) of \(configuration.pageSize)-byte pages is beyond the largest address, \(hex(Self.largestAddress))")
                    return nil
                }
                return (.read(address: address), token)
            }
        case .sync(let file):
            guard let id = fileID(file, raw.line, fileIDs) else { return [] }
            return [(.sync(file: id), raw.subject)]
        case .close(let file):
            guard let id = fileID(file, raw.line, fileIDs) else { return [] }
            return [(.close(file: id), raw.subject)]
        case .fsync(let file):
            guard let id = fileID(file, raw.line, fileIDs) else { return [] }
            return [(.fsync(file: id), raw.subject)]
        case let .msync(address, pages): return [(.msync(address: address, pages: pages), raw.subject)]
        case .syncAll: return [(.syncAll, raw.subject)]
        case .fork(let child):
            guard let id = processIDs[child.text] else { unknownProcess(child, raw.line, processIDs); return [] }
            if child.text == process.name.text { error(raw.line, child, "a process cannot fork itself"); return [] }
            if !processes[id].forked {
                error(
                    raw.line, child,
                    "'\(child.text)' starts on its own; a forked child must be declared 'process \(child.text) forked' (line \(processes[id].line))"
                )
                return []
            }
            return [(.fork(child: id), raw.subject)]
        case .exit: return [(.exit, raw.subject)]
        }
    }

    struct Region {
        var first: VirtualPageNumber
        var count: Int
        var file: FileID?
        var line: Int
    }

    /// Walks every script with the mappings it would have, parents before the children they fork.
    mutating func analyzeMappings(scripts: [[Operation]], origins: [[(line: Int, subject: Token)]], files: [FileSpec]) {
        var start: [Int: [Region]] = [:]
        var forkedAt: [Int: Int] = [:]
        for index in processes.indices where !processes[index].forked { start[index] = [] }
        // Ready processes, lowest index first: a heap, so many processes cost n log n, not n².
        var ready = IndexHeap(start.keys)
        while let next = ready.popMinimum() {
            var regions = start[next]!
            var exited = false
            for (position, operation) in scripts[next].enumerated() {
                let (line, subject) = origins[next][position]
                if exited {
                    error(line, subject, "this is never run: \(processes[next].name.text) has already exited")
                    break
                }
                switch operation {
                case let .map(file, address, pages, _):
                    let count = max(1, pages ?? files[file].pages.count)
                    if let open = regions.first(where: { $0.file == file }) {
                        error(
                            line, subject,
                            "\(processes[next].name.text) already has \(files[file].name) mapped (line \(open.line)); close it first")
                    } else if let clash = overlapping(regions, address / configuration.pageSize, count) {
                        error(
                            line, subject,
                            "mapping \(files[file].name) at \(hex(address)) overlaps \(describe(clash, files)) mapped at line \(clash.line)"
                        )
                    } else {
                        regions.append(Region(first: address / configuration.pageSize, count: count, file: file, line: line))
                    }
                case let .alloc(address, pages):
                    if let clash = overlapping(regions, address / configuration.pageSize, pages) {
                        error(
                            line, subject, "allocating at \(hex(address)) overlaps \(describe(clash, files)) mapped at line \(clash.line)")
                    } else {
                        regions.append(Region(first: address / configuration.pageSize, count: pages, file: nil, line: line))
                    }
                case let .read(address), let .write(address, _):
                    checkAccess(to: address, line: line, subject: subject, by: next, in: regions, files: files)
                case let .msync(address, _):
                    checkAccess(to: address, line: line, subject: subject, by: next, in: regions, files: files)
                case .syncAll:
                    break
                case let .sync(file), let .close(file), let .fsync(file):
                    if let index = regions.firstIndex(where: { $0.file == file }) {
                        if case .close = operation { regions.remove(at: index) }
                    } else {
                        let verb = if case .close = operation { "closes" } else { "syncs" }
                        error(
                            line, subject, "\(processes[next].name.text) \(verb) \(files[file].name), which it has not mapped at this point"
                        )
                    }
                case let .fork(child):
                    if let first = forkedAt[child] {
                        error(line, subject, "\(processes[child].name.text) is already forked at line \(first); a process starts only once")
                    } else {
                        forkedAt[child] = line
                        start[child] = regions
                        ready.insert(child)
                    }
                case .exit:
                    exited = true
                }
            }
        }
        for index in processes.indices where processes[index].forked && forkedAt[index] == nil {
            error(
                processes[index].line, processes[index].name,
                "\(processes[index].name.text) is declared 'forked' but no process forks it, so it never runs")
        }
    }

    /// A read or write at `address`: it must fit the page table's address space and fall in a
    /// region the process has mapped at this point of its script.
    mutating func checkAccess(
        to address: VirtualAddress, line: Int, subject: Token, by next: Int, in regions: [Region], files: [FileSpec]
    ) {
        let page = address / configuration.pageSize
        if !configuration.pageTableLevels.isEmpty {
            let bits = configuration.pageTableLevels.reduce(0, +) + configuration.pageSize.trailingZeroBitCount
            if bits < 63, address >= 1 << bits {
                error(
                    line, subject,
                    "address \(hex(address)) does not fit the \(bits)-bit address space of the page table (\(configuration.pageTableLevels.map(String.init).joined(separator: "/"))/\(configuration.pageSize.trailingZeroBitCount))"
                )
                return
            }
        }
        if !regions.contains(where: { page >= $0.first && page < $0.first + $0.count }) {
            let mapped =
                regions.isEmpty
                ? "it has nothing mapped yet"
                : "it has "
                    + regions.map {
                        "\(hex($0.first * configuration.pageSize))–\(hex(($0.first + $0.count) * configuration.pageSize - 1)) (\($0.file.map { files[$0].name } ?? "anonymous"))"
                    }.joined(separator: ", ")
            error(
                line, subject,
                "address \(hex(address)) (page \(hex(page))) is outside every mapping of \(processes[next].name.text) at this point; \(mapped)"
            )
        }
    }

    func overlapping(_ regions: [Region], _ first: Int, _ count: Int) -> Region? {
        regions.first { $0.first < first + count && first < $0.first + $0.count }
    }

    func describe(_ region: Region, _ files: [FileSpec]) -> String {
        "\(region.file.map { files[$0].name } ?? "anonymous memory") (pages \(hex(region.first))–\(hex(region.first + region.count - 1)))"
    }
}
