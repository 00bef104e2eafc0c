import CFNModel

/// W6001: an output's value imports another stack's export.
struct OutputImportValue: Rule {
    static let info = RuleInfo(
        id: "W6001",
        title: "Output of an import",
        description: """
            An output whose Value uses Fn::ImportValue passes on what another stack already \
            exports. A stack that needs the value can import the original export itself; \
            re-exporting it adds a second name for the same thing and another stack that cannot \
            change while it is imported.
            """,
        passing: [
            """
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  CidrBlock: 10.0.0.0/24
                  VpcId: !ImportValue network-VpcId
            Outputs:
              SubnetId:
                Value: !Ref Subnet
            """
        ],
        failing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            Outputs:
              VpcId:
                Value: !ImportValue network-VpcId # <-
              Subnets:
                Value:
                  Fn::Join:
                    - ","
                    - - Fn::ImportValue: network-SubnetA # <-
                      - Fn::ImportValue: network-SubnetB # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        context.eachFunction { f, _, path, scope in
            guard f.name == .importValue, path.count >= 3, path[0] == "Outputs", path[2] == "Value" else { return }
            findings.append(
                context.finding(
                    OutputImportValue.self,
                    "output \(path[1]) passes on another stack's export: import that export where it is needed instead",
                    at: FunctionWalker.argumentRange(f, scope),
                    path: path
                )
            )
        }
    }
}
