/// A file as it is on disk before the simulation starts.
public struct FileSpec: Hashable, Sendable {
    public var name: String
    public var pages: [[Int]]

    public init(name: String, pages: [[Int]]) {
        self.name = name
        self.pages = pages
    }
}
