import CFNModel

extension ResourceSchema {
    /// The properties that fix a resource's physical name or identity when a template sets them,
    /// read from the schema: CloudFormation cannot create a second resource with the same values
    /// while the first one exists, so such a resource can be neither replaced nor moved to
    /// another stack by the usual create-then-delete.
    ///
    /// Two kinds:
    /// - `identifier`: the primary identifier, when every one of its properties is one the
    ///   template sets (none read-only): `FunctionName` of a Lambda function, `RestApiId`,
    ///   `ResourceId` and `HttpMethod` of an API Gateway method. All of them must be set.
    /// - `names`: create-only properties named for the type (`QueueName` on a queue, `TopicName`
    ///   on a topic, `GroupName` on a security group) or just `Name`, where the primary identifier
    ///   is something CloudFormation makes (a queue's URL). Any one of them is enough.
    public var physicalNameProperties: (identifier: [String], names: [String]) {
        let readOnlyTop = Set(readOnly.filter { $0.count == 1 }.map { $0[0] })
        var identifier: [String] = []
        if !primaryIdentifier.isEmpty, primaryIdentifier.allSatisfy({ $0.count == 1 && !readOnlyTop.contains($0[0]) }) {
            identifier = primaryIdentifier.map { $0[0] }
        }
        let last = (typeName.split(separator: ":").last.map(String.init) ?? typeName).lowercased()
        var names: [String] = []
        for path in createOnly where path.count == 1 {
            let p = path[0]
            guard p.hasSuffix("Name"), !readOnlyTop.contains(p), !identifier.contains(p) else { continue }
            let stem = p.dropLast(4).lowercased()
            if stem.isEmpty || last.hasSuffix(stem) { names.append(p) }
        }
        return (identifier, names.sorted())
    }

    /// The properties of `properties` (a resource's `Properties`) that fix its physical name or
    /// identity (see `physicalNameProperties`); empty when CloudFormation names the resource.
    public func fixedPhysicalName(_ properties: Node?) -> [String] {
        guard let properties, properties.mapValue != nil else { return [] }
        let (identifier, names) = physicalNameProperties
        if !identifier.isEmpty, identifier.allSatisfy({ properties[$0] != nil }) { return identifier }
        return names.filter { properties[$0] != nil }
    }
}
