import CFNModel

/// E3016: an `UpdatePolicy` that its resource's type does not take, or that is not what the
/// type takes.
struct UpdatePolicyConfiguration: Rule {
    static let info = RuleInfo(
        id: "E3016",
        title: "UpdatePolicy malformed",
        description: """
            Only some resource types take an `UpdatePolicy`, each its own: an \
            `AWS::AutoScaling::AutoScalingGroup` (`AutoScalingReplacingUpdate: {WillReplace}`, \
            `AutoScalingRollingUpdate` with its batch sizes, percentages, `PauseTime`, \
            `SuspendProcesses` and `WaitOnResourceSignals`, `AutoScalingScheduledAction: \
            {IgnoreUnmodifiedGroupSizeProperties}`), an `AWS::Lambda::Alias` \
            (`CodeDeployLambdaAliasUpdate` with its application, deployment group and hooks), an \
            `AWS::Elasticsearch::Domain` or `AWS::OpenSearchService::Domain` \
            (`EnableVersionUpgrade`), an `AWS::ElastiCache::ReplicationGroup` \
            (`UseOnlineResharding`) and an `AWS::AppStream::Fleet` (`StopBeforeUpdate` and \
            `StartAfterUpdate`, each `{Type: true|false}`). CloudFormation ignores or refuses \
            any other. A policy holding an intrinsic function is not judged. The schema is \
            cfn-lint 1.51.0's.
            """,
        passing: [
            """
            Resources:
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                UpdatePolicy:
                  AutoScalingRollingUpdate:
                    MaxBatchSize: 2
                    MinInstancesInService: 1
                    PauseTime: PT5M
                    SuspendProcesses: [HealthCheck, ReplaceUnhealthy]
                    WaitOnResourceSignals: true
                Properties:
                  MinSize: "1"
                  MaxSize: "3"
                  LaunchConfigurationName: web
                  VPCZoneIdentifier: [subnet-0123456789abcdef0]
            """
        ],
        failing: [
            """
            Resources:
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                UpdatePolicy:
                  AutoScalingRollingUpdate:
                    MaxBatchSize: two # <-
                    SuspendProcesses: [Reboot] # <-
                  AutoScalingReplacingUpdate:
                    Replace: true # <-
                Properties:
                  MinSize: "1"
                  MaxSize: "3"
                  LaunchConfigurationName: web
                  VPCZoneIdentifier: [subnet-0123456789abcdef0]
              Topic:
                Type: AWS::SNS::Topic
                UpdatePolicy: # <-
                  AutoScalingRollingUpdate: {MaxBatchSize: 1}
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources where r.node.mapValue?["UpdatePolicy"] != nil {
            ResourceAttributeSchema.check(
                Self.self,
                r.node,
                "update",
                at: r.idRange,
                path: ["Resources", r.logicalId, "UpdatePolicy"],
                context,
                into: &findings
            )
        }
    }
}
