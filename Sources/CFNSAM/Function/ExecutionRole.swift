import CFNModel

/// The IAM role SAM makes for a function or state machine (`<LogicalId>Role`): a trust policy,
/// managed policy ARNs (SAM's own first), and an inline policy for each policy document.
enum ExecutionRole {
    static func make(
        for resource: SAMResource,
        _ context: TransformContext,
        assumeRolePolicy: Node,
        managedPolicyArns: [Node],
        policyDocuments: [Node],
        tags: Node?
    ) throws(SAMError) -> CFNResource {
        let roleId = resource.logicalId + "Role"
        var arns = managedPolicyArns
        var documents = policyDocuments
        for (index, policy) in Policies.entries(resource["Policies"]).enumerated() {
            switch try Policies.kind(policy, templates: false) {
            case .statement:
                func named(_ document: Node) -> Node {
                    .map([("PolicyName", .string(roleId + "Policy" + String(index))), ("PolicyDocument", document)])
                }
                if let branches = policy.ifBranches, var f = policy.functionValue {
                    let then = branches.then.isNoValue ? branches.then : named(branches.then)
                    let otherwise = branches.otherwise.isNoValue ? branches.otherwise : named(branches.otherwise)
                    f.argument = Node(.list([branches.condition, then, otherwise]), range: f.argument.range)
                    var n = policy
                    n.value = .function(f)
                    documents.append(n)
                } else {
                    documents.append(named(policy))
                }
            case .managed:
                var arn = policy
                if let name = policy.stringValue {
                    arn = Node(.string(context.managedPolicyArn(name)), range: policy.range)
                } else if let branches = policy.ifBranches, var f = policy.functionValue {
                    func convert(_ n: Node) -> Node {
                        guard let name = n.stringValue else { return n }
                        return Node(.string(context.managedPolicyArn(name)), range: n.range)
                    }
                    f.argument = Node(
                        .list([branches.condition, convert(branches.then), convert(branches.otherwise)]),
                        range: f.argument.range
                    )
                    arn.value = .function(f)
                }
                if !arns.contains(where: { $0.isSemanticallyEqual(to: arn) }) { arns.append(arn) }
            case .template, .unknown:
                throw resource.error("Policy at index \(index) in the 'Policies' property is not valid", at: "Policies")
            }
        }
        return CFNResource(
            roleId,
            "AWS::IAM::Role",
            origin: resource.origin(),
            properties: [
                ("AssumeRolePolicyDocument", assumeRolePolicy),
                ("ManagedPolicyArns", .list(arns)),
                ("Policies", documents.isEmpty ? nil : .list(documents)),
                ("Path", resource["RolePath"]),
                ("PermissionsBoundary", resource["PermissionsBoundary"]),
                ("Tags", tags),
            ],
            attributes: resource.passthroughAttributes
        )
    }

    /// The trust policy of a role that `service` (`lambda.amazonaws.com`) assumes.
    static func trust(_ service: String) -> Node {
        .map([
            ("Version", "2012-10-17"),
            (
                "Statement",
                [
                    .map([("Action", ["sts:AssumeRole"]), ("Effect", "Allow"), ("Principal", .map([("Service", [.string(service)])]))])
                ]
            ),
        ])
    }
}
