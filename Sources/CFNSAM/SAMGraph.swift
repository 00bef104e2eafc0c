import CFNModel

extension DependencyGraph {
    /// The graph of a SAM template as written: its SAM resources (and plain ones) as nodes, with
    /// the edges that the transform turns into resources labelled by what they go through:
    /// `event NAME` (a reference under an event of `Events`), `policy` (under `Policies`),
    /// `connector NAME` (an embedded connector, under the resource's `Connectors`) and `connector` (an
    /// `AWS::Serverless::Connector`'s `Source` and `Destination`, which name resources by `Id`).
    /// `!Ref Fn.Alias` and `!Ref Fn.Version` point at the function.
    public init(sam template: Template) {
        let names = Set(template.resources.map(\.logicalId))
        self.init(template, references: { SAMGraph.groups(of: $0, names: names) })
    }
}

/// How a SAM resource's properties refer to other resources.
enum SAMGraph {
    static func groups(of resource: Resource, names: Set<String>) -> [DependencyGraph.ReferenceGroup]? {
        guard let type = resource.type, type.hasPrefix("AWS::Serverless::") else { return nil }
        var plain: [Reference] = []
        var groups: [DependencyGraph.ReferenceGroup] = []
        func refs(_ node: Node) -> [Reference] { node.references.map { pointing($0, names) } }
        for attribute in resource.attributes where attribute.key != "DependsOn" && attribute.key != "Condition" {
            switch attribute.key {
            case "Properties":
                for entry in attribute.value.mapValue ?? Map() {
                    switch (type, entry.key) {
                    case (_, "Events") where entry.value.mapValue != nil:
                        for event in entry.value.mapValue! {
                            groups.append(.init(via: "event \(event.key)", references: refs(event.value)))
                        }
                    case (_, "Policies"):
                        groups.append(.init(via: "policy", references: refs(entry.value)))
                    case ("AWS::Serverless::Connector", "Source"), ("AWS::Serverless::Connector", "Destination"):
                        groups.append(.init(via: "connector", references: endpoints(entry.value) + refs(entry.value)))
                    default:
                        plain += refs(entry.value)
                    }
                }
            case "Connectors" where attribute.value.mapValue != nil:
                for connector in attribute.value.mapValue! {
                    let destination = connector.value["Properties"]?["Destination"]
                    groups.append(.init(via: "connector \(connector.key)", references: endpoints(destination) + refs(connector.value)))
                }
            default:
                plain += refs(attribute.value)
            }
        }
        return [.init(via: nil, references: plain)] + groups
    }

    /// A connector endpoint's `Id` (or each of a list's), as a reference to that resource.
    static func endpoints(_ node: Node?) -> [Reference] {
        guard let node else { return [] }
        let items = node.listValue ?? [node]
        return items.compactMap { item in
            guard let id = item["Id"], let name = id.stringValue else { return nil }
            return Reference(kind: .ref, target: name, range: id.range)
        }
    }

    /// `Ref: Fn.Alias` (a reference SAM resolves to what it made for `Fn`) points at `Fn`.
    static func pointing(_ r: Reference, _ names: Set<String>) -> Reference {
        guard r.kind == .ref, !names.contains(r.target), let dot = r.target.firstIndex(of: "."),
            names.contains(String(r.target[..<dot]))
        else { return r }
        var out = r
        out.target = String(r.target[..<dot])
        out.attribute = String(r.target[r.target.index(after: dot)...])
        return out
    }
}
