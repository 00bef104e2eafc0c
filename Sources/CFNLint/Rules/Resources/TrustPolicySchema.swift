import CFNModel

/// E3530: a role's trust policy that is not a well-formed policy document.
struct TrustPolicySchema: Rule {
    static let info = RuleInfo(
        id: "E3530",
        title: "IAM trust policy malformed",
        description: """
            A role's `AssumeRolePolicyDocument` says who may assume the role. It must be a \
            policy document (`Statement`, optionally `Version` and `Id`) whose statements each \
            have `Effect`, exactly one of `Action` and `NotAction`, exactly one of `Principal` \
            and `NotPrincipal` (`*`, or a mapping of `AWS`, `Service`, `Federated` or \
            `CanonicalUser`; an `AWS` principal is `*`, a 12-digit account id, or an IAM or STS \
            ARN), optionally `Sid` (each used once) and `Condition`, and no `Resource` or \
            `NotResource`: the resource is the role. A policy written as JSON text is read too. \
            The schema is cfn-lint 1.51.0's.
            """,
        passing: [
            """
            Resources:
              Worker:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {Service: lambda.amazonaws.com, AWS: [!Sub "arn:${AWS::Partition}:iam::${AWS::AccountId}:root"]}
                        Action: sts:AssumeRole
            """
        ],
        failing: [
            """
            Resources:
              Worker:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow # <-
                        Action: sts:AssumeRole
                      - Effect: Allow
                        Principal: {Service: lambda.amazonaws.com}
                        Action: sts:AssumeRole
                        Resource: "*" # <-
                      - Effect: Allow
                        Principal: {AWS: "12345"} # <-
                        Action: sts:AssumeRole
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.policySchemaFindings(Self.self)
    }
}
