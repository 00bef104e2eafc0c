/// E1157: a literal that is not a KMS key ARN where one is expected.
struct KmsKeyArnFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1157",
        title: "Not a KMS key ARN",
        description: """
            The property takes the ARN of a KMS key (format `AWS::KMS::Key.Arn`): \
            `arn:aws:kms:<region>:<account>:key/<id>` or `...:alias/<name>`. A bare key id or \
            alias name is not accepted there. Values from intrinsic functions are not checked.
            """,
        passing: [
            """
            Resources:
              Handler:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/handler
                  KmsKeyArn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
                  Code:
                    ZipFile: "def handler(event, context): return event"
            """
        ],
        failing: [
            """
            Resources:
              Handler:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/handler
                  KmsKeyArn: alias/lambda-env # <-
                  Code:
                    ZipFile: "def handler(event, context): return event"
              Workspace:
                Type: AWS::APS::Workspace
                Properties:
                  KmsKeyArn: 1234abcd-12ab-34cd-56ef-1234567890ab # <-
            """
        ]
    )
}
