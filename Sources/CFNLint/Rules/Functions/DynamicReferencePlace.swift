import CFNModel

/// E1051: a Secrets Manager dynamic reference outside resource properties.
struct SecretsManagerReferencePlace: Rule {
    static let info = RuleInfo(
        id: "E1051",
        title: "Secrets Manager dynamic reference outside resource properties",
        description: """
            `{{resolve:secretsmanager:...}}` is resolved only in a resource's `Properties` (and \
            a parameter's `Default`); anywhere else, such as an output's value, CloudFormation \
            rejects it, which also keeps secrets out of outputs and metadata.
            """,
        passing: [
            """
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: postgres
                  MasterUsername: admin
                  MasterUserPassword: '{{resolve:secretsmanager:db-secret:SecretString:password}}'
            """
        ],
        failing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            Outputs:
              Password:
                Value: '{{resolve:secretsmanager:db-secret:SecretString:password}}' # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for ref in context.shared.dynamic(context.template) where ref.service == "secretsmanager" && ref.parts.count >= 3 {
            let p = ref.path
            if p.count >= 3, (p[0] == "Resources" && p[2] == "Properties") || (p[0] == "Parameters" && p[2] == "Default") { continue }
            findings.append(
                context.finding(
                    SecretsManagerReferencePlace.self,
                    "'{{\(ref.text)}}' is resolved only in resource properties",
                    at: ref.range,
                    path: ref.path
                )
            )
        }
    }
}

/// E1052: an SSM parameter dynamic reference where CloudFormation does not resolve it.
struct SsmReferencePlace: Rule {
    static let info = RuleInfo(
        id: "E1052",
        title: "SSM dynamic reference where it is not resolved",
        description: """
            `{{resolve:ssm:...}}` is resolved in a resource's `Properties` and `Metadata`, an \
            output's `Value`, and a parameter's `Default` and `AllowedValues`; elsewhere (an \
            export name, a description, ...) it stays as written.
            """,
        passing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: '{{resolve:ssm:/names/topic}}'
            """
        ],
        failing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            Outputs:
              TopicArn:
                Value: !Ref Topic
                Export:
                  Name: '{{resolve:ssm:/names/export}}' # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for ref in context.shared.dynamic(context.template) where ref.service == "ssm" && ref.parts.count >= 3 {
            let p = ref.path
            if p.count >= 3 {
                switch p[0] {
                case "Parameters" where p[2] == "Default" || p[2] == "AllowedValues": continue
                case "Resources" where p[2] == "Properties" || p[2] == "Metadata": continue
                case "Outputs" where p[2] == "Value": continue
                default: break
                }
            }
            findings.append(
                context.finding(SsmReferencePlace.self, "'{{\(ref.text)}}' is not resolved here", at: ref.range, path: ref.path)
            )
        }
    }
}

/// E1027: an SSM SecureString dynamic reference where CloudFormation does not resolve it.
struct SecureStringReferencePlace: Rule {
    static let info = RuleInfo(
        id: "E1027",
        title: "SSM SecureString dynamic reference where it is not supported",
        description: """
            `{{resolve:ssm-secure:...}}` is resolved only in a few password properties: \
            `MasterUserPassword` of RDS instances and clusters and of Redshift clusters, the \
            `Password` of Directory Service directories, of an IAM user's `LoginProfile`, of a \
            Firehose Redshift destination and of OpsWorks sources, an ElastiCache replication \
            group's `AuthToken`, an OpsWorks stack's `DbPassword`. Anywhere else CloudFormation \
            rejects it.
            """,
        passing: [
            """
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties:
                  DBInstanceClass: db.t3.micro
                  Engine: postgres
                  MasterUsername: admin
                  MasterUserPassword: '{{resolve:ssm-secure:/db/password:1}}'
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
                  MasterUsername: '{{resolve:ssm-secure:/db/user:1}}' # <-
            """
        ]
    )

    /// `Type/Properties/...` paths (list items as `*`) where SecureString references resolve.
    static let supported: Set<String> = [
        "AWS::DirectoryService::MicrosoftAD/Properties/Password",
        "AWS::DirectoryService::SimpleAD/Properties/Password",
        "AWS::ElastiCache::ReplicationGroup/Properties/AuthToken",
        "AWS::IAM::User/Properties/LoginProfile/Password",
        "AWS::KinesisFirehose::DeliveryStream/Properties/RedshiftDestinationConfiguration/Password",
        "AWS::OpsWorks::App/Properties/AppSource/Password",
        "AWS::OpsWorks::Stack/Properties/RdsDbInstances/*/DbPassword",
        "AWS::OpsWorks::Stack/Properties/CustomCookbooksSource/Password",
        "AWS::RDS::DBCluster/Properties/MasterUserPassword",
        "AWS::RDS::DBInstance/Properties/MasterUserPassword",
        "AWS::Redshift::Cluster/Properties/MasterUserPassword",
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for ref in context.shared.dynamic(context.template) where ref.service == "ssm-secure" && ref.parts.count >= 3 {
            let p = ref.path
            if p.count >= 3, p[0] == "Resources", let type = context.template.resource(p[1])?.type {
                // The property's path, without the functions around the string.
                let rest = p.dropFirst(2).filter { !$0.hasPrefix("Fn::") }.map { Int($0) != nil ? "*" : $0 }
                if SecureStringReferencePlace.supported.contains(([type] + rest).joined(separator: "/")) { continue }
            }
            findings.append(
                context.finding(
                    SecureStringReferencePlace.self,
                    "'{{\(ref.text)}}': SSM SecureString references are resolved only in a few password properties",
                    at: ref.range,
                    path: ref.path
                )
            )
        }
    }
}
