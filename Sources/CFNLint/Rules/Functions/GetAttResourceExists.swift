import CFNModel

/// E1010: `Fn::GetAtt` names a resource of the template and an attribute its type has.
struct GetAttResourceExists: Rule {
    static var usesSchemaCheck: Bool { true }

    static let info = RuleInfo(
        id: "E1010",
        title: "GetAtt of a resource or attribute that does not exist",
        description: """
            `Fn::GetAtt` reads an attribute of a resource of the same template: its first item must \
            be the logical id of one of the template's resources (under an output's `Value` the \
            same problem is E6101), and the attribute one that the resource type's schema lists \
            as read-only (`Arn`, `Endpoint.Address`). Custom resources and nested stacks' \
            `Outputs.X` can have any attribute.
            """,
        passing: [
            """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {}
            Outputs:
              RoleArn:
                Value: !GetAtt Role.Arn
            """
        ],
        failing: [
            """
            Resources:
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {}
              Function:
                Type: AWS::Lambda::Function
                Properties:
                  Role: !GetAtt ExecutionRole.Arn # <-
                  Code: {ZipFile: "def handler(e, c): pass"}
            """,
            """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              Alarm:
                Type: AWS::CloudWatch::Alarm
                Properties:
                  ComparisonOperator: GreaterThanThreshold
                  EvaluationPeriods: 1
                  AlarmActions: # <-
                    - !GetAtt Queue.QueueArn
                    - !GetAtt [Queue, Url] # <-
            """,
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.schemaFindings(Self.self)
        BrokenReference.report(GetAttResourceExists.self, context, into: &findings)
    }
}
