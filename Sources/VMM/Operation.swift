/// How a file is mapped into a process.
public enum MappingMode: String, Hashable, Sendable {
    /// Changes go to the file (how, depends on the sharing policy).
    case shared
    /// Copy on write, never written back (POSIX MAP_PRIVATE).
    case `private`
}

/// One operation of a process's script.
public enum Operation: Hashable, Sendable {
    /// Open a file and map `pages` of it (nil: the whole file) at `address`.
    case map(file: FileID, address: VirtualAddress, pages: Int?, mode: MappingMode)
    /// Allocate `pages` of zero-filled anonymous memory at `address`.
    case alloc(address: VirtualAddress, pages: Int)
    case read(address: VirtualAddress)
    case write(address: VirtualAddress, value: Int)
    /// Write this process's changes to a file now (msync / fsync).
    case sync(file: FileID)
    /// Write the dirty pages of `pages` pages from `address` to their file (msync MS_SYNC).
    case msync(address: VirtualAddress, pages: Int)
    /// Write every dirty page-cache page of a file this process has open (fsync).
    case fsync(file: FileID)
    /// Write every dirty page-cache page of every file (sync).
    case syncAll
    /// Unmap and close a file.
    case close(file: FileID)
    /// Start `child`, which shares this process's pages copy-on-write.
    case fork(child: ProcessID)
    case exit

    /// The address a read or write touches.
    public var accessedAddress: VirtualAddress? {
        switch self {
        case .read(let address), .write(let address, _): address
        default: nil
        }
    }
}
