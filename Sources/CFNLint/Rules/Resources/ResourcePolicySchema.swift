import CFNModel

/// E3512: a resource policy (a key's, bucket's, queue's, topic's or search domain's) that is not
/// a well-formed policy document.
struct ResourcePolicySchema: Rule {
    static let info = RuleInfo(
        id: "E3512",
        title: "IAM resource policy malformed",
        description: """
            A resource policy (`KeyPolicy` of `AWS::KMS::Key`, `AccessPolicies` of \
            `AWS::OpenSearchService::Domain`, `PolicyDocument` of `AWS::S3::BucketPolicy`, \
            `AWS::SNS::TopicPolicy` and `AWS::SQS::QueuePolicy`) says who may use the resource. \
            It must be a policy document (`Statement`, optionally `Version` and `Id`) whose \
            statements each have `Effect`, exactly one of `Action` and `NotAction`, exactly one \
            of `Resource` and `NotResource`, and exactly one of `Principal` and `NotPrincipal` \
            (`*`, or a mapping of `AWS`, `Service`, `Federated` or `CanonicalUser`; an `AWS` \
            principal is `*`, a 12-digit account id, or an IAM or STS ARN), optionally `Sid` \
            (each used once, but for a bucket policy) and `Condition`. A resource's form is \
            E3514's. A policy written as JSON text is read too. The schema is cfn-lint 1.51.0's.
            """,
        passing: [
            """
            Resources:
              Jobs:
                Type: AWS::SQS::Queue
              JobsPolicy:
                Type: AWS::SQS::QueuePolicy
                Properties:
                  Queues: [!Ref Jobs]
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {Service: sns.amazonaws.com}
                        Action: sqs:SendMessage
                        Resource: !GetAtt Jobs.Arn
            """
        ],
        failing: [
            """
            Resources:
              Jobs:
                Type: AWS::SQS::Queue
              JobsPolicy:
                Type: AWS::SQS::QueuePolicy
                Properties:
                  Queues: [!Ref Jobs]
                  PolicyDocument:
                    Statement: # <-
                      - Sid: Send # <-
                        Effect: Allow
                        Action: sqs:SendMessage
                        Resource: !GetAtt Jobs.Arn
                      - Sid: Send
                        Effect: Allow
                        Principal: sns.amazonaws.com # <-
                        Action: sqs:SendMessage
                        Resource: !GetAtt Jobs.Arn
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.policySchemaFindings(Self.self)
    }
}
