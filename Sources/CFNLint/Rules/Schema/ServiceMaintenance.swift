/// W3697: a resource type whose service is in maintenance mode.
struct ServiceMaintenance: Rule {
    static let info = RuleInfo(
        id: "W3697",
        title: "Resource type of a service in maintenance mode",
        description: """
            AWS keeps the resource type's service running but no longer develops it and takes no \
            new customers (since the date in the resource schemas): consider its replacement.
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
              Review:
                Type: AWS::CodeGuruReviewer::RepositoryAssociation
                Properties: # <-
                  Name: app
                  Type: CodeCommit
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        ServiceLifecycle.report(Self.self, status: "maintenance", context, into: &findings) { type, date in
            "Resource type '\(type)' belongs to a service in maintenance mode since \(date); consider an alternative"
        }
    }
}
