import CFNModel

/// A `{{resolve:service:...}}` dynamic reference found in a string of the template.
struct DynamicReference: Sendable {
    /// The text between the braces, `resolve:ssm:/path:1`.
    var text: String
    /// `text` split at `:`.
    var parts: [Substring]
    /// The string holding it.
    var range: SourceRange
    /// Where the string is: `Resources`, logical id, `Properties`, ...
    var path: [String]

    /// The service: `ssm`, `ssm-secure`, `secretsmanager`.
    var service: Substring? { parts.count > 1 ? parts[1] : nil }

    /// What is wrong with its shape, if anything.
    var problem: String? {
        guard parts.count >= 3 else { return "'{{\(text)}}' needs at least a service and a name: {{resolve:service:name}}" }
        switch parts[1] {
        case "ssm", "ssm-secure":
            if parts.count > 4 { return "An SSM dynamic reference is {{resolve:\(parts[1]):name}} or {{resolve:\(parts[1]):name:version}}" }
            if parts.count == 4, !parts[3].contains(where: \.isNumber) { return "The version of '{{\(text)}}' must be a number" }
            if parts[2].isEmpty { return "'{{\(text)}}' names no parameter" }
        case "secretsmanager":
            if parts[2] == "arn" {
                guard (9...13).contains(parts.count) else {
                    return "A secret's ARN in '{{\(text)}}' is arn:partition:secretsmanager:region:account:secret:name"
                }
                if parts[7] != "secret" { return "A secret's ARN in '{{\(text)}}' has 'secret' as its sixth part" }
                if parts.count > 9, parts[9] != "SecretString", !parts[9].isEmpty {
                    return "After the secret in '{{\(text)}}' comes 'SecretString' or nothing, not '\(parts[9])'"
                }
            } else {
                guard parts.count <= 7 else {
                    return
                        "A Secrets Manager dynamic reference is {{resolve:secretsmanager:secret:SecretString:json-key:version-stage:version-id}}"
                }
                if parts.count > 3, parts[3] != "SecretString", !parts[3].isEmpty {
                    return "After the secret in '{{\(text)}}' comes 'SecretString' or nothing, not '\(parts[3])'"
                }
            }
        default:
            return "'\(parts[1])' is not a dynamic reference service: ssm, ssm-secure or secretsmanager"
        }
        return nil
    }

    /// Every dynamic reference in the strings of resources, outputs and parameter defaults.
    /// A string holds at most one as cfn-lint reads it: from the last `{{resolve:` to the last
    /// `}}`, on one line.
    static func all(_ template: Template) -> [DynamicReference] {
        var out: [DynamicReference] = []
        var path: [String] = []
        for section in ["Resources", "Outputs", "Parameters"] {
            for e in template.root[section]?.mapValue?.entries ?? [] {
                path = [section, e.key]
                collect(e.value, &path, &out)
            }
        }
        return out
    }

    /// From the last `{{resolve:` to the last `}}` after it, without the braces.
    static func innerText(_ s: String) -> String? {
        let u = Array(s.utf8)
        guard !u.contains(10) else { return nil }
        let open = Array("{{resolve:".utf8)
        var start: Int?
        var i = u.count - open.count
        while i >= 0 {
            if u[i] == 123 && Array(u[i..<(i + open.count)]) == open {
                start = i
                break
            }
            i -= 1
        }
        guard let start else { return nil }
        var j = u.count - 2
        while j >= start + open.count {
            if u[j] == 125 && u[j + 1] == 125 { return String(decoding: u[(start + 2)..<j], as: UTF8.self) }
            j -= 1
        }
        return nil
    }

    /// Whether `s` holds `{{resolve:` (checked before `innerText`, which copies the string).
    private static func mayResolve(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { u in
            let open = "{{resolve:".utf8
            guard u.count >= open.count + 2 else { return false }
            var i = 0
            while i + open.count <= u.count {
                if u[i] == 123, u[i + 1] == 123, open.elementsEqual(u[i..<(i + open.count)]) { return true }
                i += 1
            }
            return false
        }
    }

    /// The references under `node`, whose path is `path` (a stack: entries are pushed and
    /// popped, the path copied only into a reference found).
    private static func collect(_ node: Node, _ path: inout [String], _ out: inout [DynamicReference]) {
        switch node.value {
        case .string(let s):
            guard mayResolve(s), let text = innerText(s) else { return }
            out.append(
                DynamicReference(
                    text: text,
                    parts: text.split(separator: ":", omittingEmptySubsequences: false),
                    range: node.range,
                    path: path
                )
            )
        case .list(let items):
            for (i, item) in items.enumerated() {
                path.append(String(i))
                collect(item, &path, &out)
                path.removeLast()
            }
        case .map(let m):
            for e in m.entries {
                path.append(e.key)
                collect(e.value, &path, &out)
                path.removeLast()
            }
        case .function(let f):
            path.append(f.name.rawValue)
            collect(f.argument, &path, &out)
            path.removeLast()
        default:
            break
        }
    }
}

/// E1050: a dynamic reference `{{resolve:...}}` has the shape CloudFormation reads.
struct DynamicReferenceShape: Rule {
    static let info = RuleInfo(
        id: "E1050",
        title: "Dynamic reference is malformed",
        description: """
            A dynamic reference is `{{resolve:ssm:name}}` or `{{resolve:ssm:name:version}}` \
            (also `ssm-secure`), or `{{resolve:secretsmanager:secret-id:SecretString:json-key:\
            version-stage:version-id}}` where the secret may be an ARN. Another service, a \
            version that is not a number, or too many or too few parts makes CloudFormation fail \
            to resolve it.
            """,
        passing: [
            """
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: postgres
                  MasterUsername: '{{resolve:ssm:/db/user:2}}'
                  MasterUserPassword: '{{resolve:secretsmanager:db-secret:SecretString:password}}'
            """
        ],
        failing: [
            """
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: postgres
                  MasterUsername: '{{resolve:ssm:/db/user:latest}}' # <-
                  MasterUserPassword: '{{resolve:secrets:db-secret}}' # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for ref in context.shared.dynamic(context.template) {
            guard let problem = ref.problem else { continue }
            findings.append(context.finding(DynamicReferenceShape.self, problem, at: ref.range, path: ref.path))
        }
    }
}
