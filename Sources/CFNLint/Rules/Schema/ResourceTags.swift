import CFNModel
import CFNSchema

/// E3024: the `Tags` of a taggable resource break CloudFormation's rules for tags.
struct ResourceTags: Rule {
    static let info = RuleInfo(
        id: "E3024",
        title: "Tags break CloudFormation's tag rules",
        description: """
            CloudFormation tags every type its schema marks taggable the same way, whatever the \
            type's own schema says of `Tags`: a list of `Key`/`Value` objects or a mapping of \
            keys to values. A key is 1 to 128 characters and must not start with `aws:` (that \
            prefix is AWS's own); a value is at most 256 characters; each item of the list has \
            a `Key`, and no two items have the same one. `Tags` that is a plain string (or a \
            `Ref` to a string parameter, a `Fn::Sub`, a `Fn::Join`) is neither. Each branch of \
            a `Fn::If` is checked; values given by other functions are not.
            """,
        passing: [
            """
            Resources:
              Logs:
                Type: AWS::S3::Bucket
                Properties:
                  Tags:
                    - Key: team
                      Value: payments
                    - Key: cost-center
                      Value: "4711"
              Setting:
                Type: AWS::SSM::Parameter
                Properties:
                  Type: String
                  Value: "on"
                  Tags:
                    team: payments
            """
        ],
        failing: [
            """
            Resources:
              Logs:
                Type: AWS::S3::Bucket
                Properties:
                  Tags: # <-
                    - Key: aws:team # <-
                      Value: payments
                    - Key: owner
                      Value: ana
                    - Key: owner
                      Value: ben
              Setting:
                Type: AWS::SSM::Parameter
                Properties:
                  Type: String
                  Value: "on"
                  Tags:
                    aws:team: payments # <-
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  Tags: team=payments # <-
            """
        ]
    )

