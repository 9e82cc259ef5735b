public struct Prompt: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case jumpToStep
        case runUntilEvent
    }

    public var kind: Kind
    public var text = ""

    public var label: String {
        switch kind {
        case .jumpToStep: "Jump to step: "
        case .runUntilEvent: "Run until an event, or find text: "
        }
    }
}
