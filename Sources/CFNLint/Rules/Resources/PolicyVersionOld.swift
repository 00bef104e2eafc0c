import CFNModel

/// W2511: an IAM policy document written in the 2008-10-17 policy language.
struct PolicyVersionOld: Rule {
    static let info = RuleInfo(
        id: "W2511",
        title: "Old IAM policy version",
        description: """
            A policy document's Version names the policy language it is written in. 2008-10-17 is \
            the old one: it has no policy variables (${aws:username}) and fewer condition \
            operators, so a statement written for today's language can silently mean something \
            else. Write Version: '2012-10-17'. Checked in the policies of IAM roles, users, \
            groups, managed and inline policies, SSO permission sets, trust policies, and the \
            resource policies of S3 buckets, SNS topics, SQS queues, KMS keys, OpenSearch \
            domains and ECR repositories, as maps or JSON strings.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
              Policy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref Bucket
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Principal: {Service: logging.s3.amazonaws.com}
                        Action: s3:PutObject
                        Resource: !Sub "${Bucket.Arn}/*"
            """
        ],
        failing: [
            """
            Conditions:
              East: !Equals [!Ref AWS::Region, us-east-1]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
              Policy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref Bucket
                  PolicyDocument:
                    Version: "2008-10-17" # <-
                    Statement:
                      - Effect: Allow
                        Principal: {Service: logging.s3.amazonaws.com}
                        Action: s3:PutObject
                        Resource: !Sub "${Bucket.Arn}/*"
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: '{"Version": "2008-10-17", "Statement": []}' # <-
                  Policies:
                    - PolicyName: read
                      PolicyDocument:
                        Version: !If [East, "2008-10-17", "2012-10-17"] # <-
                        Statement:
                          - Effect: Allow
                            Action: s3:GetObject
                            Resource: "*"
            """
        ]
    )

    /// The properties that hold one policy document, by resource type.
    static let documents: [String: [String]] = [
        "AWS::IAM::ManagedPolicy": ["PolicyDocument"], "AWS::IAM::Policy": ["PolicyDocument"],
        "AWS::IAM::UserPolicy": ["PolicyDocument"], "AWS::IAM::RolePolicy": ["PolicyDocument"],
        "AWS::IAM::GroupPolicy": ["PolicyDocument"], "AWS::SSO::PermissionSet": ["InlinePolicy"],
        "AWS::IAM::Role": ["AssumeRolePolicyDocument"], "AWS::KMS::Key": ["KeyPolicy"],
        "AWS::OpenSearchService::Domain": ["AccessPolicies"], "AWS::S3::BucketPolicy": ["PolicyDocument"],
        "AWS::SNS::TopicPolicy": ["PolicyDocument"], "AWS::SQS::QueuePolicy": ["PolicyDocument"],
        "AWS::ECR::Repository": ["RepositoryPolicyText"],
    ]

    /// The types whose `Policies` list holds inline policies with a `PolicyDocument` each.
    static let inline: Set<String> = ["AWS::IAM::Role", "AWS::IAM::User", "AWS::IAM::Group"]

    static let old = "2008-10-17"

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources {
            guard let type = r.type, let properties = r.properties else { continue }
            for name in Self.documents[type] ?? [] {
                if let e = properties[entry: name] { check(e, context, &findings) }
            }
            guard Self.inline.contains(type), let policies = properties["Policies"] else { continue }
            for (list, _) in policies.branches() {
                for (item, _) in (list.listValue ?? []).flatMap({ $0.branches() }) {
                    if let e = item.mapValue?[entry: "PolicyDocument"] { check(e, context, &findings) }
                }
            }
        }
    }

    /// Checks the document under `entry`; a finding sits on the key when the old version is
    /// written there directly, on the branch of the `Fn::If` that chooses it otherwise.
    private func check(_ entry: Map.Entry, _ context: LintContext, _ findings: inout [Finding]) {
        for (document, _) in entry.value.branches() {
            let direct = document.range == entry.value.range
            if let text = document.stringValue {
                // A policy written as a JSON string (only JSON: YAML would read far more).
                guard text.drop(while: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).first == "{",
                    let parsed = try? Template(text: text), parsed.root["Version"]?.stringValue == Self.old
                else { continue }
                report(direct ? entry.keyRange : document.range, context, &findings)
                continue
            }
            guard let version = document.mapValue?[entry: "Version"] else { continue }
            for (value, _) in version.value.branches() where value.stringValue == Self.old {
                report(value.range == version.value.range ? version.keyRange : value.range, context, &findings)
            }
        }
    }

    private func report(_ range: SourceRange, _ context: LintContext, _ findings: inout [Finding]) {
        findings.append(
            context.finding(Self.self, "the policy is written in the 2008-10-17 policy language: use Version '2012-10-17'", at: range)
        )
    }
}
