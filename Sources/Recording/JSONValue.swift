import FoundationEssentials

/// One JSON value as a replay file spells it, decoded by `JSONDecoder` so the rules can name
/// what they found ("found true", "found a list"). A number is a whole number when it has no
/// fractional part (as JSON Schema's "integer": 1 and 1.0 alike); a whole number beyond
/// `Int64.max` stays exact as `.unsigned`.
enum JSONValue: Decodable, Equatable, Sendable {
    case null
    case boolean(Bool)
    case integer(Int64)
    case unsigned(UInt64)
    case fraction(Double)
    case text(String)
    case list([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Booleans before numbers: JSON keeps them apart, and so must the messages.
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .boolean(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(UInt64.self) {
            self = .unsigned(value)
        } else if let value = try? container.decode(Double.self) {
            self = .fraction(value)
        } else if let value = try? container.decode(String.self) {
            self = .text(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .list(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// A line's fields when it is a JSON object, else nil.
    static func fields(of line: [UInt8]) -> [String: JSONValue]? {
        guard case let .object(fields)? = try? JSONDecoder().decode(JSONValue.self, from: Data(line)) else { return nil }
        return fields
    }

    /// The value as a number of any kind.
    var number: Double? {
        switch self {
        case let .integer(value): Double(value)
        case let .unsigned(value): Double(value)
        case let .fraction(value): value
        default: nil
        }
    }

    var isText: Bool { if case .text = self { true } else { false } }

    /// The value as it is spelled, for messages.
    var spelled: String {
        switch self {
        case .null: "null"
        case let .boolean(value): value ? "true" : "false"
        case let .integer(value): "\(value)"
        case let .unsigned(value): "\(value)"
        case let .fraction(value): "\(value)"
        case let .text(value): "\"\(value)\""
        case .list: "a list"
        case .object: "an object"
        }
    }
}
