import CFNModel

/// E3513: an ECR repository's policy that is not a well-formed policy document.
struct RepositoryPolicySchema: Rule {
    static let info = RuleInfo(
        id: "E3513",
        title: "ECR repository policy malformed",
        description: """
            A private ECR repository's `RepositoryPolicyText` says who may pull from it or push \
            to it. It must be a policy document (`Statement`, optionally `Version` and `Id`) \
            whose statements each have `Effect`, exactly one of `Action` and `NotAction`, exactly \
            one of `Principal` and `NotPrincipal` (an `AWS` principal is `*`, a 12-digit account \
            id, or an IAM or STS ARN), and optionally `Sid`, `Condition`, and `Resource` or \
            `NotResource` (`*` or ARNs; the repository is the resource anyway). A policy written \
            as JSON text is read too. The schema is cfn-lint 1.51.0's.
            """,
        passing: [
            """
            Resources:
              Images:
                Type: AWS::ECR::Repository
                Properties:
                  RepositoryPolicyText:
                    Version: "2012-10-17"
                    Statement:
                      - Sid: Pull
                        Effect: Allow
                        Principal: {AWS: "arn:aws:iam::123456789012:root"}
                        Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]
            """
        ],
        failing: [
            """
            Resources:
              Images:
                Type: AWS::ECR::Repository
                Properties:
                  RepositoryPolicyText:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow # <-
                        Action: ecr:BatchGetImage
                      - Effect: Allow
                        Principal: {AWS: "*"}
                        Action: ecr:BatchGetImage
                        Resource: images # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.policySchemaFindings(Self.self)
    }
}
