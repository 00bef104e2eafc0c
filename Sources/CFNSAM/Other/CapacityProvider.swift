import CFNModel

/// `AWS::Serverless::CapacityProvider`: an `AWS::Lambda::CapacityProvider` (Lambda managed
/// instances) and, unless `OperatorRole` is given, the role Lambda uses to run the instances.
enum CapacityProvider: ResourceTranslator {
    static let type = "AWS::Serverless::CapacityProvider"

    static let properties = PropertyTable([
        ("CapacityProviderName", .strict(.oneOf([.string, .map]))),
        ("VpcConfig", .strict(.map, required: true)),
        ("OperatorRole", .strict(.oneOf([.string, .map]))),
        ("Tags", .strict(.map)),
        ("PropagateTags", .strict(.bool)),
        ("InstanceRequirements", .strict(.map)),
        ("ScalingConfig", .strict(.map)),
        ("KmsKeyArn", .strict(.oneOf([.string, .map]))),
    ])

    /// The fields of the nested settings and what each takes (a function call is always taken).
    private static let nested: [String: [(String, PropertySpec.Shape, String, Bool)]] = [
        "VpcConfig": [("SecurityGroupIds", .list, "dictionary or list", false), ("SubnetIds", .list, "dictionary or list", true)],
        "InstanceRequirements": [
            ("Architectures", .list, "dictionary or list", false), ("AllowedTypes", .list, "dictionary or list", false),
            ("ExcludedTypes", .list, "dictionary or list", false),
        ],
        "ScalingConfig": [
            ("MaxVCpuCount", .integer, "dictionary or integer", false),
            ("AverageCPUUtilization", .oneOf([.integer, .stringEnum([])]), "dictionary or number", false),
        ],
    ]

    static func translate(_ r: SAMResource, _ context: inout TransformContext) throws(SAMError) -> [CFNResource] {
        try validate(r)
        let tags = r["Tags"]?.mapValue
        var made: [CFNResource] = []
        var operatorRole = r["OperatorRole"]
        if operatorRole == nil || !operatorRole!.isTruthy {
            var samTag = Map()
            samTag[Tagging.samKey] = "SAM"
            let role = CFNResource(
                r.logicalId + "OperatorRole",
                "AWS::IAM::Role",
                origin: r.origin(),
                properties: [
                    ("AssumeRolePolicyDocument", ExecutionRole.trust("lambda.amazonaws.com")),
                    ("ManagedPolicyArns", [.string(context.awsManagedPolicy("AWSLambdaManagedEC2ResourceOperator"))]),
                    ("Tags", .list(Tagging.list(samTag))),
                ],
                attributes: r.passthroughAttributes
            )
            made.append(role)
            operatorRole = role.getAtt("Arn")
        }
        var vpc: Node? = nil
        if let v = r["VpcConfig"]?.mapValue {
            var parts: [(String, Node)] = [("SubnetIds", v["SubnetIds"] ?? Node(.null))]
            if let g = v["SecurityGroupIds"], !g.isNull { parts.append(("SecurityGroupIds", g)) }
            vpc = .map(parts)
        }
        var requirements: Node? = nil
        if let i = r["InstanceRequirements"]?.mapValue, !i.isEmpty {
            var parts: [(String, Node)] = []
            if let a = i["Architectures"], !a.isNull { parts.append(("Architectures", a)) }
            if let a = i["AllowedTypes"], !a.isNull { parts.append(("AllowedInstanceTypes", a)) }
            if let a = i["ExcludedTypes"], !a.isNull { parts.append(("ExcludedInstanceTypes", a)) }
            requirements = .map(parts)
        }
        var scaling: Node? = nil
        if let s = r["ScalingConfig"]?.mapValue, !s.isEmpty {
            var parts: [(String, Node)] = []
            if let m = s["MaxVCpuCount"], !m.isNull { parts.append(("MaxVCpuCount", m)) }
            if let cpu = s["AverageCPUUtilization"], !cpu.isNull {
                parts.append(("ScalingMode", "Manual"))
                parts.append(
                    (
                        "ScalingPolicies",
                        [.map([("PredefinedMetricType", "LambdaCapacityProviderAverageCPUUtilization"), ("TargetValue", cpu)])]
                    )
                )
            } else {
                parts.append(("ScalingMode", "Auto"))
            }
            scaling = .map(parts)
        }
        var ownTags = tags ?? Map()
        ownTags[Tagging.samKey] = "SAM"
        let provider = CFNResource(
            r.logicalId,
            "AWS::Lambda::CapacityProvider",
            origin: r.origin(),
            properties: [
                ("CapacityProviderName", r["CapacityProviderName"].flatMap { $0.isTruthy ? $0 : nil }), ("VpcConfig", vpc),
                ("PermissionsConfig", operatorRole.map { .map([("CapacityProviderOperatorRoleArn", $0)]) }),
                ("Tags", .list(Tagging.list(ownTags))), ("InstanceRequirements", requirements),
                ("CapacityProviderScalingConfig", scaling), ("KmsKeyArn", r["KmsKeyArn"].flatMap { $0.isTruthy ? $0 : nil }),
            ],
            attributes: r.supportedAttributes + r.passthroughAttributes + (r.attribute("DependsOn").map { [("DependsOn", $0)] } ?? [])
        )
        made.append(provider)
        // PropagateTags here adds the tags to those a resource has, rather than replacing them.
        if case .bool(true) = r["PropagateTags"]?.value, let tags, !tags.isEmpty {
            for i in made.indices where Tagging.listTagged.contains(made[i].type) {
                var merged = Map()
                for tag in made[i]["Tags"]?.listValue ?? [] {
                    if let k = tag["Key"]?.stringValue, let v = tag["Value"] { merged[k] = v }
                }
                for tag in tags { merged[tag.key] = tag.value }
                made[i]["Tags"] = .list(Tagging.list(merged))
            }
        }
        return made
    }

    /// SAM checks a capacity provider against its schema and reports every problem at once.
    private static func validate(_ r: SAMResource) throws(SAMError) {
        var messages: [String] = []
        if let i = r["InstanceRequirements"]?.mapValue, i["AllowedTypes"] != nil, i["ExcludedTypes"] != nil {
            messages.append("Cannot specify 'InstanceRequirements.AllowedTypes' and 'InstanceRequirements.ExcludedTypes' together.")
        }
        for (property, fields) in nested.sorted(by: { $0.key < $1.key }) {
            guard let value = r[property]?.mapValue else { continue }
            let names = Set(fields.map(\.0))
            for (name, shape, words, required) in fields {
                guard let v = value[name], !v.isNull else {
                    if required { messages.append("Property '\(property).\(name)' is required.") }
                    continue
                }
                let ok: Bool
                if name == "AverageCPUUtilization" {
                    if case .number = v.value { ok = true } else { ok = v.isIntrinsic }
                } else {
                    ok = v.isIntrinsic || shape.matches(v)
                }
                if !ok { messages.append("Property '\(property).\(name)' value must be \(words).") }
            }
            for entry in value where !names.contains(entry.key) {
                messages.append("Property '\(property).\(entry.key)' is an invalid property.")
            }
        }
        if !messages.isEmpty { throw r.error(messages.joined(separator: " ")) }
    }
}
