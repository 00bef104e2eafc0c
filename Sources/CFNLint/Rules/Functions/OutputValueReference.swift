import CFNModel

/// E6101: an output's `Value` refers to something that does not exist.
struct OutputValueReference: Rule {
    static let info = RuleInfo(
        id: "E6101",
        title: "Output value refers to something that does not exist",
        description: """
            An output's `Value` is worked out when the stack is deployed: every `Ref`, \
            `Fn::GetAtt` and `${}` in `Fn::Sub` in it must name a parameter, a resource or a \
            pseudo-parameter of the template. (The same names elsewhere are E1010, E1019 and \
            E1020.)
            """,
        passing: [
            """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
            Outputs:
              QueueArn:
                Value: !GetAtt Queue.Arn
            """
        ],
        failing: [
            """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
            Outputs:
              QueueArn:
                Value: !Sub '${Queues.Arn}' # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        BrokenReference.report(OutputValueReference.self, context, into: &findings)
    }
}
