import CFNModel

/// E1029: a `${Name}` that would be substituted sits in a string that is not in an `Fn::Sub`.
struct SubNeeded: Rule {
    static let info = RuleInfo(
        id: "E1029",
        title: "Variable written outside Fn::Sub",
        description: """
            Text such as `${BucketName}` or `${Role.Arn}` is only replaced inside `Fn::Sub`; \
            anywhere else CloudFormation passes it on unchanged, which is rarely what was meant. \
            The rule reports a `${}` that names a parameter, a resource, a resource attribute or a \
            pseudo-parameter in a string outside `Fn::Sub`. Strings under a `TemplateBody`, and \
            Step Functions definitions whose `DefinitionSubstitutions` define the name, are left \
            alone; in a Step Functions `DefinitionString` every `${}` is reported.
            """,
        passing: [
            """
            Parameters:
              Env: {Type: String}
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub '${Env}-logs'
            """
        ],
        failing: [
            """
            Parameters:
              Env: {Type: String}
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: '${Env}-logs' # <-
            """
        ],
        fixes: [
            FixExample(
                before: """
                    Resources:
                      Topic:
                        Type: AWS::SNS::Topic
                        Properties:
                          TopicName: ${AWS::StackName}-alerts
                    """,
                after: """
                    Resources:
                      Topic:
                        Type: AWS::SNS::Topic
                        Properties:
                          TopicName: !Sub ${AWS::StackName}-alerts
                    """,
                safety: .unsafe
            ),
            FixExample(
                before: """
                    {"Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "${AWS::StackName}-alerts"}}}}
                    """,
                after: """
                    {"Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": {"Fn::Sub": "${AWS::StackName}-alerts"}}}}}
                    """,
                safety: .unsafe
            ),
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        let targets = FunctionWalker.refTargets(template)
        let resources = Set(template.resources.map(\.logicalId))
        var path: [String] = []
        walk(template.rootNode, &path, context, targets, resources, &findings)
    }

    private func walk(
        _ node: Node,
        _ path: inout [String],
        _ context: LintContext,
        _ targets: Set<String>,
        _ resources: Set<String>,
        _ findings: inout [Finding]
    ) {
        switch node.value {
        case .string(let s):
            guard s.utf8.containsDollarBrace, path.last != "TemplateBody", !path.contains("Fn::Sub") else { return }
            for name in SubNeeded.variables(in: s) {
                if stepFunctionsSubstitutes(name, path, context.template) { continue }
                var known = targets.contains(name)
                if !known, let dot = name.firstIndex(of: ".") {
                    known = resources.contains(String(name[..<dot])) && name[name.index(after: dot)...].isEmpty == false
                }
                guard known || path.contains("DefinitionString") else { continue }
                var finding = context.finding(
                    SubNeeded.self,
                    "'${\(name)}' is only substituted inside Fn::Sub; here it stays as written",
                    at: node.range,
                    path: path
                )
                // Unsafe: the text may be meant as written (a script that fills it in later).
                // Only where Fn::Sub knows every name in the string (not `${aws:username}`).
                if SubNeeded.variables(in: s).allSatisfy({ n in targets.contains(n) || Self.isAttribute(n, resources) }) {
                    finding.fix = context.fix("substitute it with Fn::Sub", .unsafe) { $0.wrapInSub(node) }
                }
                findings.append(finding)
            }
        // One path, grown and shrunk on the way down and up (no array per node).
        case .list(let items):
            for (i, item) in items.enumerated() {
                path.append(String(i))
                walk(item, &path, context, targets, resources, &findings)
                path.removeLast()
            }
        case .map(let m):
            for e in m.entries {
                path.append(e.key)
                walk(e.value, &path, context, targets, resources, &findings)
                path.removeLast()
            }
        case .function(let f):
            path.append(f.name.rawValue)
            walk(f.argument, &path, context, targets, resources, &findings)
            path.removeLast()
        default:
            break
        }
    }

    /// Whether `name` is `Resource.Attribute` for a resource of the template.
    static func isAttribute(_ name: String, _ resources: Set<String>) -> Bool {
        guard let dot = name.firstIndex(of: "."), name.index(after: dot) < name.endIndex else { return false }
        return resources.contains(String(name[..<dot]))
    }

    /// Names in `${...}` made only of letters, digits, `_`, `:` and `.` (what a variable can be).
    static func variables(in s: String) -> [String] {
        var out: [String] = []
        let u = Array(s.utf8)
        var i = 0
        while i + 1 < u.count {
            if u[i] == UInt8(ascii: "$") && u[i + 1] == UInt8(ascii: "{") {
                var j = i + 2
                while j < u.count, isNameByte(u[j]) { j += 1 }
                if j < u.count, u[j] == UInt8(ascii: "}"), j > i + 2 {
                    out.append(String(decoding: u[(i + 2)..<j], as: UTF8.self))
                    i = j + 1
                    continue
                }
            }
            i += 1
        }
        return out
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 58) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95 || b == 46
    }

    /// A Step Functions definition whose sibling `DefinitionSubstitutions` defines the name.
    private func stepFunctionsSubstitutes(_ name: String, _ path: [String], _ template: Template) -> Bool {
        for key in ["DefinitionString", "Definition"] {
            guard let index = path.firstIndex(of: key) else { continue }
            var node: Node? = template.rootNode
            for k in path[..<index] {
                if let i = Int(k), let list = node?.listValue { node = i < list.count ? list[i] : nil } else { node = node?[k] }
            }
            if node?["DefinitionSubstitutions"]?[name] != nil { return true }
        }
        return false
    }
}

extension String.UTF8View {
    /// Whether the text holds `${`, found byte by byte.
    fileprivate var containsDollarBrace: Bool {
        var previous: UInt8 = 0
        for b in self {
            if b == UInt8(ascii: "{") && previous == UInt8(ascii: "$") { return true }
            previous = b
        }
        return false
    }
}
