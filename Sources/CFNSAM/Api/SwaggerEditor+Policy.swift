import CFNModel

/// The resource policy of a REST API (`x-amazon-apigateway-policy`), as `Auth.ResourcePolicy`
/// writes it: statements allowing or denying accounts, IP ranges and VPCs (or endpoints) on
/// the methods of each path, and custom statements.
extension SwaggerEditor {
    private var policy: Map {
        get { doc[SwaggerEditor.policyKey].flatMap { $0.isTruthy ? $0.mapValue : nil } ?? Map() }
        set { doc[SwaggerEditor.policyKey] = Node(.map(newValue), range: doc[SwaggerEditor.policyKey]?.range ?? .unknown) }
    }

    /// The statements of `ResourcePolicy` for the methods of `path`, on `stage`.
    mutating func addResourcePolicy(_ resourcePolicy: Node, path: String, stage: Node) throws(SAMError) {
        guard let rp = resourcePolicy.mapValue else {
            if resourcePolicy.isIntrinsic { return }
            throw fail("Resource Policy is not a valid dictionary.")
        }
        func value(_ key: String) -> Node? { rp[key].flatMap { $0.isNull ? nil : $0 } }
        var p = policy
        let resources = try methodResources(path, stage: stage)
        if let accounts = value("AwsAccountWhitelist") { try addIamStatement(&p, accounts, effect: "Allow", resources) }
        if let accounts = value("AwsAccountBlacklist") { try addIamStatement(&p, accounts, effect: "Deny", resources) }
        if let ips = value("IpRangeWhitelist") { addConditionalStatements(&p, ips, resources, ["NotIpAddress": ["aws:SourceIp"]]) }
        if let ips = value("IpRangeBlacklist") { addConditionalStatements(&p, ips, resources, ["IpAddress": ["aws:SourceIp"]]) }
        for (list, key) in [(value("SourceVpcBlacklist"), "SourceVpcBlacklist"), (value("SourceVpcWhitelist"), "SourceVpcWhitelist")] {
            if let list, !(list.listValue?.allSatisfy({ $0.stringValue != nil }) ?? false) {
                let intrinsic = key.replacing("SourceVpc", with: "IntrinsicVpc")
                throw fail("\(key) must be a list of strings. Use \(intrinsic) instead for values that use Intrinsic Functions")
            }
        }
        addVpcStatements(
            &p,
            strings: value("SourceVpcBlacklist"),
            vpcs: value("IntrinsicVpcBlacklist"),
            endpoints: value("IntrinsicVpceBlacklist"),
            condition: "StringEquals",
            resources
        )
        addVpcStatements(
            &p,
            strings: value("SourceVpcWhitelist"),
            vpcs: value("IntrinsicVpcWhitelist"),
            endpoints: value("IntrinsicVpceWhitelist"),
            condition: "StringNotEquals",
            resources
        )
        policy = p
    }

    /// Adds `CustomStatements` (each once).
    mutating func addCustomStatements(_ statements: Node) {
        var p = policy
        p["Version"] = "2012-10-17"
        if let existing = p["Statement"], !existing.isNull {
            var list = existing.listValue ?? [existing]
            for s in statements.listValue ?? [statements] where !list.contains(where: { $0.isSemanticallyEqual(to: s) }) {
                list.append(s)
            }
            p["Statement"] = .list(list)
        } else {
            p["Statement"] = statements
        }
        policy = p
    }

    /// `execute-api:/${__Stage__}/<METHOD><path>` for each method of the path (its other keys too,
    /// as SAM lists them).
    private func methodResources(_ path: String, stage: Node) throws(SAMError) -> [Node] {
        var methods: [String] = []
        for content in try contents(paths[path]) {
            guard SwaggerEditor.isDict(content) else {
                throw fail("Value of '\(path)' path must be a dictionary according to Swagger spec.")
            }
            methods += content?.mapValue?.keys ?? []
        }
        let arnPath = SwaggerEditor.pathForArn(path)
        return methods.map { m in
            let method = (m.lowercased() == SwaggerEditor.anyMethod || m.lowercased() == "any") ? "*" : m.uppercased()
            return .sub("execute-api:/${__Stage__}/" + method + arnPath, .map([("__Stage__", stage)]))
        }
    }

