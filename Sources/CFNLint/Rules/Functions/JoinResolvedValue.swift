/// W1032: a value a `Fn::Join` can make before deployment does not fit the property.
struct JoinResolvedValue: SchemaRule {
    static let info = RuleInfo(
        id: "W1032",
        title: "Fn::Join makes a value the property does not take",
        description: """
            A `Fn::Join` whose items can all be worked out before deployment (literals, `Ref`s \
            to parameters and pseudo-parameters, a `Fn::FindInMap` with literal keys, a \
            `Fn::Split`, `Fn::Select` or `Fn::If` of such values) is checked, for each text it \
            can make, against what the property's schema asks (pattern, length, format, enum, \
            range, ...). A parameter met twice takes one value. An item that depends on a \
            resource (`Fn::GetAtt`, a `Ref` to a resource) leaves the join unresolved. As in \
            cfn-lint, one text that fits and takes no parameter's value is enough; the problem \
            is reported where the function is written.
            """,
        passing: [
            """
            Parameters:
              Env:
                Type: String
                Default: prod
            Resources:
              Site:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Join ["-", [!Ref Env, site]]
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Join ["-", [!GetAtt Site.Arn, queue]]
            """
        ],
        failing: [
            """
            Parameters:
              Env:
                Type: String
                Default: Prod
            Resources:
              Site:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Join ["-", [!Ref Env, site]] # <-
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: !Join ["", ["9", "99"]] # <-
            """
        ]
    )
}