    static let maxKeyLength = 128
    static let maxValueLength = 256

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let store = SchemaStore.bundled else { return }
        let template = context.template
        for r in template.resources {
            guard let type = r.type, !SchemaCheck.isSchemaless(type),
                let tags = r.node["Properties"]?.mapValue?[entry: "Tags"],
                store.schema(for: type, region: context.schemaRegion)?.taggable == true
            else { continue }
            let path = ["Resources", r.logicalId, "Properties", "Tags"]
            let viaIf = tags.value.functionValue?.name == .if
            for (value, _) in tags.value.branches() where !value.isNoValue {
                check(value, at: viaIf ? value.range : tags.keyRange, context, path, into: &findings)
            }
        }
    }

    /// One value `Tags` can take.
    private func check(_ tags: Node, at: SourceRange, _ context: LintContext, _ path: [String], into findings: inout [Finding]) {
        switch tags.value {
        case .list(let items):
            var keys: [Node] = []
            let conditions = context.template.root["Conditions"]?.mapValue
            for item in items {
                // An `Fn::If` on a condition the template does not define is not followed: the
                // item is then a mapping without a `Key` (as cfn-lint reads it).
                if let f = item.functionValue, f.name == .if, let condition = f.argument.listValue?.first,
                    let name = condition.stringValue, conditions?[name] == nil
                {
                    findings.append(context.finding(Self.self, "this tag has no 'Key'", at: item.range, path: path))
                    findings.append(
                        context.finding(
                            Self.self,
                            "the tag's Fn::If names '\(name)', which is not a condition of the template",
                            at: condition.range,
                            path: path
                        )
                    )
                    continue
                }
                for (value, _) in item.branches() where !value.isNoValue {
                    guard let map = value.mapValue else {
                        switch value.value {
                        case .string, .number, .bool, .list:
                            findings.append(
                                context.finding(Self.self, "a tag is a mapping with a 'Key' and a 'Value'", at: value.range, path: path)
                            )
                        default: break
                        }
                        continue
                    }
                    // cfn-lint compares the keys of the items written as mappings, not those an
                    // `Fn::If` chooses.
                    if item.functionValue == nil, let key = map["Key"] { keys.append(key) }
                    guard let key = map[entry: "Key"] else {
                        findings.append(context.finding(Self.self, "this tag has no 'Key'", at: value.range, path: path))
                        continue
                    }
                    checkKey(key.value, at: key.keyRange, context, path, into: &findings)
                    if let v = map[entry: "Value"] { checkValue(v.value, at: v.keyRange, context, path, into: &findings) }
                }
            }
            if hasDuplicate(keys) {
                findings.append(context.finding(Self.self, "two tags have the same 'Key'", at: at, path: path))
            }
        case .map(let map):
            for entry in map {
                if !Self.isAllowedKey(entry.key) {
                    findings.append(
                        context.finding(
                            Self.self,
                            "tag key '\(entry.key)' is not allowed: \(Self.keyProblem(entry.key))",
                            at: entry.keyRange,
                            path: path
                        )
                    )
                    continue
                }
                checkValue(entry.value, at: entry.keyRange, context, path, into: &findings)
            }
        case .string, .number, .bool:
            findings.append(
                context.finding(
                    Self.self,
                    "Tags is a list of Key/Value mappings or a mapping of keys to values, not a scalar",
                    at: at,
                    path: path
                )
            )
        case .function(let f):
            if Self.givesScalar(f, context.template) {
                findings.append(
                    context.finding(Self.self, "Tags is a list or a mapping; \(f.name) gives a string here", at: at, path: path)
                )
            }
        case .null:
            break
        }
    }

    private func checkKey(_ key: Node, at: SourceRange, _ context: LintContext, _ path: [String], into findings: inout [Finding]) {
        for (value, _) in key.branches() {
            guard let s = value.stringValue else { continue }
            let at = key.functionValue == nil ? at : value.range
            let length = s.unicodeScalars.count
            if length < 1 {
                findings.append(context.finding(Self.self, "a tag key is at least 1 character", at: at, path: path))
            } else if length > Self.maxKeyLength {
                findings.append(
                    context.finding(Self.self, "tag key is \(length) characters; at most \(Self.maxKeyLength)", at: at, path: path)
                )
            }
            if !Self.isAllowedKey(s) {
                findings.append(context.finding(Self.self, "tag key '\(s)' is not allowed: \(Self.keyProblem(s))", at: at, path: path))
            }
        }
    }

    private func checkValue(_ tagValue: Node, at: SourceRange, _ context: LintContext, _ path: [String], into findings: inout [Finding]) {
        for (value, _) in tagValue.branches() {
            guard let s = value.stringValue else { continue }
            let length = s.unicodeScalars.count
            if length > Self.maxValueLength {
                let at = tagValue.functionValue == nil ? at : value.range
                findings.append(
                    context.finding(Self.self, "tag value is \(length) characters; at most \(Self.maxValueLength)", at: at, path: path)
                )
            }
        }
    }

    /// `^(?!aws:).+$` as Python reads it: not empty, not `aws:...`, no line break (`.` does not
    /// take one; `$` takes a last one).
    static func isAllowedKey(_ key: String) -> Bool {
        if key.isEmpty || key.hasPrefix("aws:") { return false }
        var body = Substring(key)
        if body.hasSuffix("\n") { body = body.dropLast() }
        return !body.isEmpty && !body.contains("\n")
    }

    private static func keyProblem(_ key: String) -> String {
        if key.hasPrefix("aws:") { return "the 'aws:' prefix is reserved for AWS" }
        if key.isEmpty { return "it is empty" }
        return "it holds a line break"
    }

    /// Whether two keys are the same as cfn-lint compares them: a number and its text are.
    private func hasDuplicate(_ keys: [Node]) -> Bool {
        for i in keys.indices {
            for j in keys.indices where j > i && Self.same(keys[i], keys[j]) { return true }
        }
        return false
    }

    static func same(_ a: Node, _ b: Node) -> Bool {
        func truth(_ n: Node) -> Bool? {
            if case .bool(let v) = n.value { return v }
            if let s = n.stringValue?.lowercased(), s == "true" || s == "false" { return s == "true" }
            return nil
        }
        if let x = truth(a), let y = truth(b) { return x == y }
        if a.stringValue != nil || b.stringValue != nil {
            guard let x = a.scalarText, let y = b.scalarText else { return false }
            if a.stringValue != nil, b.stringValue != nil { return x == y }
            // A number against a string: the number as written.
            let number = a.stringValue == nil ? a : b
            let text = a.stringValue == nil ? y : x
            if case .number(let n) = number.value { return n.text == text }
            return false
        }
        return a.isSemanticallyEqual(to: b)
    }

    /// Whether a function's result is a single string (so cannot be a list or a mapping).
    static func givesScalar(_ f: Intrinsic, _ template: Template) -> Bool {
        switch f.name {
        case .sub, .join, .base64, .getStackOutput: return true
        case .ref:
            guard let target = f.refTarget else { return false }
            if let p = template.parameters.first(where: { $0.name == target }) {
                guard let type = p.type else { return false }
                return !(type.contains("List<") || type == "CommaDelimitedList")
            }
            if target == "AWS::NotificationARNs" || target == "AWS::NoValue" { return false }
            return DependencyGraph.pseudoParameters.contains(target) || template.resources.contains { $0.logicalId == target }
        default: return false
        }
    }
}
