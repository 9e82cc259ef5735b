/// Why a real-kernel run could not start or go on, in words that say what to change.
public enum RealKernelError: Error, CustomStringConvertible, Sendable {
    /// The scenario asks for something the real machine cannot do, or more than the limits allow.
    case unsupported(String)
    /// The system refused something the run needs (a scratch directory, a helper, /proc).
    case system(String)
    /// A helper did not answer in time, died, or answered with an error.
    case helper(process: String, String)

    public var description: String {
        switch self {
        case .unsupported(let text): "--real-kernel cannot run this scenario: \(text)"
        case .system(let text): "--real-kernel: \(text)"
        case let .helper(process, text): "--real-kernel: the helper running \(process) \(text); every helper was stopped"
        }
    }
}
