#if canImport(Glibc)
    import Glibc
#endif
import VMM

/// The model's operation, done for real by its process's helper: only what the model did (a
/// refused map, a blocked write or close, is not sent), and as Linux does it.
extension RealKernelRun {
    /// Sends `operation` of `pid` to its helper if the model carried it out; the value a read returned.
    func perform(_ operation: Operation, by pid: ProcessID, before: Machine) throws(RealKernelError) -> Int? {
        let after = machine.processes[pid]
        if case .done(let reason) = after.state, reason != .exited {
            // Killed by the model (a segmentation fault, out of memory): the helper is stopped too.
            if let helper = helpers[pid]?.pid { stopCounting(helper) }
            helpers[pid]?.kill()
            helpers[pid] = nil
            return nil
        }
        let advanced = after.programCounter > before.processes[pid].programCounter || (operation == .exit && after.state.isDone)
        guard advanced, helpers[pid] != nil else { return nil }
        let c = machine.configuration
        switch operation {
        case let .map(file, address, pages, mode):
            guard after.mappings.count > before.processes[pid].mappings.count else { return nil }
            let length = (pages ?? scenario.files[file].pages.count) * c.pageSize
            _ = try helpers[pid]!.request(
                "map \(file) \(realPage(address / c.pageSize).dropFirst(2)) \(length) \(mode.rawValue) \(filePaths[file])")
        case let .alloc(address, pages):
            guard after.mappings.count > before.processes[pid].mappings.count else { return nil }
            _ = try helpers[pid]!.request("alloc \(realPage(address / c.pageSize).dropFirst(2)) \(pages * c.pageSize)")
        case .read(let address):
            let reply = try helpers[pid]!.request("read \(real(address).dropFirst(2))")
            return Int(reply.split(separator: " ").last ?? "")
        case let .write(address, value):
            _ = try helpers[pid]!.request("write \(real(address).dropFirst(2)) \(value)")
            // Linux has no write-through: a scenario that asks for it gets the nearest thing, an
            // msync of the page after each store to a shared file page.
            if c.writePolicy == .writeThrough,
                case .file(_, .shared)? = before.processes[pid].mapping(containing: address / c.pageSize)?.kind
            {
                _ = try helpers[pid]!.request("msync \(realPage(address / c.pageSize).dropFirst(2)) \(c.pageSize)")
            }
        case .sync(let file):
            // The textbook's `sync FILE` is an msync of the process's mapping of it.
            guard let mapping = before.processes[pid].mappings.first(where: { $0.kind.file == file }) else { return nil }
            _ = try helpers[pid]!.request("msync \(realPage(mapping.firstPage).dropFirst(2)) \(mapping.pageCount * c.pageSize)")
        case let .msync(address, pages):
            guard let mapping = before.processes[pid].mapping(containing: address / c.pageSize) else { return nil }
            let first = address / c.pageSize
            let count = min(pages, mapping.firstPage + mapping.pageCount - first)
            _ = try helpers[pid]!.request("msync \(realPage(first).dropFirst(2)) \(count * c.pageSize)")
        case .fsync(let file):
            guard before.processes[pid].mappingIndex(ofFile: file) != nil else { return nil }
            _ = try helpers[pid]!.request("fsync \(file)")
        case .syncAll:
            _ = try helpers[pid]!.request("sync")
        case .close(let file):
            guard before.processes[pid].mappingIndex(ofFile: file) != nil else { return nil }
            _ = try helpers[pid]!.request("close \(file)")
        case .fork(let child):
            guard before.processes[child].state == .notStarted, machine.processes[child].state == .ready else { return nil }
            try fork(pid, child: child)
        case .exit:
            _ = try helpers[pid]!.request("exit")
            stopCounting(helpers[pid]!.pid)
            helpers[pid]!.reap()
            helpers[pid] = nil
        }
        return nil
    }

    /// A real fork of the parent's helper; the child takes two FIFOs in the scratch directory as its channel.
    func fork(_ parent: ProcessID, child: ProcessID) throws(RealKernelError) {
        forks += 1
        let input = scratch.file("fork-\(forks).in"), output = scratch.file("fork-\(forks).out")
        guard mkfifo(input, 0o600) == 0, mkfifo(output, 0o600) == 0 else {
            throw .system("cannot make a forked helper's channel in \(scratch.path)")
        }
        let reply = try helpers[parent]!.request("fork \(input) \(output)")
        guard let pid = reply.split(separator: " ").last.flatMap({ pid_t($0) }) else {
            throw .helper(process: machine.name(parent), "answered the fork with '\(reply)'")
        }
        helpers[child] = try HelperChannel.forked(process: machine.name(child), pid: pid, input: input, output: output)
        startCounting(child)
    }
}
