import CFNModel
import CFNSchema

/// The IAM policy documents of a template validated against cfn-lint 1.51.0's policy schemas
/// (`Sources/CFNLint/Data/IAMPolicySchemas.swift`), once per template; E3510, E3512, E3513,
/// E3514 and E3530 each take the findings of their id.
enum PolicySchema {
    /// Which schema a document is read with: what the policy is attached to decides what it
    /// must have (a resource policy names principals, a trust policy has no resources).
    enum Kind: String, CaseIterable {
        case identity, resource, resourceS3, ecr, trust

        /// The rule a problem with a document of this kind is filed under.
        var ruleId: String {
            switch self {
            case .identity: "E3510"
            case .resource, .resourceS3: "E3512"
            case .ecr: "E3513"
            case .trust: "E3530"
            }
        }

        /// Whether statement ids must differ (a bucket policy's and a repository policy's may repeat).
        var uniqueSids: Bool { self != .resourceS3 && self != .ecr }
    }

    /// The kind of each policy document W3037 reads, by resource type and path.
    static func kind(_ type: String, _ path: [String]) -> Kind? {
        switch type {
        case "AWS::IAM::Role": path == ["AssumeRolePolicyDocument"] ? .trust : .identity
        case "AWS::IAM::Group", "AWS::IAM::User", "AWS::IAM::ManagedPolicy", "AWS::IAM::Policy", "AWS::SSO::PermissionSet",
            "AWS::IAM::UserPolicy", "AWS::IAM::RolePolicy", "AWS::IAM::GroupPolicy":
            .identity
        case "AWS::KMS::Key", "AWS::OpenSearchService::Domain", "AWS::SNS::TopicPolicy", "AWS::SQS::QueuePolicy": .resource
        case "AWS::S3::BucketPolicy": .resourceS3
        case "AWS::ECR::Repository": .ecr
        default: nil
        }
    }

    /// Each kind's compiled schema (compiled on first use: most templates have no policy).
    static let schemas: [Kind: SchemaNode] = {
        guard let root = SchemaNode.compile(json: IAMPolicySchemas.json) else { return [:] }
        var out: [Kind: SchemaNode] = [:]
        for kind in Kind.allCases { out[kind] = root.properties[kind.rawValue] }
        return out
    }()

    /// The resource ARN patterns of resource policies (any, and a bucket policy's): a value
    /// that breaks one is E3514's, not E3512's.
    static let resourceArnPatterns: Set<String> = [
        #"^(arn:aws[A-Za-z\-]*?:[^:]+:[^:]*(:(?:\d{12}|\*|aws)?:.+|)|\*)$"#,
        #"^arn:aws[A-Za-z\-]*?:[^:]+:[^:]*(:(?:\d{12}|\*|aws)?:.+|)$"#,
    ]

    /// The forms an AWS principal may take, each said when a principal fits none (cfn-lint
    /// reports the value against each form, so one bad principal is six findings there too).
    static let principalForms = [
        "is not '*'", "is not a 12-digit account id", "is not an IAM root, user, group or role ARN",
        "is not an STS assumed-role ARN", "is not a CloudFront origin access identity ARN",
    ]

