import CFNModel

/// E3055: a `CreationPolicy` that is not what its resource's type takes.
struct CreationPolicyConfiguration: Rule {
    static let info = RuleInfo(
        id: "E3055",
        title: "CreationPolicy malformed",
        description: """
            The `CreationPolicy` of an `AWS::AutoScaling::AutoScalingGroup` has only \
            `AutoScalingCreationPolicy: {MinSuccessfulInstancesPercent}` (an integer) and \
            `ResourceSignal: {Count, Timeout}` (an integer and a duration); an \
            `AWS::CloudFormation::WaitCondition`'s only `ResourceSignal`; an \
            `AWS::AppStream::Fleet`'s only `StartFleet` (a boolean). Anything else in them is \
            refused or ignored by CloudFormation. Other types' creation policies are not read \
            here (cfn-lint 1.51.0 reads these three).
            """,
        passing: [
            """
            Resources:
              Ready:
                Type: AWS::CloudFormation::WaitCondition
                CreationPolicy:
                  ResourceSignal:
                    Count: 2
                    Timeout: PT15M
            """
        ],
        failing: [
            """
            Resources:
              Ready:
                Type: AWS::CloudFormation::WaitCondition
                CreationPolicy:
                  ResourceSignal:
                    Count: two # <-
                    TimeOut: PT15M # <-
                  StartFleet: true # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources {
            guard let type = r.type, let entry = r.node.mapValue?[entry: "CreationPolicy"] else { continue }
            ResourceAttributeSchema.check(
                Self.self,
                entry.value,
                "creation." + type,
                at: entry.keyRange,
                path: ["Resources", r.logicalId, "CreationPolicy"],
                context,
                into: &findings
            )
        }
    }
}
