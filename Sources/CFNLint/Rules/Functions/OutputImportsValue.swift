import CFNModel

/// W6001: an output whose value is imported from another stack's output.
struct OutputImportsValue: Rule {
    static let info = RuleInfo(
        id: "W6001",
        title: "Output value imported from another stack",
        description: """
            An output's `Value` that uses `Fn::ImportValue` republishes another stack's export: \
            the stacks that read it now depend on two stacks, and the exporting stack cannot \
            change the value while either is in use. Import the value where it is needed \
            instead. Any `Fn::ImportValue` inside the `Value` counts (in a `Fn::Join`, a \
            `Fn::If` branch, ...).
            """,
        passing: [
            """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  RedrivePolicy:
                    deadLetterTargetArn: !ImportValue shared-DeadLetterQueueArn
                    maxReceiveCount: 5
            Outputs:
              QueueUrl:
                Value: !Ref Queue
            """
        ],
        failing: [
            """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
            Outputs:
              DeadLetterQueueArn:
                Value: !ImportValue shared-DeadLetterQueueArn # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        context.eachFunction { f, _, path, scope in
            guard f.name == .importValue, scope.section == "Outputs", path.count > 2, path[2] == "Value" else { return }
            findings.append(
                context.finding(
                    Self.self,
                    "Output \(path[1]) republishes a value imported from another stack's export",
                    at: FunctionWalker.argumentRange(f, scope),
                    path: Array(path.prefix(3))
                )
            )
        }
    }
}
