import CFNModel

/// Why a template could not be split: nothing is written when this is thrown.
public struct SplitError: Error, Sendable, CustomStringConvertible {
    /// The input's path.
    public var file: String
    /// What went wrong, in plain words.
    public var message: String

    /// Creates an error.
    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    /// `file: message`.
    public var description: String { "\(file): \(message)" }
}
