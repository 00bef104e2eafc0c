/// E3633: a stream event source (Kinesis, DynamoDB, Kafka) without `StartingPosition`.
struct StreamStartingPosition: ConstraintRule {
    static let info = RuleInfo(
        id: "E3633",
        title: "Stream event source without StartingPosition",
        description: """
            An `AWS::Lambda::EventSourceMapping` that reads a Kinesis stream, a DynamoDB stream \
            or a Kafka topic must say where to start reading (`StartingPosition`: `LATEST`, \
            `TRIM_HORIZON` or `AT_TIMESTAMP`); CloudFormation rejects the mapping without it. \
            The source is told by its `EventSourceArn`. When that is a function (`!GetAtt \
            Stream.Arn`, `!Ref QueueArn`, `!Sub`, `!Join`), what it reads cannot be known before \
            deployment and the rule says nothing: a Serverless `sqs:` event, whose mapping has \
            `EventSourceArn: !GetAtt Queue.Arn` and no `StartingPosition`, passes. A `Fn::If` is \
            read once per combination of conditions that can hold together. One of the \
            per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              FromQueue:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: worker
                  EventSourceArn: !GetAtt Queue.Arn
              FromStream:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: ingest
                  EventSourceArn: arn:aws:kinesis:us-east-1:123456789012:stream/clicks
                  StartingPosition: LATEST
            """
        ],
        failing: [
            """
            Conditions:
              IsProd: !Equals [!Ref AWS::StackName, prod]
            Resources:
              FromTable:
                Type: AWS::Lambda::EventSourceMapping
                Properties: # <-
                  FunctionName: replicate
                  EventSourceArn: arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2024-06-01T00:00:00.000
              FromStream:
                Type: AWS::Lambda::EventSourceMapping
                Properties: # <-
                  FunctionName: ingest
                  EventSourceArn: arn:aws:kinesis:us-east-1:123456789012:stream/clicks
                  StartingPosition: !If [IsProd, LATEST, !Ref AWS::NoValue]
            """
        ]
    )
}
