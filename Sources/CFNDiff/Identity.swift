import CFNModel
import CFNSchema

/// The custom physical name of a resource type: the property that, when the template sets it,
/// names the resource in its account and region (`TableName`, `FunctionName`, `QueueName`), and
/// the properties that scope the name (the log group of a log stream). Two resources of one
/// type cannot hold one name: CloudFormation creates a replacement before it deletes the old
/// resource, so replacing a resource whose name stays fails, and so does moving it to another
/// logical id or stack.
///
/// Read from the resource schema: a primary identifier that the template writes (no part
/// read-only), with exactly one optional create-only part, is the name and the other parts its
/// scope (the identifiers cfn-lint's E3019 checks for uniqueness); otherwise an optional
/// create-only string property called `Name` or `<Type>Name` (`QueueName` of
/// `AWS::SQS::Queue`), scoped by the identifier's writable parts and by the other create-only
/// properties that name or identify a parent (`...Name`, `...Id`, `...Arn`, `...Identifier`).
/// `overrides` corrects what the schemas leave out or get wrong.
struct Identity: Sendable, Equatable {
    /// The name property (under `Properties`).
    var name: String
    /// Other properties that are part of the identity: the same name under another parent is
    /// another resource.
    var scope: [String]
    /// Whether `Ref` returns the identity itself (the primary identifier is the name): then `Ref`
    /// keeps its value when the identity does.
    var refIsName: Bool

    /// Types whose "name" does not identify them: two can share one (a hosted zone's domain name,
    /// a saved query's title), so a replacement under the same name does not fail.
    static let notNamed: Set<String> = [
        "AWS::Route53::HostedZone", "AWS::Athena::NamedQuery", "AWS::EMR::InstanceFleetConfig", "AWS::EMR::InstanceGroupConfig",
    ]

    /// Names the schemas do not mark: the type's primary identifier is generated (read-only) and
    /// its name property is not called `Name` or `<Type>Name`.
    static let overrides: [String: Identity] = [
        "AWS::ElastiCache::CacheCluster": Identity(name: "ClusterName", scope: [], refIsName: true)
    ]

    /// The identity of `type`, or nil when the template cannot name it.
    static func of(type: String, schema: ResourceSchema) -> Identity? {
        if notNamed.contains(type) { return nil }
        if let o = overrides[type] { return o }
        let required = Set(schema.root.resolved.required)
        let readOnly = Set(schema.readOnly.compactMap { $0.count == 1 ? $0[0] : nil })
        let createOnly = Set(schema.createOnly.compactMap { $0.count == 1 ? $0[0] : nil })
        let pid = schema.primaryIdentifier
        if !pid.isEmpty, pid.allSatisfy({ $0.count == 1 && !readOnly.contains($0[0]) }) {
            let parts = pid.map { $0[0] }
            let optional = parts.filter { !required.contains($0) && createOnly.contains($0) }
            guard optional.count == 1 else { return nil }
            return Identity(name: optional[0], scope: parts.filter { $0 != optional[0] }, refIsName: parts.count == 1)
        }
        let last = type.split(separator: ":").last.map(String.init) ?? ""
        let candidates = schema.createOnly.compactMap { p -> String? in
            guard p.count == 1, !required.contains(p[0]), p[0] == "Name" || p[0] == last + "Name" else { return nil }
            guard let types = schema.property(p)?.effectiveTypes, types.contains(.string) else { return nil }
            return p[0]
        }
        guard candidates.count == 1, let name = candidates.first else { return nil }
        var scope = pid.compactMap { $0.count == 1 && !readOnly.contains($0[0]) ? $0[0] : nil }
        for p in createOnly.sorted() where p != name && !scope.contains(p) {
            if ["Name", "Id", "Arn", "ARN", "Identifier"].contains(where: { p.hasSuffix($0) }) { scope.append(p) }
        }
        return Identity(name: name, scope: scope, refIsName: false)
    }

    /// `GetAtt` attributes (and `Ref`, as `"Ref"`, where it is not the name) whose value is built
    /// from the name alone, with the account, region and partition, and with the listed other
    /// properties: an ARN or URL that only a new name changes. Only what AWS documents as such
    /// a pattern is here; any other attribute of a replaced resource is taken to change.
    static let derivedFromName: [String: [String: [String]]] = [
        "AWS::DynamoDB::Table": ["Arn": []],
        "AWS::SQS::Queue": ["Ref": [], "Arn": [], "QueueName": [], "QueueUrl": []],
        "AWS::SNS::Topic": ["Ref": [], "TopicArn": [], "TopicName": []],
        "AWS::Lambda::Function": ["Arn": []],
        "AWS::S3::Bucket": ["Arn": [], "DomainName": [], "DualStackDomainName": [], "RegionalDomainName": [], "WebsiteURL": []],
        "AWS::IAM::Role": ["Arn": ["Path"]],
        "AWS::IAM::User": ["Arn": ["Path"]],
        "AWS::IAM::Group": ["Arn": ["Path"]],
        "AWS::IAM::InstanceProfile": ["Arn": ["Path"]],
        "AWS::IAM::ManagedPolicy": ["Ref": ["Path"], "PolicyArn": ["Path"]],
        "AWS::Logs::LogGroup": ["Arn": []],
        "AWS::Kinesis::Stream": ["Arn": []],
        "AWS::StepFunctions::StateMachine": ["Ref": [], "Arn": [], "Name": []],
        "AWS::ECR::Repository": ["Arn": [], "RepositoryUri": []],
        "AWS::ECS::Cluster": ["Arn": []],
        "AWS::CloudWatch::Alarm": ["Arn": []],
    ]

    /// The properties an attribute (`nil`: `Ref`) of this type is built from, beyond the
    /// identity; nil when it is not known to be built from the identity.
    func inputs(of attribute: String?, type: String) -> [String]? {
        guard let attribute else {
            if refIsName { return [] }
            return Self.derivedFromName[type]?["Ref"]
        }
        if attribute == "Ref" { return nil }
        return Self.derivedFromName[type]?[attribute]
    }
}

/// Conditionally create-only properties that CloudFormation documents as replacing the
/// resource whenever their meaning changes. The registry schemas mark them conditional because
/// the handler ignores a change of form only (the same key schema written another way), which
/// the diff already compares away.
enum ReplacementOverrides {
    /// Type -> property paths (under `Properties`) that always replace.
    static let alwaysReplaces: [String: [[String]]] = [
        // A table's primary key cannot change in place (UpdateTable has no KeySchema); the
        // template reference says "Update requires: Replacement".
        "AWS::DynamoDB::Table": [["KeySchema"]],
        "AWS::DynamoDB::GlobalTable": [["KeySchema"]],
    ]

    /// Why a promoted path replaces, in words.
    static func reason(type: String, path: [String]) -> String? {
        guard alwaysReplaces[type]?.contains(path) == true else { return nil }
        return "Properties.\(path.joined(separator: ".")) replaces the table: its primary key cannot change in place"
    }

    /// The create-only and conditionally create-only paths of `schema`, corrected.
    static func paths(_ schema: ResourceSchema, type: String) -> (always: [[String]], conditional: [[String]]) {
        guard let promoted = alwaysReplaces[type] else { return (schema.createOnly, schema.conditionalCreateOnly) }
        var always = schema.createOnly
        var conditional: [[String]] = []
        for p in schema.conditionalCreateOnly {
            if promoted.contains(p) {
                if !always.contains(p) { always.append(p) }
            } else {
                conditional.append(p)
            }
        }
        return (always, conditional)
    }
}
