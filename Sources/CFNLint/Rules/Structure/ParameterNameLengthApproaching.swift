import CFNModel

/// I2011: a parameter's name near the length limit.
struct ParameterNameLengthApproaching: Rule {
    static let info = RuleInfo(
        id: "I2011",
        title: "Parameter name near the length limit",
        description: """
            A parameter's name is longer than 90% of the 255 characters CloudFormation allows \
            (230 to 255 characters); a longer one is an error. Reported on the name. \
            cfn-lint 1.51.0 lists this rule but, as it checks parameter names, never reports it.
            """,
        passing: [
            """
            Parameters:
              \(NameLengthApproaching.name("Stage", 229)):
                Type: String
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ],
        failing: [
            """
            Parameters:
              \(NameLengthApproaching.name("Stage", 230)): # <-
                Type: String
              \(NameLengthApproaching.name("Env", 255)): # <-
                Type: String
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let parameters = context.template.root["Parameters"]?.mapValue else { return }
        NameLengthApproaching.check(Self.self, parameters, kind: "Parameter", path: ["Parameters"], context, into: &findings)
    }
}