    private func addIamStatement(_ p: inout Map, _ accounts: Node, effect: String, _ resources: [Node]) throws(SAMError) {
        guard accounts.isTruthy else { return }
        guard SwaggerEditor.isDict(accounts) || accounts.listValue != nil else {
            throw fail("Type of '\(accounts.stringValue ?? PythonJSON.dumps(accounts))' must be a list or dictionary")
        }
        let list = accounts.listValue.map { Node(.list($0), range: accounts.range) } ?? Node(.list([accounts]))
        p["Version"] = "2012-10-17"
        let statement: Node = .map([
            ("Effect", .string(effect)), ("Action", "execute-api:Invoke"), ("Resource", .list(resources)),
            ("Principal", .map([("AWS", list)])),
        ])
        if let existing = p["Statement"], !existing.isNull {
            p["Statement"] = .list((existing.listValue ?? [existing]) + [statement])
        } else {
            p["Statement"] = statement
        }
    }

    /// An allow statement and a deny statement with the condition (each added once).
    private func addAllowDeny(_ p: inout Map, _ resources: [Node], condition: Node) {
        p["Version"] = "2012-10-17"
        let allow: Node = .map([("Effect", "Allow"), ("Action", "execute-api:Invoke"), ("Resource", .list(resources)), ("Principal", "*")])
        let deny: Node = .map([
            ("Effect", "Deny"), ("Action", "execute-api:Invoke"), ("Resource", .list(resources)), ("Principal", "*"),
            ("Condition", condition),
        ])
        if let existing = p["Statement"], !existing.isNull {
            var list = existing.listValue ?? [existing]
            if !list.contains(where: { $0.isSemanticallyEqual(to: allow) }) { list.append(allow) }
            if !list.contains(where: { $0.isSemanticallyEqual(to: deny) }) { list.append(deny) }
            p["Statement"] = .list(list)
        } else {
            p["Statement"] = .list([allow, deny])
        }
    }

    private func addConditionalStatements(_ p: inout Map, _ ips: Node, _ resources: [Node], _ condition: [String: [String]]) {
        guard ips.isTruthy, let (operator_, keys) = condition.first, let key = keys.first else { return }
        let list = ips.listValue.map { Node(.list($0), range: ips.range) } ?? Node(.list([ips]))
        addAllowDeny(&p, resources, condition: .map([(operator_, .map([(key, list)]))]))
    }

    private func addVpcStatements(_ p: inout Map, strings: Node?, vpcs: Node?, endpoints: Node?, condition: String, _ resources: [Node]) {
        var entries = Map()
        func append(_ key: String, _ items: [Node]) {
            guard !items.isEmpty || entries[key] != nil else {
                entries[key] = Node(.list([]))
                return
            }
            entries[key] = .list((entries[key]?.listValue ?? []) + items)
        }
        if let strings = strings?.listValue {
            let vpc = strings.filter { $0.stringValue?.hasPrefix("vpc-") ?? false }
            let vpce = strings.filter { $0.stringValue?.hasPrefix("vpce-") ?? false }
            if !vpc.isEmpty { append("aws:SourceVpc", vpc) }
            if !vpce.isEmpty { append("aws:SourceVpce", vpce) }
        }
        if let vpcs { append("aws:SourceVpc", vpcs.listValue ?? [vpcs]) }
        if let endpoints { append("aws:SourceVpce", endpoints.listValue ?? [endpoints]) }
        let hasVpc = entries["aws:SourceVpc"]?.listValue.map { !$0.isEmpty } ?? false
        let hasVpce = entries["aws:SourceVpce"]?.listValue.map { !$0.isEmpty } ?? false
        guard hasVpc || hasVpce else { return }
        addAllowDeny(&p, resources, condition: .map([(condition, Node(.map(entries)))]))
    }
}
