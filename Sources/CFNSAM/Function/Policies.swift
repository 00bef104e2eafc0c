import CFNModel

/// The `Policies` property of a function or state machine: AWS or customer managed policy
/// names and ARNs, IAM policy documents, and SAM's policy templates (`DynamoDBCrudPolicy: {TableName: ...}`),
/// each possibly inside a `Fn::If`.
enum Policies {
    enum Kind: Equatable {
        case managed, statement, template, unknown
    }

    /// The entries of `Policies` (one value is a list of one).
    static func entries(_ policies: Node?) -> [Node] {
        guard let policies, policies.isTruthy else { return [] }
        return policies.listValue ?? [policies]
    }

    /// What one entry is. A `Fn::If` is what its branches are (a `AWS::NoValue` branch aside).
    static func kind(_ policy: Node, templates: Bool) throws(SAMError) -> Kind {
        if policy.stringValue != nil { return .managed }
        if let branches = policy.ifBranches {
            let a = try kind(branches.then, templates: templates)
            let b = try kind(branches.otherwise, templates: templates)
            if a == b { return a }
            if branches.then.isNoValue { return b }
            if branches.otherwise.isNoValue { return a }
            throw SAMError(
                "Structure of the SAM template is invalid. Different policy types within the same Fn::If statement is unsupported. "
                    + "Separate different policy types into different Fn::If statements"
            )
        }
        if policy.functionValue?.name == .if {
            throw SAMError("Structure of the SAM template is invalid. Fn::If requires 3 arguments")
        }
        if policy.isIntrinsic { return .managed }
        if let map = policy.mapValue {
            if map["Statement"] != nil { return .statement }
            if templates, map.count == 1, SAMData.isPolicyTemplate(map.entries[0].key) { return .template }
        }
        return .unknown
    }

    /// `Policies` with every policy template turned into the policy document it stands for
    /// (aws-sam-translator's policy-templates plugin, run before the resource is checked).
    static func expandTemplates(_ resource: inout SAMResource, _ cache: inout PolicyTemplateCache) throws(SAMError) {
        guard let policies = resource["Policies"] else { return }
        let list = entries(policies)
        if list.isEmpty { return }
        var out: [Node] = []
        for policy in list {
            guard try kind(policy, templates: true) == .template else {
                out.append(policy)
                continue
            }
            if let branches = policy.ifBranches, var f = policy.functionValue {
                let then = branches.then.isNoValue ? branches.then : try expand(branches.then, resource, &cache)
                let otherwise = branches.otherwise.isNoValue ? branches.otherwise : try expand(branches.otherwise, resource, &cache)
                f.argument = Node(.list([branches.condition, then, otherwise]), range: f.argument.range)
                var n = policy
                n.value = .function(f)
                out.append(n)
            } else {
                out.append(try expand(policy, resource, &cache))
            }
        }
        resource.properties["Policies"] = Node(.list(out), range: policies.range)
    }

    /// One policy template with its parameter values, as the policy document it stands for.
    private static func expand(_ policy: Node, _ resource: SAMResource, _ cache: inout PolicyTemplateCache) throws(SAMError) -> Node {
        guard let entry = policy.mapValue?.entries.first, let template = cache.template(entry.key) else { return policy }
        let name = entry.key
        guard let values = entry.value.mapValue else {
            throw resource.error("Must specify valid parameter values for policy template '\(name)'", at: "Policies")
        }
        let parameters = template["Parameters"]?.mapValue ?? Map()
        let missing = parameters.keys.filter { values[$0] == nil }
        if !missing.isEmpty {
            throw resource.error(
                "Following required parameters of template '\(name)' don't have values: \(Globals.pythonList(missing))",
                at: "Policies"
            )
        }
        let definition = template["Definition"] ?? Node(.map(Map()))
        // Only the template's own parameters are replaced (a template parameter may share its
        // name with a template's parameter the value refers to).
        let replaced =
            (try? Intrinsics.traverse(definition) { n throws(SAMError) -> (Node, Bool) in
                guard let target = n.functionValue?.refTarget, parameters[target] != nil, let value = values[target] else {
                    return (n, true)
                }
                return (value, false)
            }) ?? definition
        return replaced.stamped(policy.range)
    }
}
