import CFNModel

/// One reason the transform refused a template: a resource (and maybe one of its events) that is
/// invalid, or a template whose structure is.
public struct SAMError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The SAM resource at fault, if the error is about one.
    public var logicalId: String?
    /// The event of that resource, if the error is about one of its `Events`.
    public var event: String?
    /// What is wrong, in words a person can act on.
    public var message: String
    /// Where in the SAM source (the resource, event or property at fault).
    public var range: SourceRange

    /// An error about a resource (`logicalId`), one of its events (`event`), or the template (neither).
    public init(_ message: String, logicalId: String? = nil, event: String? = nil, range: SourceRange = .unknown) {
        self.message = message
        self.logicalId = logicalId
        self.event = event
        self.range = range
    }

    /// `[LogicalId] Event with id [Event] is invalid. message`, as aws-sam-translator words it
    /// (without its "Resource with id ... is invalid" preamble).
    public var description: String {
        var text = ""
        if let logicalId { text += "[\(logicalId)] " }
        if let event { text += "Event with id [\(event)] is invalid. " }
        return text + message
    }
}

/// Every error the transform found in a template (it goes on past the first).
public struct SAMErrors: Error, Sendable, CustomStringConvertible {
    /// The errors, in the order of the resources they are about.
    public var errors: [SAMError]

    /// The errors.
    public init(_ errors: [SAMError]) { self.errors = errors }

    /// One line per error.
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
