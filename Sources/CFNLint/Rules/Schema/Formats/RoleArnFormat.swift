/// E1156: a literal that is not an IAM role ARN where one is expected.
struct RoleArnFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1156",
        title: "Not an IAM role ARN",
        description: """
            The property takes the ARN of an IAM role (format `AWS::IAM::Role.Arn`): \
            `arn:aws:iam::<account>:role/<name>`. A role's name is not enough: use \
            `!GetAtt Role.Arn` for a role of the same template. Values from intrinsic functions are \
            not checked.
            """,
        passing: [
            """
            Resources:
              Workflow:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: arn:aws:iam::123456789012:role/StatesExecutionRole
                  DefinitionString: '{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}'
              LogSubscription:
                Type: AWS::Logs::SubscriptionFilter
                Properties:
                  LogGroupName: /app/orders-api
                  FilterPattern: ""
                  DestinationArn: arn:aws:kinesis:us-east-1:123456789012:stream/logs
                  RoleArn: !Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/cwl-to-kinesis
            """
        ],
        failing: [
            """
            Resources:
              Workflow:
                Type: AWS::StepFunctions::StateMachine
                Properties:
                  RoleArn: StatesExecutionRole # <-
                  DefinitionString: '{"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}'
              LogSubscription:
                Type: AWS::Logs::SubscriptionFilter
                Properties:
                  LogGroupName: /app/orders-api
                  FilterPattern: ""
                  DestinationArn: arn:aws:kinesis:us-east-1:123456789012:stream/logs
                  RoleArn: arn:aws:iam::123456789012:user/cwl-to-kinesis # <-
            """
        ]
    )
}
