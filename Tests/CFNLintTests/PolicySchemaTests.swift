import CFNModel
import Testing

@testable import CFNLint

/// The IAM policy document rules (E3510, E3511, E3512, E3513, E3514, E3530), on the corpus
/// templates cfn-lint finds them in and on the cases where its reading is easy to get wrong
/// (each expectation below is what cfn-lint 1.51.0 reports on the same template).
@Suite("IAM policy documents")
struct PolicySchemaTests {
    static let ids: Set<String> = ["E3510", "E3511", "E3512", "E3513", "E3514", "E3530"]

    static func lint(_ text: String) -> [Finding] {
        Linter(options: LintOptions(asOf: LintDate("2026-11-25")!)).lint(bytes: Array(text.utf8), path: "t.yaml").findings
    }

    /// Each finding of the policy rules as `id:line`, sorted, repeated as often as it is found.
    static func marks(_ findings: [Finding]) -> [String] {
        findings.filter { ids.contains($0.ruleId) }.map { "\($0.ruleId):\(($0.sourceRange ?? $0.range).start.line)" }.sorted()
    }

    static let corpusCases = [
        "cfn-lint/test/fixtures/templates/bad/generic.yaml",
        "cfn-lint/test/fixtures/templates/bad/override/include.yaml",
        "cfn-lint/test/fixtures/templates/bad/functions/sub_needed.yaml",
        "serverless-application-model/tests/translator/input/function_with_dlq.yaml",
        "serverless-application-model/tests/translator/input/connector_hardcoded_props.yaml",
    ]

    @Test("on corpus templates, the policy findings are cfn-lint's, line for line and as many", arguments: corpusCases)
    func corpus(_ file: String) throws {
        let found = try SAMLintTests.lintCorpus(file).filter { Self.ids.contains($0.ruleId) }
        let want = try SAMLintTests.expected(file).filter { Self.ids.contains($0.0) }.map { "\($0.0):\($0.1)" }.sorted()
        #expect(!want.isEmpty)
        #expect(found.map { "\($0.ruleId):\($0.range.start.line)" }.sorted() == want, "\(file)")
    }

    @Test("an AWS principal that fits none of its forms is one finding and one per form; a bucket policy's Sids may repeat")
    func principals() {
        let text = """
            Resources:
              SitePolicy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: site
                  PolicyDocument:
                    Statement:
                      - Sid: Read
                        Effect: Allow
                        Principal: {AWS: ["12345", !Sub "arn:aws:iam::${AWS::AccountId}:root"]}
                        Action: s3:GetObject
                        Resource: "*"
                      - Sid: Read
                        Effect: Allow
                        Principal: bad
                        Action: s3:GetObject
                        Resource: arn:aws:s3:::site/*
            """
        let found = Self.lint(text)
        #expect(Self.marks(found) == Array(repeating: "E3512:10", count: 6) + ["E3512:15", "E3514:12"])
    }

    @Test("a policy written as JSON text: its problems at the property, the same problem twice once, its functions mappings")
    func jsonText() {
        let text = """
            Resources:
              Worker:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: '{"Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole", "NotAction": "s3:*"}]}'
                  Policies:
                    - PolicyName: p
                      PolicyDocument: '{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": {"Fn::Sub": "a"}}, {"Effect": "Allow", "Action": "*", "Resource": {"Fn::Sub": "b"}}]}'
                    - PolicyName: q
                      PolicyDocument: '{"Statement": 5'
                    - PolicyName: yaml
                      PolicyDocument: "{Statement: [{Effect: Allow}]}"
                    - PolicyName: list
                      PolicyDocument: "[1]"
            """
        // Text that is YAML but not JSON is no policy to cfn-lint; JSON that is no mapping is one of the wrong type.
        #expect(Self.marks(Self.lint(text)) == ["E3510:14", "E3510:8", "E3510:8", "E3530:5"])
    }

    @Test("a Fn::If with an AWS::NoValue branch leaves its property out when the condition goes that way")
    func noValueBranch() {
        let text = """
            Parameters:
              Env: {Type: String}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Reader:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: s3:GetObject
                        Resource: !If [IsProd, arn:aws:s3:::site/*, !Ref AWS::NoValue]
                      - Effect: Allow
                        Action: s3:GetObject
                        Resource: !If [IsProd, site, "*"]
                      - !If
                        - IsProd
                        - Effect: Allow
                          Action: "*"
                        - !Ref AWS::NoValue
            """
        #expect(Self.marks(Self.lint(text)) == ["E3510:11", "E3510:16", "E3510:19"])
    }

    @Test("condition operators, statement ids and resources of an identity policy")
    func identity() {
        let text = """
            Resources:
              Reader:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Id: 5
                    Statement:
                      - Sid: A
                        Effect: Allow
                        Action: "*"
                        Resource: "*"
                        Condition:
                          StringEqualz: {a: b}
                          "Null": {"aws:x": "maybe", "aws:z": 5, "aws:w": {a: b}}
                      - Sid: A
                        Effect: Allow
                        Action: []
                        Resource: [arn:aws:s3:::x, "", arn:*:s3:::x]
            """
        // Null's entries are read as a condition and as Null's own booleans: {a: b} breaks both.
        #expect(
            Self.marks(Self.lint(text)) == ["E3510:13", "E3510:14", "E3510:14", "E3510:14", "E3510:17", "E3510:18", "E3510:7"]
        )
    }

    @Test("E3511: role ARNs given as text, each Fn::If branch, not a function's or a dynamic reference's")
    func roleArns() {
        let text = """
            Parameters:
              Env: {Type: String, Default: x}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ExecutionRoleArn: !If [IsProd, bad, "{{resolve:ssm:role}}"]
                  ContainerDefinitions: []
              Other:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ExecutionRoleArn: !Ref Env
                  ContainerDefinitions: []
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  ReplicationConfiguration:
                    Role: arn:aws:iam::123456789012:role/a b
                    Rules: []
            """
        #expect(Self.marks(Self.lint(text)) == ["E3511:20", "E3511:9"])
    }

    @Test("I3510: an action none of whose resource types the statement's ARNs are, at the Resource key (the Statement key without one)")
    func statementResources() {
        let text = """
            Conditions:
              C: !Equals [a, b]
            Resources:
              P:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: [sqs:SendMessage]
                        NotResource: arn:aws:s3:::bucket/*
                      - Effect: Allow
                        Action: [sqs:SendMessage]
                        Resource: !If [C, arn:aws:s3:::bucket/*, arn:aws:s3:::other]
                      - Effect: Allow
                        Action: [s3:GetObject, s3:ListAllMyBuckets, logs:PutLogEvents]
                        Resource: [arn:aws:s3:::bucket/*, "arn:aws:logs:us-east-1:123456789012:log-group:x:*"]
              P2:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument: '{"Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:s3:::x"}]}'
              B:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: x
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: "*"
                        Action: [s3:PutBucketPolicy]
                        Resource: arn:aws:s3:::bucket/*
            """
        let found = Linter(options: LintOptions(includeChecks: ["I"], asOf: LintDate("2026-11-25")!))
            .lint(bytes: Array(text.utf8), path: "t.yaml").findings.filter { $0.ruleId == "I3510" }
        #expect(found.map(\.range.start.line) == [8, 14, 21])
    }
}
