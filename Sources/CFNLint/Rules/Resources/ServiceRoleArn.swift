import CFNModel

/// E3511: a property that takes an IAM role's ARN is given text that is not one.
struct ServiceRoleArn: Rule {
    static let info = RuleInfo(
        id: "E3511",
        title: "IAM role ARN malformed",
        description: """
            Some properties hand a service a role to act as, by ARN: a backup selection's \
            `IamRoleArn`, a Batch compute environment's `ServiceRole` and \
            `ComputeResources.SpotIamFleetRole`, a Spot Fleet's `IamFleetRole`, a task \
            definition's `ExecutionRoleArn`, a bucket's replication `Role`. Written as text, \
            the value must be `arn:<partition>:iam::<12-digit account>:role/<path and name>` \
            (letters, digits and `_+=,.@-/`). A role's name alone, or a user's ARN, is refused \
            when the stack is deployed. Values given by a function or a dynamic reference are \
            not judged; each `Fn::If` branch is. The pattern is cfn-lint 1.51.0's.
            """,
        passing: [
            """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ExecutionRoleArn: arn:aws:iam::123456789012:role/service-role/ecsTaskExecution
                  ContainerDefinitions: []
              Other:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ExecutionRoleArn: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/ecsTaskExecution
                  ContainerDefinitions: []
            """
        ],
        failing: [
            """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ExecutionRoleArn: ecsTaskExecution # <-
                  ContainerDefinitions: []
              Compute:
                Type: AWS::Batch::ComputeEnvironment
                Properties:
                  Type: MANAGED
                  ServiceRole: arn:aws:iam::123456789012:user/batch # <-
            """
        ]
    )

    /// Resource type -> the properties that take a role's ARN.
    static let properties: [String: [[String]]] = [
        "AWS::Backup::BackupSelection": [["BackupSelection", "IamRoleArn"]],
        "AWS::Batch::ComputeEnvironment": [["ComputeResources", "SpotIamFleetRole"], ["ServiceRole"]],
        "AWS::EC2::SpotFleet": [["SpotFleetRequestConfigData", "IamFleetRole"]],
        "AWS::ECS::TaskDefinition": [["ExecutionRoleArn"]],
        "AWS::S3::Bucket": [["ReplicationConfiguration", "Role"]],
    ]

    static let pattern = try! Pattern(#"^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role/[a-zA-Z_0-9+=,.@\-_/]+$"#)

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources {
            guard let type = r.type, let paths = Self.properties[type], let properties = r.node[entry: "Properties"] else { continue }
            for path in paths {
                for (value, at) in SchemaCheck.reach(properties.value, at: properties.keyRange, path[...]) {
                    guard case .string(let text) = value.value, !text.containsBytes("{{resolve:"), !Self.pattern.search(text) else {
                        continue
                    }
                    findings.append(
                        context.finding(
                            Self.self,
                            "'\(text)' is not an IAM role ARN (arn:<partition>:iam::<account>:role/<name>)",
                            at: at,
                            path: ["Resources", r.logicalId, "Properties"] + path
                        )
                    )
                }
            }
        }
    }
}
