/// A recording that cannot be started: the message names the file and why.
public struct RecordingError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
