import CFNModel

/// E3514: a resource policy's resource that is not an ARN.
struct ResourcePolicyArn: Rule {
    static let info = RuleInfo(
        id: "E3514",
        title: "IAM resource policy resource not an ARN",
        description: """
            Each `Resource` and `NotResource` of a resource policy (a key's, search domain's, \
            bucket's, queue's or topic's, as E3512 reads them) is `*` or an ARN \
            (`arn:aws...:service:region:account:resource`, the account 12 digits, `*` or `aws`, \
            or no account and region at all). A bucket policy names its bucket or objects: `*` is \
            no resource there. A value given by a function is not judged. The patterns are \
            cfn-lint 1.51.0's.
            """,
        passing: [
            """
            Resources:
              Site:
                Type: AWS::S3::Bucket
              SitePolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref Site
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: "*"
                        Action: s3:GetObject
                        Resource: [arn:aws:s3:::site/*, !Sub "${Site.Arn}/*"]
            """
        ],
        failing: [
            """
            Resources:
              Site:
                Type: AWS::S3::Bucket
              SitePolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref Site
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: "*"
                        Action: s3:GetObject
                        Resource: ["*", site/*] # <-
              Jobs:
                Type: AWS::SQS::Queue
              JobsPolicy:
                Type: AWS::SQS::QueuePolicy
                Properties:
                  Queues: [!Ref Jobs]
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: sns.amazonaws.com}
                        Action: sqs:SendMessage
                        Resource: jobs # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.policySchemaFindings(Self.self)
    }
}
