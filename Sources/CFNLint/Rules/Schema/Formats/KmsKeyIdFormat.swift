/// E1162: a literal that cannot be a KMS key id.
struct KmsKeyIdFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1162",
        title: "Not a valid KMS key id",
        description: """
            A KMS key id (format `AWS::KMS::Key.Id`) is a key's UUID \
            (`1234abcd-12ab-34cd-56ef-1234567890ab`, lower-case hex), a multi-Region key's \
            `mrk-` and 32 hex digits, or an alias (`alias/` then letters, digits and `/_-`). \
            Values from intrinsic functions are not checked here, nor a value the schema lets be \
            one of several formats (a key id, a key ARN or an alias, as most `KmsKeyId` \
            properties do): that choice is checked as a whole.
            """,
        passing: [
            """
            Resources:
              Trail:
                Type: AWS::CloudTrail::Trail
                Properties:
                  IsLogging: true
                  S3BucketName: acme-trail
                  KMSKeyId: alias/cloudtrail
            """
        ],
        failing: [
            """
            Resources:
              Key:
                Type: AWS::KMS::Key
                Properties:
                  KeyId: orders-key # <-
                  KeyPolicy:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal:
                          AWS: arn:aws:iam::123456789012:root
                        Action: kms:*
                        Resource: "*"
            """
        ]
    )
}
