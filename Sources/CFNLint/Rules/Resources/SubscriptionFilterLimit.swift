import CFNModel

/// E2529: more than two subscription filters on one CloudWatch Logs log group.
struct SubscriptionFilterLimit: Rule {
    static let info = RuleInfo(
        id: "E2529",
        title: "More than two subscription filters on one log group",
        description: """
            A CloudWatch Logs log group takes at most two subscription filters: a third \
            `AWS::Logs::SubscriptionFilter` with the same `LogGroupName` fails at deploy time. \
            In a SAM template, each `CloudWatchLogs` event of a function is one such filter. The \
            third filter of a log group is reported (as cfn-lint does), once; filters made \
            outside the template are not counted.
            """,
        passing: [
            """
            Resources:
              ErrorsFilter:
                Type: AWS::Logs::SubscriptionFilter
                Properties:
                  LogGroupName: /app/api
                  FilterPattern: ERROR
                  DestinationArn: !GetAtt Shipper.Arn
              AuditFilter:
                Type: AWS::Logs::SubscriptionFilter
                Properties:
                  LogGroupName: /app/api
                  FilterPattern: AUDIT
                  DestinationArn: !GetAtt Shipper.Arn
              Shipper:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.13
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/shipper
                  Code:
                    ZipFile: "def handler(event, context): pass"
            """
        ],
        failing: [
            """
            Resources:
              ErrorsFilter:
                Type: AWS::Logs::SubscriptionFilter
                Properties:
                  LogGroupName: /app/api
                  FilterPattern: ERROR
                  DestinationArn: !GetAtt Shipper.Arn
              AuditFilter:
                Type: AWS::Logs::SubscriptionFilter
                Properties:
                  LogGroupName: /app/api
                  FilterPattern: AUDIT
                  DestinationArn: !GetAtt Shipper.Arn
              DebugFilter: # <-
                Type: AWS::Logs::SubscriptionFilter
                Properties:
                  LogGroupName: /app/api
                  FilterPattern: DEBUG
                  DestinationArn: !GetAtt Shipper.Arn
              Shipper:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.13
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/shipper
                  Code:
                    ZipFile: "def handler(event, context): pass"
            """
        ]
    )

    static let limit = 2

    func check(_ context: LintContext, into findings: inout [Finding]) {
        var byGroup: [String: [Resource]] = [:]
        var order: [String] = []
        for r in context.template.resources where r.type == "AWS::Logs::SubscriptionFilter" {
            // The same value written the same way is the same log group (a Ref or a Sub included).
            let group =
                r.node["Properties"]?["LogGroupName"].map { String(decoding: Formatter.json($0, indent: 0), as: UTF8.self) } ?? "null"
            if byGroup[group] == nil { order.append(group) }
            byGroup[group, default: []].append(r)
        }
        for group in order {
            guard let filters = byGroup[group], filters.count > Self.limit else { continue }
            let third = filters[Self.limit]
            findings.append(
                context.finding(
                    Self.self,
                    "\(third.logicalId) is the third subscription filter of one log group (\(filters.map(\.logicalId).joined(separator: ", "))); a log group takes at most \(Self.limit)",
                    at: third.idRange,
                    path: ["Resources", third.logicalId]
                )
            )
        }
    }
}
