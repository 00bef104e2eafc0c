import CFNModel

/// Where a generated resource came from in the SAM source: the SAM resource, and the event or
/// property of it that made the resource.
public struct Origin: Sendable, Hashable {
    /// The logical id of the SAM resource (`GetUserFn`), or of the plain resource it is.
    public var logicalId: String
    /// That resource's type (`AWS::Serverless::Function`).
    public var type: String
    /// The event that made it (`GetUser` under `Events`), if one did.
    public var event: String?
    /// The property that made it (`AutoPublishAlias`, `DeploymentPreference`, ...), if one did.
    public var property: String?
    /// The source range of the node it came from (the event, the property, or the resource).
    public var range: SourceRange

    /// An origin.
    public init(logicalId: String, type: String, event: String? = nil, property: String? = nil, range: SourceRange) {
        self.logicalId = logicalId
        self.type = type
        self.event = event
        self.property = property
        self.range = range
    }

    /// "GetUserFn's Api event GetUser", "GetUserFn's AutoPublishAlias", "GetUserFn".
    public var description: String {
        if let event { return "\(logicalId)'s event \(event)" }
        if let property { return "\(logicalId)'s \(property)" }
        return logicalId
    }
}
