import CFNModel
import CFNSchema

/// W3037: an IAM policy names an action that is not `service:action`, a service IAM does not
/// know, or an action the service does not have.
/// One policy document of a template: the resource, the document's path under its properties,
/// the document (JSON text decoded), where it is, and whether it was written as text.
typealias PolicyDocument = (resource: Resource, path: [String], document: Node, at: SourceRange, isText: Bool)

struct PolicyActions: Rule {
    static let info = RuleInfo(
        id: "W3037",
        title: "IAM policy action unknown",
        description: """
            Each `Action` and `NotAction` of an IAM policy (a role's, a user's, a group's, a \
            managed policy's, a permission set's, a trust policy, a key, bucket, queue, topic, \
            domain or repository policy) is `*` or `service:action`, where the service is an IAM \
            service prefix and the action one of its actions (without regard to case; `*` and \
            `?` match any characters, and must match at least one action). A bucket policy takes \
            only `s3` actions, a queue policy `sqs` and a topic policy `sns`. IAM ignores an \
            action it does not know, so a misspelt one silently grants nothing. The action list \
            is cfn-lint 1.51.0's. Templates with the SAM transform are not checked (its \
            generated policies name actions in their own way).
            """,
        passing: [
            """
            Resources:
              Reader:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: [s3:GetObject, s3:List*, "sqs:Receive?essage"]
                        Resource: "*"
            """
        ],
        failing: [
            """
            Resources:
              Reader:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: [s3:GetObject, s3:HeadBucket] # <-
                        Resource: "*"
                      - Effect: Allow
                        NotAction: storage:Get* # <-
                        Resource: "*"
              SitePolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: site
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: "*"
                        Action: sqs:SendMessage # <-
                        Resource: arn:aws:s3:::site/*
            """
        ]
    )

    /// Resource type -> where its policy documents are (`*`: each item of a list).
    static let documents: [String: [[String]]] = [
        "AWS::IAM::Group": [["Policies", "*", "PolicyDocument"]],
        "AWS::IAM::ManagedPolicy": [["PolicyDocument"]],
        "AWS::IAM::Policy": [["PolicyDocument"]],
        "AWS::IAM::Role": [["Policies", "*", "PolicyDocument"], ["AssumeRolePolicyDocument"]],
        "AWS::IAM::User": [["Policies", "*", "PolicyDocument"]],
        "AWS::SSO::PermissionSet": [["InlinePolicy"]],
        "AWS::IAM::UserPolicy": [["PolicyDocument"]],
        "AWS::IAM::RolePolicy": [["PolicyDocument"]],
        "AWS::IAM::GroupPolicy": [["PolicyDocument"]],
        "AWS::KMS::Key": [["KeyPolicy"]],
        "AWS::OpenSearchService::Domain": [["AccessPolicies"]],
        "AWS::S3::BucketPolicy": [["PolicyDocument"]],
        "AWS::SNS::TopicPolicy": [["PolicyDocument"]],
        "AWS::SQS::QueuePolicy": [["PolicyDocument"]],
        "AWS::ECR::Repository": [["RepositoryPolicyText"]],
    ]

    /// Resource policies that take the actions of one service only.
    static let onlyService: [String: String] = [
        "AWS::S3::BucketPolicy": "s3", "AWS::SQS::QueuePolicy": "sqs", "AWS::SNS::TopicPolicy": "sns",
    ]

