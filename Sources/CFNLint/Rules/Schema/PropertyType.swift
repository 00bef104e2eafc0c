/// E3012: a property value of the wrong type.
struct PropertyType: SchemaRule {
    static let info = RuleInfo(
        id: "E3012",
        title: "Property value of the wrong type",
        description: """
            A property's value is not of the type its schema gives: a list where a string is \
            expected, text where a number is. CloudFormation converts between scalars, so `"5"` is \
            a valid integer and `5` a valid string; an intrinsic function is judged by what it can \
            return (a `!Ref` to a `String` parameter fits an integer).
            """,
        passing: [
            """
            Parameters:
              Timeout:
                Type: String
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: "5"
                  VisibilityTimeout: !Ref Timeout
            """
        ],
        failing: [
            """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: five # <-
                  QueueName: # <-
                    - a
                    - b
            """
        ]
    )
}
