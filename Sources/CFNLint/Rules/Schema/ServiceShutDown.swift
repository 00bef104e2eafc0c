/// E3710: a resource type whose service AWS has shut down.
struct ServiceShutDown: Rule {
    static let info = RuleInfo(
        id: "E3710",
        title: "Resource type of a shut-down service",
        description: """
            AWS has shut the resource type's service down (the date comes from the resource \
            schemas): the stack cannot create or update it. Migrate to the replacement service.
            """,
        passing: [
            """
            Resources:
              Stream:
                Type: AWS::Kinesis::Stream
                Properties:
                  ShardCount: 1
            """
        ],
        failing: [
            """
            Resources:
              Stack:
                Type: AWS::OpsWorks::Stack
                Properties: # <-
                  Name: app
                  ServiceRoleArn: arn:aws:iam::123456789012:role/opsworks
                  DefaultInstanceProfileArn: arn:aws:iam::123456789012:instance-profile/opsworks
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        ServiceLifecycle.report(Self.self, status: "shutdown", context, into: &findings) { type, date in
            "Resource type '\(type)' belongs to a service AWS shut down on \(date)"
        }
    }
}
