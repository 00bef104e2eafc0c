import CFNModel

/// A CloudFormation resource the transform makes, with where it came from.
struct CFNResource {
    /// Its logical id.
    var logicalId: String
    /// Its CloudFormation type.
    var type: String
    /// Its properties, in the order they are set (always written, `{}` when empty).
    var properties: Map
    /// `DependsOn`, `Condition`, `DeletionPolicy`, `UpdateReplacePolicy`, `UpdatePolicy`, `Metadata`.
    var attributes: Map
    /// The SAM resource (and event or property) it came from.
    var origin: Origin

    init(_ logicalId: String, _ type: String, origin: Origin, properties: [(String, Node?)] = [], attributes: [(String, Node)] = []) {
        self.logicalId = logicalId
        self.type = type
        self.origin = origin
        self.properties = Map()
        self.attributes = Map()
        for (key, value) in properties { self[key] = value }
        for (key, value) in attributes { self.attributes[key] = value }
    }

    /// A property; setting `nil` removes it.
    subscript(_ name: String) -> Node? {
        get { properties[name] }
        set { properties[name] = newValue }
    }

    /// `{"Fn::GetAtt": [logicalId, attribute]}`.
    func getAtt(_ attribute: String) -> Node { .getAtt(logicalId, attribute) }

    /// `{"Ref": logicalId}`.
    var ref: Node { .ref(logicalId) }

    /// The resource as a template holds it: `Type`, the attributes, `Properties`; nodes without a
    /// source range carry the origin's.
    var node: Node {
        var map = Map()
        map["Type"] = .string(type)
        for entry in attributes { map["\(entry.key)"] = entry.value }
        map["Properties"] = Node(.map(properties))
        return Node(.map(map)).stamped(origin.range)
    }

    /// Adds `tags` (a mapping of key to value) as a CloudFormation tag list, after those it has.
    mutating func appendTags(_ tags: Map) {
        var list = self["Tags"]?.listValue ?? []
        for tag in tags { list.append(.map([("Key", .string(tag.key)), ("Value", tag.value)])) }
        self["Tags"] = .list(list)
    }
}
