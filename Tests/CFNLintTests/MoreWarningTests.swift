import CFNModel
import Foundation
import Testing

@testable import CFNLint

/// W2002, W2501, W2511, W2530, W3010, W4001, W4005, W6001, W1051, W1053, W1054, W1100: on the
/// corpus templates cfn-lint 1.51.0 reports them on, and at the places cfn-lint 1.51.0 puts them
/// (the lines below are what it reports for the same templates).
@Suite("More warning rules")
struct MoreWarningTests {
    static let ids: Set<String> = [
        "W2002", "W2501", "W2511", "W2530", "W3010", "W4001", "W4005", "W6001", "W1051", "W1053", "W1054", "W1100",
    ]

    static func lines(_ findings: [Finding], _ id: String) -> [Int] {
        findings.filter { $0.ruleId == id }.map(\.range.start.line).sorted()
    }

    @Test(
        "on the corpus templates cfn-lint reports them on, the same findings at the same lines",
        arguments: [
            "cfn-lint/test/fixtures/templates/bad/parameters/configuration.yaml",
            "cfn-lint/test/fixtures/templates/bad/override/include.yaml",
            "cfn-lint/test/fixtures/templates/quickstart/nist_application.yaml",
        ]
    )
    func corpus(_ path: String) throws {
        let expected = try SAMLintTests.expected(path).filter { Self.ids.contains($0.0) }.map { "\($0.0):\($0.1)" }.sorted()
        let found = try SAMLintTests.lintCorpus(path).filter { Self.ids.contains($0.ruleId) }.map { "\($0.ruleId):\($0.range.start.line)" }
        #expect(!expected.isEmpty)
        #expect(found.sorted() == expected)
    }

    @Test("W2511 in a JSON string policy, in a Fn::If branch, and in an inline policy chosen by Fn::If")
    func oldPolicyVersion() {
        let findings = SAMLintTests.lint(
            """
            Conditions:
              C: !Equals [!Ref AWS::Region, us-east-1]
            Resources:
              B:
                Type: AWS::S3::Bucket
              P:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref B
                  PolicyDocument: '{"Version": "2008-10-17", "Statement": []}'
              R:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Version: 2008-10-17
                    Statement: []
                  Policies:
                    - PolicyName: x
                      PolicyDocument:
                        Version: !If [C, "2008-10-17", "2012-10-17"]
                        Statement: []
                    - !If
                      - C
                      - PolicyName: y
                        PolicyDocument:
                          Version: "2008-10-17"
                          Statement: []
                      - !Ref AWS::NoValue
              T:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: "2008-10-17"
            """
        )
        #expect(Self.lines(findings, "W2511") == [10, 15, 20, 26])
        // The If branch is placed at the value, as cfn-lint places it.
        #expect(findings.first { $0.ruleId == "W2511" && $0.range.start.line == 20 }?.range.start.column == 30)
    }

    @Test("W3010: each zone of a list at its item, a list in a one-zone property at the key, nothing under a function or for `all`")
    func hardcodedZones() {
        let template = """
            Conditions:
              C: !Equals [!Ref AWS::Region, us-east-1]
            Resources:
              V:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: [us-east-1a, us-east-1b]
                  Size: 10
              V2:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: !If [C, us-east-1a, us-east-1b]
                  Size: 10
              G:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "2"
                  AvailabilityZones: [all, us-east-1a, !If [C, us-east-1a, us-east-1b]]
                  LaunchConfigurationName: config
            """
        let findings = SAMLintTests.lint(template)
        #expect(Self.lines(findings, "W3010") == [7, 7, 19])
        #expect(findings.first { $0.ruleId == "W3010" && $0.range.start.line == 19 }?.range.start.column == 32)
        // A template made by the CDK is left alone.
        let cdk = SAMLintTests.lint(template + "\n  CDKMetadata:\n    Type: AWS::CDK::Metadata\n")
        #expect(Self.lines(cdk, "W3010").isEmpty)
    }

    @Test("W2530 is quiet when a version refers to the function, even by DependsOn only")
    func snapStart() {
        let function = """
              F:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: java21
                  Role: arn:aws:iam::123456789012:role/x
                  Code: {ZipFile: x}
                  Handler: index.handler
                  SnapStart:
                    ApplyOn: PublishedVersions
            """
        #expect(Self.lines(SAMLintTests.lint("Resources:\n" + function), "W2530") == [10])
        let withVersion =
            "Resources:\n" + function
            + "\n  V:\n    Type: AWS::Lambda::Version\n    DependsOn: F\n    Properties:\n      FunctionName: other\n"
        #expect(Self.lines(SAMLintTests.lint(withVersion), "W2530").isEmpty)
    }

