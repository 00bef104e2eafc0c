import CFNModel

/// W1051: a Secrets Manager dynamic reference in a property that wants the secret's ARN.
struct SecretArnReference: Rule {
    static let info = RuleInfo(
        id: "W1051",
        title: "Secret where its ARN is expected",
        description: """
            SecretArn, SecretARN, SecretsManagerSecretId, SecretsManagerOracleAsmSecretId, \
            SecretsManagerSecurityDbEncryptionSecretId and SecretsManagerConfiguration take the \
            ARN (or id) of a secret, which the service reads itself. A \
            {{resolve:secretsmanager:...}} reference there hands over the secret's value instead: \
            the service gets the password as an ARN, and the value is written into the resource's \
            configuration. Give the secret's ARN (!Ref of an AWS::SecretsManager::Secret).
            """,
        passing: [
            """
            Resources:
              Secret:
                Type: AWS::SecretsManager::Secret
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  MasterUsername: admin
                  MasterUserPassword: '{{resolve:secretsmanager:db:SecretString:password}}'
                  MasterUserSecret:
                    SecretArn: !Ref Secret
            """
        ],
        failing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  MasterUsername: admin
                  MasterUserSecret:
                    SecretArn: '{{resolve:secretsmanager:db}}' # <-
              Other:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  MasterUsername: admin
                  MasterUserSecret:
                    SecretArn: !Sub '{{resolve:secretsmanager:${AWS::StackName}}}' # <-
            """
        ]
    )

    static let fields: Set<String> = [
        "SecretArn", "SecretARN", "SecretsManagerSecretId", "SecretsManagerOracleAsmSecretId",
        "SecretsManagerSecurityDbEncryptionSecretId", "SecretsManagerConfiguration",
    ]

    /// Whether `path` is in a resource's properties, under one of the fields.
    static func inField(_ path: [String]) -> Bool {
        path.count >= 3 && path[0] == "Resources" && path[2] == "Properties" && path.contains(where: fields.contains)
    }

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        for ref in context.shared.dynamic(template) where ref.service == "secretsmanager" && ref.parts.count >= 3 {
            guard Self.inField(ref.path), let type = template.resource(ref.path[1])?.type, FunctionWalker.hasSchema(type) else {
                continue
            }
            // A reference inside a function other than Fn::If is read as part of that function.
            if ref.path.contains(where: { $0 != FunctionName.if.rawValue && FunctionName(rawValue: $0).isKnown }) { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "'{{\(ref.text)}}' gives the secret's value to \(ref.path.last(where: Self.fields.contains) ?? "a field") that wants the secret's ARN",
                    at: Self.keyRange(of: ref.path, in: template) ?? ref.range,
                    path: ref.path
                )
            )
        }
        // A Fn::Sub whose whole string is such a reference.
        context.eachFunction { f, _, path, scope in
            guard f.name == .sub, Self.inField(path) else { return }
            let text = f.argument.stringValue ?? f.argument.listValue?.first?.stringValue
            guard let text, Self.isWholeSecretReference(text) else { return }
            findings.append(
                context.finding(
                    SecretArnReference.self,
                    "'\(text)' gives the secret's value to \(path.last(where: SecretArnReference.fields.contains) ?? "a field") that wants the secret's ARN",
                    at: FunctionWalker.argumentRange(f, scope),
                    path: path
                )
            )
        }
    }

    /// `{{resolve:secretsmanager:...}}` as the whole text, on one line, optionally between `\"`.
    static func isWholeSecretReference(_ text: String) -> Bool {
        var s = Substring(text)
        if s.hasSuffix("\n") { s = s.dropLast() }
        if s.contains("\n") { return false }
        if s.hasPrefix("\\\"") { s = s.dropFirst(2) }
        guard s.hasPrefix("{{resolve:secretsmanager:") else { return false }
        if s.hasSuffix("}}") { return true }
        return s.hasSuffix("}}\\\"")
    }

    /// The key a string at `path` is written under, when its parent is a mapping (cfn-lint
    /// places the finding there); nil for an item of a list.
    static func keyRange(of path: [String], in template: Template) -> SourceRange? {
        guard let last = path.last else { return nil }
        var node = template.rootNode
        for step in path.dropLast() {
            switch node.value {
            case .map(let m):
                guard let next = m[step] else { return nil }
                node = next
            case .list(let items):
                guard let i = Int(step), items.indices.contains(i) else { return nil }
                node = items[i]
            case .function(let f): node = f.argument
            default: return nil
            }
        }
        return node.mapValue?[entry: last]?.keyRange
    }
}