    /// The findings of every policy document of the template, E3510, E3512, E3513, E3514 and E3530 alike.
    static func run(_ context: LintContext) -> [Finding] {
        let documents = context.shared.policies(context.template)
        guard !documents.isEmpty, let values = context.shared.values(context) else { return [] }
        var out: [Finding] = []
        var seen: Set<String> = []
        func add(_ id: String, _ message: String, _ at: SourceRange, _ path: [String]) {
            guard seen.insert("\(id)|\(at.start.offset)|\(at.end.offset)|\(message)").inserted else { return }
            out.append(context.finding(id: id, message, at: at, path: path))
        }
        for (r, path, document, at, isText) in documents {
            guard let type = r.type, let kind = kind(type, path), let schema = schemas[kind] else { continue }
            let where_ = ["Resources", r.logicalId, "Properties"] + path
            var validator = Validator(context: values)
            validator.noValueBranchMayBeMissing = true
            // JSON text has no functions: `{"Ref": "X"}` in it is a mapping, as IAM reads it.
            let checked = isText ? literal(document) : document
            validator.validate(checked, schema, at: at)
            // The values of the text by where their keys are, for the words of a problem.
            var nodes: [Node] = []
            if isText { collectValues(checked, into: &nodes) }
            for v in validator.violations {
                let id: String
                switch v.keyword {
                // What a function's value or a YAML spelling does is other rules' (W1030, E1020, W3091...).
                case .resolved, .functionType, .implicitConversion, .format: continue
                case .pattern where (kind == .resource || kind == .resourceS3) && resourceArnPatterns.contains(v.pattern ?? ""):
                    id = "E3514"
                default: id = kind.ruleId
                }
                // A problem inside a policy written as JSON text is placed at the text, where
                // the same problem twice is one finding (both of `Action` and `NotAction` too).
                let place = isText ? at : v.range
                var message = isText && v.keyword == .requiredXor ? String(v.message.prefix { $0 != "," }) : v.message
                // Our words for a mapping or a list do not show it: in JSON text, where only
                // the words tell two problems apart, it is shown.
                if isText, message.hasPrefix("a mapping") || message.hasPrefix("a list"),
                    let node = nodes.first(where: { $0.range.start.offset == v.range.start.offset })
                {
                    message += ": \(compact(node))"
                }
                add(id, message, place, where_)
                if v.keyword == .anyOf {
                    let value = v.message.firstRange(of: " is not valid under").map { String(v.message[..<$0.lowerBound]) } ?? "the value"
                    for form in principalForms { add(id, "As an AWS principal, \(value) \(form)", place, where_) }
                }
            }
            if kind.uniqueSids {
                for (statements, found) in SchemaCheck.reach(document, at: at, ["Statement"]) {
                    if let sid = repeatedSid(statements) {
                        add(kind.ruleId, "Statement id '\(sid)' is given to more than one statement", isText ? at : found, where_)
                    }
                }
            }
        }
        return out
    }

    /// Each value under a mapping's key, the node given a key's range (where a problem is placed).
    static func collectValues(_ node: Node, into out: inout [Node]) {
        switch node.value {
        case .map(let m):
            for e in m.entries {
                out.append(Node(e.value.value, range: e.keyRange))
                collectValues(e.value, into: &out)
            }
        case .list(let items):
            for item in items {
                out.append(item)
                collectValues(item, into: &out)
            }
        default: break
        }
    }

    /// A value in one line of JSON-like text.
    static func compact(_ node: Node) -> String {
        switch node.value {
        case .map(let m): return "{" + m.entries.map { "\"\($0.key)\": \(compact($0.value))" }.joined(separator: ", ") + "}"
        case .list(let items): return "[" + items.map(compact).joined(separator: ", ") + "]"
        case .string(let s): return "\"\(s)\""
        default: return node.scalarText ?? "null"
        }
    }

    /// The node with every function written back as the mapping it was read from.
    static func literal(_ node: Node) -> Node {
        switch node.value {
        case .function(let f):
            let entry = Map.Entry(key: f.name.rawValue, value: literal(f.argument), keyRange: f.keyRange)
            return Node(.map(Map([entry])), range: node.range)
        case .map(let m):
            let entries = m.entries.map { e in Map.Entry(key: e.key, value: literal(e.value), keyRange: e.keyRange) }
            return Node(.map(Map(entries)), range: node.range)
        case .list(let items):
            return Node(.list(items.map(literal)), range: node.range)
        default:
            return node
        }
    }

    /// The first statement id that two statements of the list share (statements written as a
    /// `Fn::If` are not compared, as in cfn-lint).
    static func repeatedSid(_ statements: Node) -> String? {
        guard let items = statements.listValue else { return nil }
        var sids: [Node] = []
        for item in items {
            guard let sid = item.mapValue?["Sid"] else { continue }
            if sids.contains(where: { sameSid($0, sid) }) { return sid.scalarText ?? "…" }
            sids.append(sid)
        }
        return nil
    }

    private static func sameSid(_ a: Node, _ b: Node) -> Bool {
        if let x = a.scalarText, let y = b.scalarText { return x == y }
        return a.isSemanticallyEqual(to: b)
    }
}

extension LintContext {
    /// The policy schema findings filed under `rule`'s id.
    func policySchemaFindings<R: Rule>(_ rule: R.Type) -> [Finding] {
        shared.policySchema(self).filter { $0.ruleId == R.info.id }
    }
}