    /// The IAM data's bytes, and each service prefix's line in them (`prefix action ...`, lower
    /// case), read on first use. The actions of a service are split out when a policy names it:
    /// making every service's set up front cost 78 M instructions, a third of a 250-resource lint.
    static let data: (bytes: [UInt8], lines: [String: Range<Int>]) = {
        let bytes = Array(IAMActionsData.text.utf8)
        var lines: [String: Range<Int>] = [:]
        lines.reserveCapacity(512)
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while start < buffer.count {
                var end = start
                while end < buffer.count, buffer[end] != 0x0A { end += 1 }
                var space = start
                while space < end, buffer[space] != 0x20 { space += 1 }
                if space < end {
                    lines[String(decoding: buffer[start..<space], as: UTF8.self)] = (space + 1)..<end
                }
                start = end + 1
            }
        }
        return (bytes, lines)
    }()

    /// Whether the IAM service prefix has an action `permission` (lower case; `*` and `?` as
    /// wildcards) names, read in place in the service's line of the data; nil when the prefix
    /// is no service.
    static func hasAction(_ service: String, _ permission: String) -> Bool? {
        guard let range = data.lines[service] else { return nil }
        let wanted = Array(permission.utf8)
        let wild = wanted.contains(UInt8(ascii: "*")) || wanted.contains(UInt8(ascii: "?"))
        return data.bytes.withUnsafeBufferPointer { buffer in
            var start = range.lowerBound
            while start < range.upperBound {
                var end = start
                while end < range.upperBound, buffer[end] != 0x20 { end += 1 }
                let word = UnsafeBufferPointer(rebasing: buffer[start..<end])
                if wild ? glob(wanted, word) : word.elementsEqual(wanted) { return true }
                start = end + 1
            }
            return false
        }
    }

    /// Each policy document of the template's resources: the resource, the path of the
    /// document under its properties, the document (a policy written as JSON text decoded) and
    /// where it is (the key; a problem inside a JSON text is reported there).
    /// Read once per template (`SharedWork.policies`): W3037 and W2511 read the same documents,
    /// and a policy written as JSON text is decoded here.
    static func policies(_ template: Template) -> [PolicyDocument] {
        var out: [PolicyDocument] = []
        for r in template.resources {
            guard let type = r.type, let paths = documents[type], let properties = r.node[entry: "Properties"] else { continue }
            for path in paths {
                for (document, at) in SchemaCheck.reach(properties.value, at: properties.keyRange, path[...]) {
                    if let text = document.stringValue {
                        // Read as JSON, as cfn-lint reads it: YAML text that is not JSON is no
                        // policy, and JSON that is no mapping is a policy of the wrong type.
                        guard let json = JSONValue.parse(Array(text.utf8)) else { continue }
                        if let parsed = try? Template(text: text, path: "policy.json"), parsed.rootNode.mapValue != nil {
                            out.append((r, path, parsed.rootNode, at, true))
                        } else {
                            out.append((r, path, node(json, at: at), at, true))
                        }
                    } else {
                        out.append((r, path, document, at, false))
                    }
                }
            }
        }
        return out
    }

    /// A JSON value as a template node, every part placed at `at` (a policy text's property).
    static func node(_ json: JSONValue, at: SourceRange) -> Node {
        switch json {
        case .string(let s): return Node(.string(s), range: at)
        case .number(let d):
            let text = d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d)
            return Node(.number(Number(text: text, kind: d == d.rounded() ? .integer : .float, canonical: text)), range: at)
        case .bool(let b): return Node(.bool(b), range: at)
        case .null: return Node(.null, range: at)
        case .array(let items): return Node(.list(items.map { node($0, at: at) }), range: at)
        case .object(let members):
            return Node(.map(Map(members.map { Map.Entry(key: $0.0, value: node($0.1, at: at), keyRange: at) })), range: at)
        }
    }

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard !context.written.hasServerlessTransform else { return }
        var seen: Set<String> = []
        for (r, path, document, at, isText) in context.shared.policies(context.template) {
            guard let type = r.type else { continue }
            for (list, found) in Self.actionLists(document, at: at) {
                let place = isText ? at : found
                for problem in Self.problems(list, only: Self.onlyService[type]) {
                    guard seen.insert("\(place.start.offset)|\(problem.key)").inserted else { continue }
                    findings.append(
                        context.finding(Self.self, problem.message, at: place, path: ["Resources", r.logicalId, "Properties"] + path)
                    )
                }
            }
        }
    }

    /// Each statement's `Action` and `NotAction` value with where to report it: the key, or
    /// a `Fn::If` branch.
    static func actionLists(_ document: Node, at: SourceRange) -> [(Node, SourceRange)] {
        var out: [(Node, SourceRange)] = []
        for (statements, _) in SchemaCheck.reach(document, at: at, ["Statement"]) {
            let each = statements.listValue ?? [statements]
            for item in each {
                for (statement, _) in item.branches() where !statement.isNoValue {
                    for key in ["Action", "NotAction"] {
                        out += SchemaCheck.reach(statement, at: at, [key])
                    }
                }
            }
        }
        return out
    }

    struct Problem {
        var key: String
        var message: String
    }

    /// What is wrong with the actions of one `Action` value (a string or a list): a value that
    /// is not `service:action` ends the list's check, as in cfn-lint.
    static func problems(_ value: Node, only: String?) -> [Problem] {
        var out: [Problem] = []
        let items = value.listValue ?? [value]
        for item in items {
            guard let action = item.stringValue, action != "*" else { continue }
            guard let colon = action.firstIndex(of: ":") else {
                out.append(Problem(key: "form|\(action)", message: "'\(action)' is not an action: write service:action, or '*'"))
                return out
            }
            let service = action[..<colon].lowercased()
            let permission = action[action.index(after: colon)...].lowercased()
            if let only, service != only {
                out.append(Problem(key: "only|\(service)", message: "'\(action)': this policy takes only \(only) actions"))
            }
            guard let found = Self.hasAction(service, permission) else {
                out.append(Problem(key: "service|\(service)", message: "'\(action)': \(service) is not an IAM service prefix"))
                continue
            }
            if !found {
                out.append(
                    Problem(
                        key: "action|\(permission)",
                        message:
                            "'\(action)': \(service) has no action \(permission.utf8.contains(UInt8(ascii: "*")) || permission.utf8.contains(UInt8(ascii: "?")) ? "matching " : "")\(permission)"
                    )
                )
            }
        }
        return out
    }

    /// Whether `p` (`*`: any run of characters, `?`: any one) matches all of `t`.
    static func glob(_ p: [UInt8], _ t: UnsafeBufferPointer<UInt8>) -> Bool {
        var pi = 0
        var ti = 0
        var star = -1
        var mark = 0
        while ti < t.count {
            if pi < p.count && (p[pi] == UInt8(ascii: "?") || p[pi] == t[ti]) {
                pi += 1
                ti += 1
            } else if pi < p.count && p[pi] == UInt8(ascii: "*") {
                star = pi
                mark = ti
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ti = mark
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
