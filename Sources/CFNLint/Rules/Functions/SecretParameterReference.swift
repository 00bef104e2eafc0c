import CFNModel

/// W1011: a password or token property given by `Ref` to a parameter.
struct SecretParameterReference: Rule {
    static let info = RuleInfo(
        id: "W1011",
        title: "Secret passed as a parameter",
        description: """
            A password or authentication token read from a template parameter passes through \
            every deployment command and tool that supplies it, and is stored in the stack's \
            parameters. A dynamic reference (`{{resolve:secretsmanager:...}}` or \
            `{{resolve:ssm-secure:...}}`) lets CloudFormation read it from Secrets Manager or \
            Parameter Store instead. Reported for a `Ref` to a parameter (directly or as a \
            branch of `Fn::If`) in the password properties of Directory Service, ElastiCache \
            replication groups, IAM users' login profiles, Firehose Redshift destinations, \
            OpsWorks, RDS and Redshift.
            """,
        passing: [
            """
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: mysql
                  DBInstanceClass: db.t3.micro
                  AllocatedStorage: "20"
                  MasterUsername: admin
                  MasterUserPassword: '{{resolve:secretsmanager:db-password}}'
            """
        ],
        failing: [
            """
            Parameters:
              Password:
                Type: String
                NoEcho: true
              UseToken:
                Type: String
            Conditions:
              WithToken: !Equals [!Ref UseToken, "yes"]
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: mysql
                  DBInstanceClass: db.t3.micro
                  AllocatedStorage: "20"
                  MasterUsername: admin
                  MasterUserPassword: !Ref Password # <-
              Cache:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties:
                  ReplicationGroupDescription: cache
                  TransitEncryptionEnabled: true
                  AuthToken: !If
                    - WithToken
                    - !Ref Password # <-
                    - !Ref AWS::NoValue
            """
        ]
    )

    /// The properties that hold a secret, by resource type (`*`: every item of a list).
    static let secrets: [String: [[String]]] = [
        "AWS::DirectoryService::MicrosoftAD": [["Password"]],
        "AWS::DirectoryService::SimpleAD": [["Password"]],
        "AWS::ElastiCache::ReplicationGroup": [["AuthToken"]],
        "AWS::IAM::User": [["LoginProfile", "Password"]],
        "AWS::KinesisFirehose::DeliveryStream": [["RedshiftDestinationConfiguration", "Password"]],
        "AWS::OpsWorks::App": [["AppSource", "Password"]],
        "AWS::OpsWorks::Stack": [["RdsDbInstances", "*", "DbPassword"], ["CustomCookbooksSource", "Password"]],
        "AWS::RDS::DBCluster": [["MasterUserPassword"]],
        "AWS::RDS::DBInstance": [["MasterUserPassword"]],
        "AWS::Redshift::Cluster": [["MasterUserPassword"]],
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let parameters = Set(context.template.parameters.map(\.name))
        guard !parameters.isEmpty else { return }
        context.eachFunction { f, node, path, scope in
            guard f.name == .ref, let target = f.argument.stringValue, parameters.contains(target),
                let type = scope.resourceType, let patterns = Self.secrets[type], path.count > 3, path[2] == "Properties"
            else { return }
            // The property the value is given to, through the branches of `Fn::If` only.
            var property: [String] = []
            var i = 3
            while i < path.count {
                if path[i] == FunctionName.if.rawValue {
                    guard i + 1 < path.count, path[i + 1] == "1" || path[i + 1] == "2" else { return }
                    i += 2
                    continue
                }
                property.append(path[i])
                i += 1
            }
            guard
                patterns.contains(where: { p in
                    p.count == property.count && zip(p, property).allSatisfy { $0 == "*" ? Int($1) != nil : $0 == $1 }
                })
            else { return }
            // cfn-lint places it at the key the value is given to, or at the item of a list.
            let at = Int(path.last ?? "") != nil ? node.range : scope.anchor
            findings.append(
                context.finding(
                    Self.self,
                    "'\(property.joined(separator: "."))' is a secret given by parameter '\(target)': read it with a dynamic reference to Secrets Manager or Parameter Store instead",
                    at: at,
                    path: path
                )
            )
        }
    }
}
