import CFNModel

/// `AWS::Serverless::SimpleTable`: a DynamoDB table with one string (or number, binary) hash key,
/// on demand unless `ProvisionedThroughput` is given.
enum SimpleTable: ResourceTranslator {
    static let type = "AWS::Serverless::SimpleTable"

    static let properties = PropertyTable([
        ("PointInTimeRecoverySpecification", .pass),
        ("PrimaryKey", .type(.mapOf(.string))),
        ("ProvisionedThroughput", .type(.mapOf(.oneOf([.integer, .map])))),
        ("TableName", .type(.oneOf([.string, .map]))),
        ("Tags", .type(.map)),
        ("SSESpecification", .type(.map)),
    ])

    static let attributeTypes = ["String": "S", "Number": "N", "Binary": "B"]

    static func translate(_ r: SAMResource, _ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        var name: Node = "id"
        var type: Node = "S"
        if let key = r["PrimaryKey"], key.isTruthy {
            name = try r.expect(key["Name"], "PrimaryKey.Name").present()
            let t = try r.expect(key["Type"], "PrimaryKey.Type").present()
            guard let s = t.stringValue, let converted = attributeTypes[s] else {
                throw r.error("Invalid 'Type' \"\(t.scalarText ?? PythonJSON.dumps(t))\".", at: "PrimaryKey")
            }
            type = Node(.string(converted), range: t.range)
        }
        let throughput = r["ProvisionedThroughput"].flatMap { $0.isTruthy ? $0 : nil }
        let tags = r["Tags"].flatMap { $0.isTruthy ? $0.mapValue : nil }
        let table = CFNResource(
            r.logicalId,
            "AWS::DynamoDB::Table",
            origin: r.origin(),
            properties: [
                ("AttributeDefinitions", [.map([("AttributeName", name), ("AttributeType", type)])]),
                ("KeySchema", [.map([("AttributeName", name), ("KeyType", "HASH")])]),
                ("PointInTimeRecoverySpecification", r["PointInTimeRecoverySpecification"].flatMap { $0.isTruthy ? $0 : nil }),
                ("ProvisionedThroughput", throughput),
                ("BillingMode", throughput == nil ? "PAY_PER_REQUEST" : nil),
                ("SSESpecification", r["SSESpecification"].flatMap { $0.isTruthy ? $0 : nil }),
                ("TableName", r["TableName"].flatMap { $0.isTruthy ? $0 : nil }),
                ("Tags", tags.map { .list(Tagging.list($0)) }),
            ],
            attributes: r.supportedAttributes + (r.attribute("DependsOn").map { [("DependsOn", $0)] } ?? [])
        )
        return [table]
    }
}
