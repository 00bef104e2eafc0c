import CFNModel

/// A SAM resource as a translator reads it: its logical id, type and properties (with the
/// Globals merged in), and the whole resource node for its attributes and source ranges.
struct SAMResource {
    /// The logical id.
    var logicalId: String
    /// The `AWS::Serverless::*` type.
    var type: String
    /// The properties (an empty mapping when the resource has none).
    var properties: Map
    /// The resource's mapping as the template holds it.
    var node: Node
    /// Where the logical id is written.
    var range: SourceRange

    init(logicalId: String, entry: Map.Entry) {
        self.logicalId = logicalId
        self.node = entry.value
        self.range = entry.keyRange
        self.type = entry.value["Type"]?.stringValue ?? ""
        self.properties = entry.value["Properties"]?.mapValue ?? Map()
    }

    /// The property `name`, if set (a `null` counts as unset, as aws-sam-translator reads it).
    subscript(_ name: String) -> Node? {
        guard let value = properties[name] else { return nil }
        if case .null = value.value { return nil }
        return value
    }

    /// Where the property `name` is written (its key), or the resource when it is not.
    func range(of name: String) -> SourceRange {
        properties[entry: name]?.keyRange ?? range
    }

    /// A resource attribute (`Condition`, `DependsOn`, `Metadata`, ...).
    func attribute(_ name: String) -> Node? { node[name] }

    /// The attributes every generated resource takes from its SAM resource: `Condition`,
    /// `DeletionPolicy` and `UpdateReplacePolicy`.
    var passthroughAttributes: [(String, Node)] {
        ["Condition", "DeletionPolicy", "UpdateReplacePolicy"].compactMap { name in attribute(name).map { (name, $0) } }
    }

    /// The attributes aws-sam-translator keeps on the main resource it makes: `DeletionPolicy`,
    /// `UpdatePolicy`, `Condition`, `UpdateReplacePolicy` and `Metadata`.
    var supportedAttributes: [(String, Node)] {
        ["DeletionPolicy", "UpdatePolicy", "Condition", "UpdateReplacePolicy", "Metadata"].compactMap { name in
            attribute(name).map { (name, $0) }
        }
    }

    /// The origin of a resource generated from this one (by `event`, or by `property`).
    func origin(event: String? = nil, property: String? = nil) -> Origin {
        var at = range
        if let event, let e = self["Events"]?.mapValue?[entry: event] { at = e.keyRange }
        if event == nil, let property { at = self.range(of: property) }
        return Origin(logicalId: logicalId, type: type, event: event, property: property, range: at)
    }

    /// An error about this resource, at `property` (or the resource).
    func error(_ message: String, at property: String? = nil) -> SAMError {
        SAMError(message, logicalId: logicalId, range: property.map { range(of: $0) } ?? range)
    }

    /// `sam_expect`: a check of the property at `path` (`Events`, `DeadLetterQueue.Type`, ...).
    func expect(_ value: Node?, _ path: String, attribute: Bool = false) -> Expect {
        Expect(value: value, logicalId: logicalId, path: path, event: nil, isAttribute: attribute, range: range(of: path))
    }
}
