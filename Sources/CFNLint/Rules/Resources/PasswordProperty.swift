import CFNModel

/// W2501: a password property is written in the template, read from a plain SSM parameter, or
/// comes from a parameter that does not hide its value.
struct PasswordProperty: Rule {
    static let info = RuleInfo(
        id: "W2501",
        title: "Password in the clear",
        description: """
            A property named AccountPassword, AdminPassword, ADDomainJoinPassword, \
            CrossRealmTrustPrincipalPassword, KdcAdminPassword, Password, DbPassword, \
            MasterUserPassword or PasswordParam, anywhere in a resource's properties, should take \
            its value from a secret: a secure dynamic reference ({{resolve:secretsmanager:...}} \
            or {{resolve:ssm-secure:...}}) or a parameter with NoEcho: true. Reported: a literal \
            password, a {{resolve:ssm:...}} reference (plain SSM parameters are stored \
            unencrypted), a map that is not a function, and, at the parameter, a parameter \
            without NoEcho that a password property refers to.
            """,
        passing: [
            """
            Parameters:
              AdminPassword:
                Type: String
                NoEcho: true
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: mysql
                  DBInstanceClass: db.t3.micro
                  AllocatedStorage: "20"
                  MasterUsername: admin
                  MasterUserPassword: !Ref AdminPassword
              Directory:
                Type: AWS::DirectoryService::MicrosoftAD
                Properties:
                  Name: corp.example.com
                  Password: "{{resolve:secretsmanager:directory:SecretString:password}}"
                  VpcSettings:
                    SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
                    VpcId: vpc-0123456789abcdef0
            """
        ],
        failing: [
            """
            Parameters:
              AdminPassword: # <-
                Type: String
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: mysql
                  DBInstanceClass: db.t3.micro
                  AllocatedStorage: "20"
                  MasterUsername: admin
                  MasterUserPassword: !Ref AdminPassword
              Directory:
                Type: AWS::DirectoryService::MicrosoftAD
                Properties:
                  Name: corp.example.com
                  Password: "{{resolve:ssm:/directory/password}}" # <-
                  VpcSettings:
                    SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
                    VpcId: vpc-0123456789abcdef0
              Other:
                Type: AWS::DirectoryService::SimpleAD
                Properties:
                  Name: corp.example.com
                  Password: hunter22 # <-
                  Size: Small
                  VpcSettings:
                    SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef1]
                    VpcId: vpc-0123456789abcdef0
            """
        ]
    )