    @Test("W2501: a parameter without NoEcho at the parameter, once; a Fn::If or a NoEcho of \"false\" (a string) is not reported")
    func passwords() {
        let findings = SAMLintTests.lint(
            """
            Parameters:
              P1:
                Type: String
              P3:
                Type: String
                NoEcho: false
              P4:
                Type: String
                NoEcho: "false"
            Conditions:
              C: !Equals [!Ref AWS::Region, us-east-1]
            Resources:
              D1:
                Type: AWS::DirectoryService::SimpleAD
                Properties:
                  Name: corp.example.com
                  Password: !Ref P1
                  Size: Small
                  VpcSettings: {SubnetIds: [subnet-1, subnet-2], VpcId: vpc-1}
              D2:
                Type: AWS::DirectoryService::SimpleAD
                Properties:
                  Name: corp.example.com
                  Password: !Ref P1
                  Size: Small
                  VpcSettings: {SubnetIds: [subnet-1, subnet-2], VpcId: vpc-1}
              D3:
                Type: AWS::DirectoryService::SimpleAD
                Properties:
                  Name: corp.example.com
                  Password: !If [C, !Ref P3, !Ref P4]
                  Size: Small
                  VpcSettings: {SubnetIds: [subnet-1, subnet-2], VpcId: vpc-1}
              D4:
                Type: AWS::DirectoryService::SimpleAD
                Properties:
                  Name: corp.example.com
                  Password: !Ref P4
                  Size: Small
                  VpcSettings: {SubnetIds: [subnet-1, subnet-2], VpcId: vpc-1}
            """
        )
        #expect(Self.lines(findings, "W2501") == [2])
    }

    @Test("W4001 takes the names that are not parameters from E4001, as cfn-lint files them; a number is placed at its key")
    func interfaceNames() {
        let findings = SAMLintTests.lint(
            """
            Metadata:
              AWS::CloudFormation::Interface:
                ParameterGroups:
                  - Label: {default: Net}
                    Parameters: [Vpc, Missing, 3]
                ParameterLabels:
                  Vpc: {default: The VPC}
                  Gone: {default: x}
            Parameters:
              Vpc:
                Type: String
            Resources:
              T:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: !Ref Vpc
            """
        )
        #expect(Self.lines(findings, "W4001") == [5, 5, 8])
        #expect(findings.filter { $0.ruleId == "W4001" && $0.range.start.line == 5 }.map(\.range.start.column).sorted() == [9, 27])
        #expect(Self.lines(findings, "E4001").isEmpty)
    }

    @Test("W1053 in every section but the top-level Metadata, W1054 there too; neither in unknown properties or types, nor under Ref")
    func stringsEverywhere() {
        let findings = SAMLintTests.lint(
            """
            Description: "{{ resolve:ssm:/desc}}"
            Metadata:
              M: "{{ resolve:ssm:/m}}"
              N: AWS::Region
            Parameters:
              P:
                Type: String
                Default: AWS::Region
            Conditions:
              C: !Equals [!Ref P, "{{ resolve:ssm:/c}}"]
              D:
                Fn::Equals:
                  - Ref: AWS::Region
                    Fn::Select: [P, 0]
                  - dev
            Resources:
              T:
                Type: AWS::SNS::Topic
                Metadata:
                  x: AWS::NoValue
                Properties:
                  Unknown: "{{ resolve:ssm:/u}}"
                  DisplayName: !Join ["", ["{{ resolve:ssm:/j}}"]]
                  TopicName: !Sub "AWS::AccountId"
                  Tags:
                    - Key: "{{resolve:ssm:/ok}} {{ resolve:ssm:/both}}"
                      Value: "{{ resolve:other:x}}"
              X:
                Type: AWS::Foo::Bar
                Properties:
                  A: AWS::Region
            Outputs:
              O:
                Value: !Ref AWS::Region
                Export:
                  Name: "{{ resolve:ssm:/oe}}"
            """
        )
        #expect(Self.lines(findings, "W1053") == [1, 10, 23, 36])
        #expect(Self.lines(findings, "W1054") == [4, 8, 20, 24])
    }

    @Test("W1051 on a plain reference at its key, in a Fn::If branch at the branch, and on a whole Fn::Sub string")
    func secretArn() {
        let findings = SAMLintTests.lint(
            """
            Conditions:
              C: !Equals [!Ref AWS::Region, us-east-1]
            Resources:
              R:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  MasterUsername: a
                  MasterUserSecret:
                    SecretArn: !If [C, "{{resolve:secretsmanager:abc}}", !Sub "{{resolve:secretsmanager:${AWS::StackName}}}"]
              R2:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  MasterUsername: a
                  MasterUserSecret:
                    SecretArn: "{{resolve:secretsmanager:abc:Bad}}"
                  MasterUserPassword: "{{resolve:secretsmanager:abc}}"
              R3:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  MasterUsername: a
                  MasterUserSecret:
                    SecretArn: !Join ["", ["{{resolve:secretsmanager:abc}}"]]
            """
        )
        #expect(Self.lines(findings, "W1051") == [10, 10, 17])
        #expect(findings.filter { $0.ruleId == "W1051" && $0.range.start.line == 10 }.map(\.range.start.column).sorted() == [9, 28])
        #expect(findings.first { $0.ruleId == "W1051" && $0.range.start.line == 17 }?.range.start.column == 9)
    }

    @Test("W1100 at the key of a merged mapping and at a merged list item; W4005 on each bad setting")
    func mergeAndConfig() {
        let findings = SAMLintTests.lint(
            """
            Metadata:
              cfn-lint:
                config:
                  ignore_checks: W2001
                  include_experimental: "yes"
                  bogus: 1
                  configure_rules: []
                  regions: [us-east-1]
                other: 2
            Resources:
              T:
                Type: AWS::SNS::Topic
                Properties: &props
                  DisplayName: x
              T2:
                Type: AWS::SNS::Topic
                Properties:
                  <<: *props
                  TopicName: y
              T3:
                Type: AWS::SNS::Topic
                Properties:
                  Tags:
                    - <<: {Key: a}
                      Value: b
            """
        )
        #expect(Self.lines(findings, "W1100") == [17, 24])
        #expect(Self.lines(findings, "W4005") == [4, 5, 6, 7])
    }
}
