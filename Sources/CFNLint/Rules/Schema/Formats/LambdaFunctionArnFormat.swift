/// E1160: a literal that is not a Lambda function ARN where one is expected.
struct LambdaFunctionArnFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1160",
        title: "Not a Lambda function ARN",
        description: """
            The property takes the ARN of a Lambda function (format `AWS::Lambda::Function.Arn`): \
            `arn:aws:lambda:<region>:<account>:function:<name>`, optionally with a version or \
            alias. A function's name is not enough: use `!GetAtt Function.Arn`. Values from \
            intrinsic functions are not checked.
            """,
        passing: [
            """
            Resources:
              SensorRule:
                Type: AWS::IoT::TopicRule
                Properties:
                  TopicRulePayload:
                    Sql: SELECT * FROM 'sensors/#'
                    Actions:
                      - Lambda:
                          FunctionArn: arn:aws:lambda:us-east-1:123456789012:function:process-readings:live
            """
        ],
        failing: [
            """
            Resources:
              SensorRule:
                Type: AWS::IoT::TopicRule
                Properties:
                  TopicRulePayload:
                    Sql: SELECT * FROM 'sensors/#'
                    Actions:
                      - Lambda:
                          FunctionArn: process-readings # <-
                    ErrorAction:
                      Lambda:
                        FunctionArn: arn:aws:lambda:us-east-1:123456789012:layer:errors # <-
            """
        ]
    )
}
