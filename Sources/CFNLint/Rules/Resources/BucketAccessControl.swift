import CFNModel

/// W3045: an S3 bucket that grants access through its legacy ACL setting.
struct BucketAccessControl: Rule {
    static let info = RuleInfo(
        id: "W3045",
        title: "S3 bucket AccessControl",
        description: """
            `AccessControl` sets a bucket's canned ACL, the oldest of S3's access mechanisms. \
            New buckets have ACLs disabled (object ownership `BucketOwnerEnforced`), and nearly \
            everything an ACL grants is better said in an `AWS::S3::BucketPolicy`. Reported \
            wherever the bucket may get an `AccessControl` (a `Fn::If` branch included).
            """,
        passing: [
            """
            Resources:
              Assets:
                Type: AWS::S3::Bucket
                Properties:
                  OwnershipControls:
                    Rules:
                      - ObjectOwnership: BucketOwnerEnforced
              AssetsPolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref Assets
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: cloudfront.amazonaws.com}
                        Action: s3:GetObject
                        Resource: !Sub "${Assets.Arn}/*"
            """
        ],
        failing: [
            """
            Parameters:
              Env:
                Type: String
                AllowedValues: [dev, prod]
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Logs:
                Type: AWS::S3::Bucket
                Properties:
                  AccessControl: LogDeliveryWrite # <-
                  OwnershipControls:
                    Rules:
                      - ObjectOwnership: ObjectWriter
              Site:
                Type: AWS::S3::Bucket
                Properties:
                  AccessControl: !If [IsProd, !Ref AWS::NoValue, PublicRead] # <-
                  OwnershipControls:
                    Rules:
                      - ObjectOwnership: ObjectWriter
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources where r.type == "AWS::S3::Bucket" {
            guard let e = r.node["Properties"]?[entry: "AccessControl"] else { continue }
            // An empty or absent value in every branch sets nothing.
            let set = e.value.branches().contains { branch, _ in
                !branch.isNoValue && !branch.isNull && branch.stringValue != ""
            }
            guard set else { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "\(r.logicalId) sets AccessControl, a legacy ACL: grant access with an AWS::S3::BucketPolicy instead",
                    at: e.keyRange,
                    path: ["Resources", r.logicalId, "Properties", "AccessControl"]
                )
            )
        }
    }
}
