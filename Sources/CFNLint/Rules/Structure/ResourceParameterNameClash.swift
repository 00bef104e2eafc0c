import CFNModel

/// E3007: a resource has the logical id of a parameter.
struct ResourceParameterNameClash: Rule {
    static let info = RuleInfo(
        id: "E3007",
        title: "Resource and parameter share a name",
        description: """
            Resources and parameters share one namespace: `Ref` names either, so a resource \
            may not have the logical id of a parameter. CloudFormation rejects the template. \
            The resource is reported.
            """,
        passing: [
            """
            Parameters:
              TopicName:
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Ref TopicName
            """
        ],
        failing: [
            """
            Parameters:
              Topic:
                Type: String
            Resources:
              Topic: # <-
                Type: AWS::SNS::Topic
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let parameters = context.template.root["Parameters"]?.mapValue else { return }
        for r in context.template.resources where parameters[r.logicalId] != nil {
            findings.append(
                context.finding(
                    Self.self,
                    "resource '\(r.logicalId)' has the name of a parameter; a Ref to it could mean either",
                    at: r.idRange,
                    path: ["Resources", r.logicalId]
                )
            )
        }
    }
}
