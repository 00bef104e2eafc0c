/// W1035: a value a `Fn::Select` can pick before deployment does not fit the property.
struct SelectResolvedValue: SchemaRule {
    static let info = RuleInfo(
        id: "W1035",
        title: "Fn::Select picks a value the property does not take",
        description: """
            A `Fn::Select` whose index and list can be worked out before deployment (a literal \
            list, a list parameter's values, `Fn::Split`, `Fn::GetAZs`, `Fn::FindInMap` of \
            such values) picks an item, which is checked against what the property's schema \
            asks (pattern, length, format, enum, range, ...). An index past the end is E1017's. \
            As in cfn-lint, one value that fits and takes no parameter's value is enough; the \
            problem is reported where the function is written.
            """,
        passing: [
            """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: !Select [1, [1000, 30]]
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0a1b2c3d
                  AvailabilityZone: !Select [0, !GetAZs ""]
            """
        ],
        failing: [
            """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: !Select [0, [1000, 30]] # <-
              Site:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Select [1, !Split [",", "site,Site_Logs"]] # <-
            """
        ]
    )
}
