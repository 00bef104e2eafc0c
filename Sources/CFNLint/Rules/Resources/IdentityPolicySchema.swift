import CFNModel

/// E3510: an identity policy (a role's, user's or group's inline policy, a managed policy, a
/// permission set's) that is not a well-formed policy document.
struct IdentityPolicySchema: Rule {
    static let info = RuleInfo(
        id: "E3510",
        title: "IAM identity policy malformed",
        description: """
            An identity policy (`PolicyDocument` of `AWS::IAM::Policy`, `ManagedPolicy`, \
            `UserPolicy`, `RolePolicy`, `GroupPolicy`, of each of a role's, user's or group's \
            `Policies`, and a permission set's `InlinePolicy`) must be a policy document: \
            `Statement` (one statement or a list) and optionally `Version` (`2008-10-17` or \
            `2012-10-17`) and `Id`, nothing else. Each statement has `Effect` (`Allow` or \
            `Deny`), exactly one of `Action` and `NotAction` (not an empty list), exactly one of \
            `Resource` and `NotResource`, optionally `Sid` (letters and digits, each used once) \
            and `Condition` (known operators, each over keys and values), and no `Principal`: \
            an identity policy applies to whoever it is attached to. Each resource is `*` or an \
            ARN (`arn:partition:service:region:account:resource`). A policy written as JSON text \
            is read too (a problem in it is reported at the property). IAM refuses a malformed \
            policy when the stack is deployed. The schema is cfn-lint 1.51.0's.
            """,
        passing: [
            """
            Resources:
              Reader:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Sid: ReadObjects
                        Effect: Allow
                        Action: [s3:GetObject, s3:ListBucket]
                        Resource: [arn:aws:s3:::site, !Sub "arn:${AWS::Partition}:s3:::site/*"]
                        Condition:
                          Bool: {aws:SecureTransport: "true"}
                      - Effect: Deny
                        NotAction: s3:*
                        Resource: "*"
            """
        ],
        failing: [
            """
            Resources:
              Reader:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Version: "2012-10-18" # <-
                    Statement:
                      - Effect: Allowed # <-
                        Action: s3:GetObject
                        Resource: site/* # <-
                      - Effect: Allow
                        Principal: "*" # <-
                        Action: s3:GetObject
                        Resource: "*"
              Writer:
                Type: AWS::IAM::Policy
                Properties:
                  PolicyName: writer
                  Roles: [writer]
                  PolicyDocument: '{"Statement": [{"Effect": "Allow", "Action": "s3:PutObject"}]}' # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.policySchemaFindings(Self.self)
    }
}
