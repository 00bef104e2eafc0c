import CFNModel

/// W3700: an Elastic IP `Domain` other than `vpc` or `standard`.
struct ElasticIPDomain: Rule {
    static let info = RuleInfo(
        id: "W3700",
        title: "Elastic IP Domain other than vpc or standard",
        description: """
            `AWS::EC2::EIP`'s `Domain` has two values, `vpc` and `standard` (read without regard \
            to case). EC2 takes any other string, an empty one included, as `vpc` without \
            saying so: write `vpc`. A value that is not a string (a function, a number) is not \
            judged; each branch of a `Fn::If` is.
            """,
        passing: [
            """
            Resources:
              Address:
                Type: AWS::EC2::EIP
                Properties:
                  Domain: vpc
            """
        ],
        failing: [
            """
            Conditions:
              IsProd: !Equals [!Ref AWS::StackName, prod]
            Resources:
              Address:
                Type: AWS::EC2::EIP
                Properties:
                  Domain: classic # <-
              Other:
                Type: AWS::EC2::EIP
                Properties:
                  Domain: !If [IsProd, vpc, private] # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for (r, value, at) in context.propertyValues(["AWS::EC2::EIP": [["Domain"]]]) {
            guard let domain = value.stringValue, !["vpc", "standard"].contains(domain.lowercased()) else { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "\(r.logicalId): Domain '\(domain)' is neither 'vpc' nor 'standard'; EC2 reads it as 'vpc', so write 'vpc'",
                    at: at
                )
            )
        }
    }
}
