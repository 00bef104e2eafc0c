import CFNModel

/// W3664: a Lambda permission whose principal is not the service of the resource its
/// `SourceArn` names.
struct LambdaPermissionPrincipal: Rule {
    static let info = RuleInfo(
        id: "W3664",
        title: "Lambda permission Principal is the service of its SourceArn",
        description: """
            When a `AWS::Lambda::Permission`'s `SourceArn` refers to a resource of the template \
            (`!Ref` or `!GetAtt`), the `Principal` should be the service that invokes on that \
            resource's behalf: `s3.amazonaws.com` for a bucket, `sns.amazonaws.com` for a topic, \
            `events.amazonaws.com` for an EventBridge rule, `apigateway.amazonaws.com` for a REST \
            or HTTP API, `logs.amazonaws.com` (or `logs.<region>.amazonaws.com`) for a log \
            group, and likewise for Cognito user pools, Config rules, ELBv2 target groups and \
            IoT topic rules. Another principal cannot use the permission. The finding is at \
            `Principal`; a principal a function gives, and a resource type not in that list, \
            are not judged.
            """,
        passing: [
            """
            Resources:
              Nightly:
                Type: AWS::Events::Rule
                Properties:
                  ScheduleExpression: rate(1 day)
              Invoke:
                Type: AWS::Lambda::Permission
                Properties:
                  Action: lambda:InvokeFunction
                  FunctionName: report
                  Principal: events.amazonaws.com
                  SourceArn: !GetAtt Nightly.Arn
            """
        ],
        failing: [
            """
            Resources:
              Alerts:
                Type: AWS::SNS::Topic
              Invoke:
                Type: AWS::Lambda::Permission
                Properties:
                  Action: lambda:InvokeFunction
                  FunctionName: notify
                  Principal: events.amazonaws.com # <-
                  SourceArn: !Ref Alerts
            """
        ]
    )

    /// The principal each resource type's events come from.
    static let principals: [String: String] = [
        "AWS::ApiGateway::RestApi": "apigateway.amazonaws.com", "AWS::ApiGatewayV2::Api": "apigateway.amazonaws.com",
        "AWS::Cognito::UserPool": "cognito-idp.amazonaws.com", "AWS::Config::ConfigRule": "config.amazonaws.com",
        "AWS::ElasticLoadBalancingV2::TargetGroup": "elasticloadbalancing.amazonaws.com",
        "AWS::Events::Rule": "events.amazonaws.com", "AWS::IoT::TopicRule": "iot.amazonaws.com",
        "AWS::Logs::LogGroup": "logs.amazonaws.com", "AWS::S3::Bucket": "s3.amazonaws.com", "AWS::SNS::Topic": "sns.amazonaws.com",
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources where r.type == "AWS::Lambda::Permission" {
            guard let properties = r.node["Properties"], let principal = properties.mapValue?[entry: "Principal"],
                let given = principal.value.stringValue
            else { continue }
            var reported: Set<String> = []
            for case .resource(let name, let type) in LambdaPermissionSource.of(properties, in: context.template) {
                guard let expected = Self.principals[type], !Self.matches(given, expected), reported.insert(expected).inserted else {
                    continue
                }
                findings.append(
                    context.finding(
                        Self.self,
                        "Principal '\(given)' cannot use this permission: \(name) is a \(type), whose service principal is '\(expected)'",
                        at: principal.keyRange
                    )
                )
            }
        }
    }

    /// Whether `given` is `expected`; CloudWatch Logs also signs as `logs.<region>.amazonaws.com`.
    static func matches(_ given: String, _ expected: String) -> Bool {
        if given == expected { return true }
        guard expected == "logs.amazonaws.com", given.hasPrefix("logs."), given.hasSuffix(".amazonaws.com") else { return false }
        let region = given.dropFirst(5).dropLast(14).split(separator: "-", omittingEmptySubsequences: false)
        // ^logs(\.[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]+)?\.amazonaws\.com$
        guard region.count == 3 || region.count == 4, region[0].count == 2, region[0].allSatisfy({ $0 >= "a" && $0 <= "z" }) else {
            return false
        }
        if region.count == 4 {
            let p = region[1]
            guard p == "gov" || (p.hasPrefix("iso") && p.count <= 4 && p.allSatisfy({ $0 >= "a" && $0 <= "z" })) else { return false }
        }
        let name = region[region.count - 2]
        let number = region[region.count - 1]
        return !name.isEmpty && name.allSatisfy({ $0 >= "a" && $0 <= "z" }) && !number.isEmpty && number.allSatisfy(\.isNumber)
    }
}
