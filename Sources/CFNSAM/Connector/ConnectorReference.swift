import CFNModel

/// A connector's `Source` or `Destination` as the profiles need it: its CloudFormation type and
/// what the profile's variables stand for (its ARN, role name, queue URL, id, name, qualifier).
///
/// Given by `Id`, a resource of the template (after its SAM resource, if any, was translated)
/// gives them; given by `Type` (and `Arn`, `RoleName`, `QueueUrl`, ...), they are as written.
struct ConnectorReference {
    /// The logical id, when given by `Id`.
    var logicalId: String?
    /// The CloudFormation type (a SAM type given by `Type` stands for what it becomes).
    var type: String
    var arn: Node?
    var roleName: Node?
    var queueUrl: Node?
    var resourceId: Node?
    var name: Node?
    var qualifier: Node?

    /// A reference that cannot be used (`'Id' is missing or not a string.`).
    struct Invalid: Error {
        var message: String
    }

    /// The CloudFormation types SAM types become, for references given by `Type`.
    static let cfnType = [
        "AWS::Serverless::Function": "AWS::Lambda::Function", "AWS::Serverless::StateMachine": "AWS::StepFunctions::StateMachine",
        "AWS::Serverless::Api": "AWS::ApiGateway::RestApi", "AWS::Serverless::HttpApi": "AWS::ApiGatewayV2::Api",
        "AWS::Serverless::SimpleTable": "AWS::DynamoDB::Table",
    ]

    /// Resolves `reference`; `other` is the connector's other end (an events rule's role is that
    /// of its target naming the other end).
    static func resolve(_ reference: Map, other: Map, _ context: TransformContext) throws(Invalid) -> ConnectorReference {
        let hasId = reference["Id"] != nil
        let hasOthers = reference.keys.contains { $0 != "Id" && $0 != "Qualifier" }
        guard hasId != hasOthers else {
            throw Invalid(message: "Must provide 'Id' (with optional 'Qualifier') or a supported combination of other properties.")
        }
        guard let idNode = reference["Id"], idNode.isTruthy else {
            guard let type = reference["Type"]?.stringValue, !type.isEmpty else {
                throw Invalid(message: "'Type' is missing or not a string.")
            }
            return ConnectorReference(
                logicalId: nil,
                type: cfnType[type] ?? type,
                arn: present(reference["Arn"]),
                roleName: present(reference["RoleName"]),
                queueUrl: present(reference["QueueUrl"]),
                resourceId: present(reference["ResourceId"]),
                name: present(reference["Name"]),
                qualifier: present(reference["Qualifier"])
            )
        }
        guard let id = idNode.stringValue else { throw Invalid(message: "'Id' is missing or not a string.") }
        guard let resource = ConnectorReference.resource(id, context) else {
            throw Invalid(message: "Unable to find resource with logical ID '\(id)'.")
        }
        guard let type = resource.type, !type.isEmpty else { throw Invalid(message: "'Type' is missing or not a string.") }
        let cfn = ConnectorProfile.resourceProperties(of: type, logicalId: id)
        let outputs = cfn["Outputs"]?.mapValue ?? Map()
        return ConnectorReference(
            logicalId: id,
            type: type,
            arn: present(outputs["Arn"]),
            roleName: roleName(cfn, resource.properties, other: other),
            queueUrl: present(outputs["Url"]),
            resourceId: present(outputs["Id"]),
            name: present(outputs["Name"]),
            qualifier: reference[entry: "Qualifier"] != nil ? present(reference["Qualifier"]) : present(outputs["Qualifier"])
        )
    }

    /// A value that is there (a YAML null is Python's `None`).
    private static func present(_ node: Node?) -> Node? {
        guard let node, !node.isNull else { return nil }
        return node
    }

    /// A resource as connectors see it: what its SAM resource made, or the template's own.
    static func resource(_ id: String, _ context: TransformContext) -> (type: String?, properties: Map, attributes: Map)? {
        if let made = context.translated[id] { return (made.type, made.properties, made.attributes) }
        guard let node = context.resources[id], let map = node.mapValue else { return nil }
        var attributes = map
        attributes.remove("Type")
        attributes.remove("Properties")
        return (map["Type"]?.stringValue, node["Properties"]?.mapValue ?? Map(), attributes)
    }

    /// The type the template wrote for a resource (the SAM type of what a SAM resource made).
    static func originalType(_ id: String?, _ context: TransformContext) -> String? {
        guard let id else { return nil }
        if let made = context.translated[id] { return made.origin.logicalId == id ? made.origin.type : made.type }
        return context.resources[id]?["Type"]?.stringValue
    }

    /// `Ref` to the role in the resource's role property (`Role`, `RoleArn`, a rule target's
    /// `RoleArn`), when that is a `Ref` or `Fn::GetAtt` of a resource.
    private static func roleName(_ cfn: Map, _ properties: Map, other: Map) -> Node? {
        var role: Node? = nil
        if let input = cfn["Inputs"]?["Role"] {
            if let name = input.stringValue {
                role = properties[name]
            } else if input["Function"]?.stringValue == "GetEventsRuleRole" {
                role = eventsRuleRole(properties, other: other)
            }
        }
        guard let role, role.isTruthy, let id = logicalId(of: role) else { return nil }
        return .ref(id)
    }

    /// The `RoleArn` of the rule's target that is the connector's other end (by id or ARN).
    private static func eventsRuleRole(_ properties: Map, other: Map) -> Node? {
        for target in properties["Targets"]?.listValue ?? [] {
            let arn = target["Arn"]
            if let arn, let id = logicalId(of: arn), let otherId = other["Id"]?.stringValue, id == otherId {
                return target["RoleArn"]
            }
            if let otherArn = other["Arn"], otherArn.isTruthy, let arn, arn.isSemanticallyEqual(to: otherArn) {
                return target["RoleArn"]
            }
        }
        return nil
    }

    /// The logical id a `Ref` or `Fn::GetAtt` names.
    static func logicalId(of node: Node) -> String? {
        guard let f = node.functionValue else { return nil }
        if f.name == .ref { return f.argument.stringValue }
        if f.name == .getAtt, let items = f.argument.listValue, items.count == 2 { return items[0].stringValue }
        return nil
    }
}
