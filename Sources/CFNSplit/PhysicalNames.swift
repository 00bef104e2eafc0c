import CFNModel
import CFNSchema

/// Which resources of a template have a fixed physical name or identity (see
/// `ResourceSchema.physicalNameProperties`): moving one of them to another stack deletes it from
/// the old stack only after creating it in the new one, which fails while the name is taken.
struct PhysicalNames: Sendable {
    /// Logical id -> the properties that fix its name (absent: CloudFormation names it).
    let fixed: [String: [String]]

    init(fixed: [String: [String]]) { self.fixed = fixed }

    init(_ template: Template, schemas: SchemaStore?) {
        var fixed: [String: [String]] = [:]
        var byType: [String: ResourceSchema?] = [:]
        for r in template.resources {
            guard let type = r.type, type != "AWS::CloudFormation::Stack" else { continue }
            if byType[type] == nil { byType[type] = .some(schemas?.schema(for: type)) }
            let properties = r.node["Properties"]
            let names: [String]
            if let schema = byType[type] ?? nil {
                names = schema.fixedPhysicalName(properties)
            } else {
                names = PhysicalNames.guess(type, properties)
            }
            if !names.isEmpty { fixed[r.logicalId] = names }
        }
        self.fixed = fixed
    }

    /// Without a schema (a custom or third-party type, or no bundle): `<Type>Name` or `Name`.
    static func guess(_ type: String, _ properties: Node?) -> [String] {
        guard let properties, let last = type.split(separator: ":").last else { return [] }
        return [String(last) + "Name", "Name"].filter { properties[$0] != nil }
    }

    func isNamed(_ id: String) -> Bool { fixed[id] != nil }
}
