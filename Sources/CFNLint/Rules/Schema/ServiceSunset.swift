/// W3696: a resource type whose service AWS is retiring.
struct ServiceSunset: Rule {
    static let info = RuleInfo(
        id: "W3696",
        title: "Resource type of a service being retired",
        description: """
            AWS has announced the end of the resource type's service (the date comes from the \
            resource schemas): plan the move to its replacement before then.
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
              Subscriptions:
                Type: AWS::Greengrass::SubscriptionDefinition
                Properties: # <-
                  Name: subscriptions
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        ServiceLifecycle.report(Self.self, status: "sunset", context, into: &findings) { type, date in
            "Resource type '\(type)' belongs to a service AWS retires on \(date); plan the migration"
        }
    }
}
