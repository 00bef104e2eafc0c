/// E3634: an SQS event source with `StartingPosition`.
struct QueueStartingPosition: ConstraintRule {
    static let info = RuleInfo(
        id: "E3634",
        title: "SQS event source with StartingPosition",
        description: """
            An `AWS::Lambda::EventSourceMapping` that reads an SQS queue takes no \
            `StartingPosition` (a queue has no position to start from; CloudFormation rejects the \
            mapping). The source is told by its `EventSourceArn`. When that is a function \
            (`!GetAtt Stream.Arn`, `!Ref`, `!Sub`, `!Join`), what it reads cannot be known before \
            deployment and the rule says nothing: a Serverless `stream:` event, whose mapping \
            has `EventSourceArn: !GetAtt Stream.Arn` and a `StartingPosition`, passes. A `Fn::If` \
            is read once per combination of conditions that can hold together. One of the \
            per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Stream:
                Type: AWS::Kinesis::Stream
                Properties:
                  ShardCount: 1
              FromStream:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: ingest
                  EventSourceArn: !GetAtt Stream.Arn
                  StartingPosition: TRIM_HORIZON
              FromQueue:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: worker
                  EventSourceArn: arn:aws:sqs:us-east-1:123456789012:jobs
                  BatchSize: 10
            """
        ],
        failing: [
            """
            Conditions:
              IsProd: !Equals [!Ref AWS::StackName, prod]
            Resources:
              FromQueue:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: worker
                  EventSourceArn: arn:aws:sqs:us-east-1:123456789012:jobs
                  StartingPosition: LATEST # <-
              FromEither:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: worker
                  EventSourceArn: !If [IsProd, arn:aws:sqs:us-east-1:123456789012:jobs, arn:aws:kinesis:us-east-1:123456789012:stream/jobs]
                  StartingPosition: TRIM_HORIZON # <-
            """
        ]
    )
}