    static let names: Set<String> = [
        "AccountPassword", "AdminPassword", "ADDomainJoinPassword", "CrossRealmTrustPrincipalPassword",
        "KdcAdminPassword", "Password", "DbPassword", "MasterUserPassword", "PasswordParam",
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let parameters = context.template.root["Parameters"]?.mapValue
        // (parameter, property) pairs, once each, in the order first met.
        var exposed: [(String, String)] = []
        for r in context.template.resources {
            guard let properties = r.node["Properties"] else { continue }
            visit(properties, r.logicalId, parameters, context, &findings, &exposed)
        }
        for (name, property) in exposed {
            guard let entry = parameters?[entry: name] else { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "parameter \(name) is used as \(property): give it NoEcho: true so its value is not shown",
                    at: entry.keyRange,
                    path: ["Parameters", name]
                )
            )
        }
    }

    /// Looks for password keys at every depth, function arguments included.
    private func visit(
        _ node: Node,
        _ resource: String,
        _ parameters: Map?,
        _ context: LintContext,
        _ findings: inout [Finding],
        _ exposed: inout [(String, String)]
    ) {
        switch node.value {
        case .list(let items):
            for item in items { visit(item, resource, parameters, context, &findings, &exposed) }
        case .function(let f):
            visit(f.argument, resource, parameters, context, &findings, &exposed)
        case .map(let m):
            for e in m {
                if Self.names.contains(e.key) { inspect(e, resource, parameters, context, &findings, &exposed) }
                visit(e.value, resource, parameters, context, &findings, &exposed)
            }
        default: break
        }
    }

    private func inspect(
        _ e: Map.Entry,
        _ resource: String,
        _ parameters: Map?,
        _ context: LintContext,
        _ findings: inout [Finding],
        _ exposed: inout [(String, String)]
    ) {
        switch e.value.value {
        case .string(let text):
            if Self.isDynamicReference(text) {
                if Self.isPlainSSMReference(text) {
                    findings.append(
                        context.finding(
                            Self.self,
                            "\(e.key) of \(resource) reads a plain SSM parameter: use {{resolve:ssm-secure:...}} or Secrets Manager",
                            at: e.keyRange
                        )
                    )
                }
            } else {
                findings.append(
                    context.finding(Self.self, "\(e.key) of \(resource) is written in the template: take it from a secret", at: e.keyRange)
                )
            }
        case .function(let f):
            guard f.name == .ref, let name = f.argument.stringValue, let parameter = parameters?[name] else { return }
            let noEcho = parameter.mapValue?[entry: "NoEcho"]
            if noEcho == nil || Self.isFalsy(noEcho!.value), !exposed.contains(where: { $0 == (name, e.key) }) {
                exposed.append((name, e.key))
            }
        case .map(let m) where m.count != 1:
            findings.append(
                context.finding(Self.self, "\(e.key) of \(resource) is a map: a password is a string or a function", at: e.keyRange)
            )
        default: break
        }
    }

    /// NoEcho values that do not hide the parameter: false, 0, an empty string, null.
    static func isFalsy(_ node: Node) -> Bool {
        switch node.value {
        case .bool(let b): return !b
        case .number(let n): return n.doubleValue == 0
        case .string(let s): return s.isEmpty
        case .null: return true
        default: return false
        }
    }

    /// The one line a dynamic reference is looked for in: the whole text, less one final line
    /// break; nil when the text spans more lines (cfn-lint's pattern then matches nothing).
    private static func line(_ text: String) -> [UInt8]? {
        var bytes = Array(text.utf8)
        if bytes.last == 10 { bytes.removeLast() }
        return bytes.contains(10) ? nil : bytes
    }

    private static func occurrences(of needle: String, in bytes: [UInt8]) -> [Int] {
        let n = Array(needle.utf8)
        guard bytes.count >= n.count else { return [] }
        return (0...(bytes.count - n.count)).filter { i in bytes[i..<(i + n.count)].elementsEqual(n) }
    }

    /// `{{resolve:` with something, then `}}`, on the line.
    static func isDynamicReference(_ text: String) -> Bool {
        guard let bytes = line(text), let open = occurrences(of: "{{resolve:", in: bytes).first,
            let close = occurrences(of: "}}", in: bytes).last
        else { return false }
        return close >= open + 11
    }

    /// `{{resolve:ssm:name}}` or `{{resolve:ssm:name:version}}` on the line.
    static func isPlainSSMReference(_ text: String) -> Bool {
        guard let bytes = line(text) else { return false }
        let prefix = "{{resolve:ssm:".utf8.count
        func isNameByte(_ c: UInt8) -> Bool {
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95 || c == 46 || c == 45 || c == 47
        }
        for start in occurrences(of: "{{resolve:ssm:", in: bytes) {
            var i = start + prefix
            let nameStart = i
            while i < bytes.count, isNameByte(bytes[i]) { i += 1 }
            if i == nameStart { continue }
            if i < bytes.count, bytes[i] == 58 {  // ":" and a version
                var j = i + 1
                while j < bytes.count, bytes[j] >= 48, bytes[j] <= 57 { j += 1 }
                if j > i + 1 { i = j }
            }
            if i + 1 < bytes.count, bytes[i] == 125, bytes[i + 1] == 125 { return true }
        }
        return false
    }
}
