/// E3030: a value that is not one of those its schema allows.
struct PropertyEnum: SchemaRule {
    static let info = RuleInfo(
        id: "E3030",
        title: "Value not among the allowed values",
        description: """
            The property takes one of a fixed list of values (a runtime, a status, a storage \
            class) and the value given is not on it. The comparison is exact, so `enabled` is not \
            `Enabled`, unless the schema says case does not matter. The finding lists the allowed \
            values (the first twelve when there are many).
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  VersioningConfiguration:
                    Status: Enabled
              Handler:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/handler
                  Code:
                    ZipFile: "def handler(event, context): return event"
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  VersioningConfiguration:
                    Status: enabled # <-
              Handler:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python # <-
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/handler
                  Code:
                    ZipFile: "def handler(event, context): return event"
            """
        ],
        fixes: [
            FixExample(
                before: """
                    Resources:
                      Bucket:
                        Type: AWS::S3::Bucket
                        Properties:
                          VersioningConfiguration:
                            Status: enabled
                    """,
                after: """
                    Resources:
                      Bucket:
                        Type: AWS::S3::Bucket
                        Properties:
                          VersioningConfiguration:
                            Status: Enabled
                    """,
                safety: .unsafe
            )
        ]
    )
}
