/// A resource: `Type`, `Properties` and its attributes, with the raw mapping for anything else.
public struct Resource: Sendable {
    /// The logical id (the key under `Resources`).
    public var logicalId: String
    /// The resource's mapping as written.
    public var node: Node
    /// Where the logical id was read from.
    public var idRange: SourceRange

    /// The raw attributes of the resource.
    public var attributes: Map { node.mapValue ?? Map() }
    /// `Type`, e.g. `AWS::S3::Bucket`.
    public var type: String? { node["Type"]?.stringValue }
    /// `Properties`.
    public var properties: Map? { node["Properties"]?.mapValue }
    /// `DependsOn`, as a list whether written as one name or a list.
    public var dependsOn: [String] {
        guard let d = node["DependsOn"] else { return [] }
        if let s = d.stringValue { return [s] }
        return d.listValue?.compactMap(\.stringValue) ?? []
    }
    /// `Condition`: the name of the condition that decides whether the resource is created.
    public var condition: String? { node["Condition"]?.stringValue }
    /// `DeletionPolicy`.
    public var deletionPolicy: String? { node["DeletionPolicy"]?.stringValue }
    /// `UpdateReplacePolicy`.
    public var updateReplacePolicy: String? { node["UpdateReplacePolicy"]?.stringValue }
    /// `CreationPolicy`.
    public var creationPolicy: Node? { node["CreationPolicy"] }
    /// `UpdatePolicy`.
    public var updatePolicy: Node? { node["UpdatePolicy"] }
    /// `Metadata`.
    public var metadata: Node? { node["Metadata"] }
}

/// A parameter under `Parameters`.
public struct Parameter: Sendable {
    /// The parameter's name.
    public var name: String
    /// The parameter's mapping as written.
    public var node: Node
    /// Where the name was read from.
    public var nameRange: SourceRange

    /// `Type`, e.g. `String`, `Number`, `AWS::EC2::VPC::Id`.
    public var type: String? { node["Type"]?.stringValue }
    /// `Default`.
    public var defaultValue: Node? { node["Default"] }
    /// `AllowedValues`.
    public var allowedValues: [Node]? { node["AllowedValues"]?.listValue }
    /// `AllowedPattern`.
    public var allowedPattern: String? { node["AllowedPattern"]?.stringValue }
    /// `Description`.
    public var description: String? { node["Description"]?.stringValue }
    /// `NoEcho`.
    public var noEcho: Bool {
        if case .bool(let b)? = node["NoEcho"]?.value { return b }
        return node["NoEcho"]?.stringValue?.lowercased() == "true"
    }
}

/// An output under `Outputs`.
public struct Output: Sendable {
    /// The output's name.
    public var name: String
    /// The output's mapping as written.
    public var node: Node
    /// Where the name was read from.
    public var nameRange: SourceRange

    /// `Value`.
    public var value: Node? { node["Value"] }
    /// `Description`.
    public var description: Node? { node["Description"] }
    /// `Condition`.
    public var condition: String? { node["Condition"]?.stringValue }
    /// `Export.Name`: the name other stacks import the value by.
    public var exportName: Node? { node["Export"]?["Name"] }
}

/// A named condition under `Conditions`.
public struct Condition: Sendable {
    /// The condition's name.
    public var name: String
    /// Its expression (`Fn::Equals`, `Fn::And`, ...).
    public var expression: Node
    /// Where the name was read from.
    public var nameRange: SourceRange
}

/// A named mapping under `Mappings`: top-level keys, each a map of second-level keys to values.
public struct Mapping: Sendable {
    /// The mapping's name.
    public var name: String
    /// The mapping as written.
    public var node: Node
    /// Where the name was read from.
    public var nameRange: SourceRange

    /// The top-level keys (e.g. region names).
    public var topLevelKeys: [String] { node.mapValue?.keys ?? [] }
    /// The value at `Fn::FindInMap [name, top, second]`.
    public func value(_ top: String, _ second: String) -> Node? { node[top]?[second] }
}

extension Template {
    private func entries(_ section: Section) -> [Map.Entry] {
        root[section.rawValue]?.mapValue?.entries ?? []
    }

    /// `AWSTemplateFormatVersion`.
    public var formatVersion: String? { root["AWSTemplateFormatVersion"]?.scalarText }
    /// `Description`.
    public var description: String? { root["Description"]?.stringValue }
    /// `Transform`, as a list whether written as one name or several.
    public var transforms: [String] {
        guard let t = root["Transform"] else { return [] }
        if let s = t.stringValue { return [s] }
        return t.listValue?.compactMap(\.stringValue) ?? []
    }

    /// The resources in source order.
    public var resources: [Resource] {
        entries(.resources).map { Resource(logicalId: $0.key, node: $0.value, idRange: $0.keyRange) }
    }
    /// The resource with a logical id.
    public func resource(_ logicalId: String) -> Resource? {
        guard let e = root["Resources"]?.mapValue?[entry: logicalId] else { return nil }
        return Resource(logicalId: e.key, node: e.value, idRange: e.keyRange)
    }
    /// The parameters in source order.
    public var parameters: [Parameter] {
        entries(.parameters).map { Parameter(name: $0.key, node: $0.value, nameRange: $0.keyRange) }
    }
    /// The outputs in source order.
    public var outputs: [Output] {
        entries(.outputs).map { Output(name: $0.key, node: $0.value, nameRange: $0.keyRange) }
    }
    /// The conditions in source order.
    public var conditions: [Condition] {
        entries(.conditions).map { Condition(name: $0.key, expression: $0.value, nameRange: $0.keyRange) }
    }
    /// The mappings in source order.
    public var mappings: [Mapping] {
        entries(.mappings).map { Mapping(name: $0.key, node: $0.value, nameRange: $0.keyRange) }
    }
}
