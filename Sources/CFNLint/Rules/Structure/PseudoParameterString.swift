import CFNModel

/// W1054: a pseudo-parameter's name written as a plain string, without `Ref`.
struct PseudoParameterString: Rule {
    static let info = RuleInfo(
        id: "W1054",
        title: "Pseudo-parameter as a string",
        description: """
            A value that is exactly a pseudo-parameter's name (AWS::Region, AWS::AccountId, \
            AWS::NoValue, ...) is that text, not the region or the account: almost always a \
            `Ref` was meant (`!Ref AWS::Region`). Checked in every value of the template, the \
            top-level Metadata included.
            """,
        passing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref AWS::Region
            """
        ],
        failing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: AWS::Region # <-
                  Tags:
                    - Key: account
                      Value: !Join ["", ["AWS::AccountId"]] # <-
            """
        ]
    )

    static let names: Set<String> = [
        "AWS::AccountId", "AWS::NoValue", "AWS::NotificationARNs", "AWS::Partition", "AWS::Region",
        "AWS::StackId", "AWS::StackName", "AWS::URLSuffix",
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for s in context.shared.strings(context) where !s.inRef && Self.names.contains(s.text) {
            findings.append(
                context.finding(
                    Self.self,
                    "'\(s.text)' is only its name as a string: write !Ref \(s.text) for its value",
                    at: s.range,
                    path: s.path
                )
            )
        }
    }
}
