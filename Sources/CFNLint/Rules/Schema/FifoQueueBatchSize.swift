/// E3705: a Lambda event source mapping reading a FIFO queue with a batch over 10.
struct FifoQueueBatchSize: ConstraintRule {
    static let info = RuleInfo(
        id: "E3705",
        title: "Batch size over 10 for a FIFO queue",
        description: """
            Lambda reads a FIFO SQS queue at most 10 messages a batch. An \
            `AWS::Lambda::EventSourceMapping` whose `EventSourceArn` is a `Ref` or `Fn::GetAtt` \
            of an `AWS::SQS::Queue` of the template with `FifoQueue: true` must have a \
            `BatchSize` of 10 or less. A queue outside the template is not known and not \
            checked. Reported on `BatchSize`. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Orders:
                Type: AWS::SQS::Queue
                Properties:
                  FifoQueue: true
              FromOrders:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: process-orders
                  EventSourceArn: !GetAtt Orders.Arn
                  BatchSize: 10
            """
        ],
        failing: [
            """
            Resources:
              Orders:
                Type: AWS::SQS::Queue
                Properties:
                  FifoQueue: true
              FromOrders:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: process-orders
                  EventSourceArn: !GetAtt Orders.Arn
                  BatchSize: 100 # <-
            """
        ]
    )
}
