import CFNModel
import CFNSchema
import Foundation
import Testing

@testable import CFNLint

/// The warnings on what values resolve to and on resource settings (W1030, W1036, W2002,
/// W2010, W2506, W2511, W2533, W3002, W3011, W3037, W3045, W4001, W6001), on corpus templates against cfn-lint's saved findings
/// and on the cases where the reference's reasoning is easy to get wrong.
@Suite("Value and resource warnings")
struct ValueWarningTests {
    static func lint(_ text: String, path: String = "t.yaml") -> [Finding] {
        Linter(options: LintOptions(asOf: LintDate("2026-11-25")!)).lint(bytes: Array(text.utf8), path: path).findings
    }

    static func lines(_ findings: [Finding], _ id: String) -> [Int] {
        findings.filter { $0.ruleId == id }.map(\.range.start.line).sorted()
    }

    /// Corpus templates and the rules whose lines must be cfn-lint's (each template has at
    /// least one finding of each rule listed).
    static let corpusCases: [(String, [String])] = [
        ("aws-cloudformation-templates/EC2/EC2InstanceWithSecurityGroupSample.yaml", ["W1030"]),
        ("aws-cloudformation-templates/EC2/EC2InstanceWithSecurityGroupSample.json", ["W1030"]),
        ("cfn-lint/test/fixtures/templates/quickstart/nist_vpc_production.yaml", ["W1030"]),
        ("cfn-lint/test/fixtures/templates/bad/functions_getaz.yaml", ["W1030"]),
        ("cfn-lint/test/fixtures/templates/bad/generic.yaml", ["W1036"]),
        ("cfn-lint/test/fixtures/templates/bad/noecho.yaml", ["W2010"]),
        ("cfn-lint/test/fixtures/templates/quickstart/nist_application.yaml", ["W2506", "W2010", "W3045"]),
        ("cfn-lint/test/fixtures/templates/bad/resources/lambda/required_properties.yaml", ["W2533"]),
        ("cfn-lint/test/fixtures/templates/bad/resources/s3/access-control-obsolete.yaml", ["W3045"]),
        ("cfn-lint/test/fixtures/templates/bad/resources/properties/templated_code.yaml", ["W3002"]),
        ("cfn-lint/test/fixtures/templates/bad/resources/cloudformation/stacks.yaml", ["W3002"]),
        ("cfn-lint/test/fixtures/templates/bad/resources_deletionpolicy.yaml", ["W3011"]),
        ("cfn-lint/test/fixtures/templates/bad/resources_updatereplacepolicy.yaml", ["W3011"]),
        ("aws-cloudformation-templates/S3/compliant-bucket.yaml", ["W3037"]),
        ("aws-cloudformation-templates/S3/compliant-static-website.json", ["W3037"]),
        ("cfn-lint/test/fixtures/templates/bad/resources_circular_dependency.yaml", ["W3037"]),
        ("cfn-lint/test/fixtures/templates/quickstart/nist_application.yaml", ["W2511"]),
        ("cfn-lint/test/fixtures/templates/bad/override/include.yaml", ["W2511"]),
        ("cfn-lint/test/fixtures/templates/bad/parameters/configuration.yaml", ["W2002"]),
        ("cfn-lint/test/fixtures/templates/bad/mappings/used.yaml", ["W1034"]),
    ]

    @Test("on corpus templates, each rule's findings are on cfn-lint's lines", arguments: corpusCases)
    func corpus(_ file: String, _ rules: [String]) throws {
        let found = try SAMLintTests.lintCorpus(file)
        let reference = try SAMLintTests.expected(file)
        for id in rules {
            let want = reference.filter { $0.0 == id }.map(\.1).sorted()
            #expect(!want.isEmpty, "\(file) has no \(id) in the reference")
            #expect(Set(Self.lines(found, id)) == Set(want), "\(id) in \(file)")
        }
    }

    @Test("W1030: a Ref in a Fn::If branch is not checked with the value its condition rules out")
    func refUnderCondition() {
        let text = """
            Parameters:
              Role:
                Type: String
                Default: ""
            Conditions:
              HasRole: !Not [!Equals [!Ref Role, ""]]
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: app
                      Image: nginx
                  TaskRoleArn: !If [HasRole, !Ref Role, !Ref AWS::NoValue]
                  ExecutionRoleArn: !Ref Role
            """
        // The second use has no condition around it: '' is not a role ARN there.
        #expect(Self.lines(Self.lint(text), "W1030") == [15])
    }

    @Test("W1030: a problem with the whole value is reported once, an enum on each allowed value that breaks it")
    func refPlaces() {
        let text = """
            Parameters:
              Acl:
                Type: String
                AllowedValues: [Private, Secret, Hidden]
              Subnet:
                Type: String
                AllowedValues: [a, b]
              Ssm:
                Type: AWS::SSM::Parameter::Value<String>
                Default: /not/a/subnet
            Resources:
              Logs:
                Type: AWS::S3::Bucket
                Properties:
                  AccessControl: !Ref Acl
                  OwnershipControls:
                    Rules:
                      - ObjectOwnership: ObjectWriter
              Nic:
                Type: AWS::EC2::NetworkInterface
                Properties:
                  SubnetId: !Ref Subnet
              Other:
                Type: AWS::EC2::NetworkInterface
                Properties:
                  SubnetId: !Ref Ssm
            """
        let found = Self.lint(text).filter { $0.ruleId == "W1030" }
        // 'Secret' and 'Hidden' where they are written; 'a' and 'b' break one format at one place.
        #expect(found.map(\.range.start.line) == [4, 4, 22])
        #expect(found.map(\.range.start.column) == [30, 38, 7])
        #expect(found[2].message.contains("AWS::EC2::Subnet.Id"))
    }

    @Test("the ipv4-network format reads a network as Python's ipaddress module does (strict)")
    func ipv4Network() {
        let valid = ["10.0.0.0/16", "0.0.0.0/0", "10.0.0.0", "10.0.0.0/255.255.0.0", "10.0.0.0/0.0.255.255", "10.0.0.0/08", "1.2.3.4/32"]
        let invalid = [
            "10.0.0.1/16", "192.168.1.0/0", "010.0.0.0/8", "10.0.0.0/33", "10.0.0.0/255.0.255.0", "", "10.0.0.0/",
            "256.0.0.0/8", "a.b.c.d", "10.0.0.0/16/1", " 10.0.0.0/8",
        ]
        for v in valid { #expect(Formats.isIPv4Network(v), "\(v)") }
        for v in invalid { #expect(!Formats.isIPv4Network(v), "\(v)") }
    }

    @Test("the ipv4 and ipv6 formats read an address as Python's ipaddress module does")
    func ipAddresses() {
        let v4 = ["1.2.3.4", "0.0.0.0", "255.255.255.255"]
        let notV4 = ["300.1.1.1", "1.2.3", "01.2.3.4", "1.2.3.4/32", "", "a.b.c.d", "10 mail.example.com"]
        let v6 = ["::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "FE80::aB"]
        let notV6 = [
            "1:2:3:4:5:6:7:1.2.3.4", "1::2::3", "12345::", "fe80::1%eth0", "1.2.3.4", ":1::", "1:2:3:4:5:6:7:8:9",
            "::ffff:1.2.3.04", "", "1:2:3:4:5:6:7", "g::",
        ]
        for v in v4 { #expect(Formats.isIPv4Address(v), "\(v)") }
        for v in notV4 { #expect(!Formats.isIPv4Address(v), "\(v)") }
        for v in v6 { #expect(Formats.isIPv6Address(v), "\(v)") }
        for v in notV6 { #expect(!Formats.isIPv6Address(v), "\(v)") }
    }

    @Test("W3002 is quiet on SAM templates, S3 and HTTPS locations and dynamic references")
    func packaging() {
        let plain = """
            Resources:
              Nested:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: ./nested.yaml
              Resolved:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: "{{resolve:ssm:/stacks/network-url}}"
              Remote:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: s3://artifacts/network.yaml
            """
        #expect(Self.lines(Self.lint(plain), "W3002") == [5])
        let sam = "Transform: AWS::Serverless-2016-10-31\n" + plain
        #expect(Self.lines(Self.lint(sam), "W3002").isEmpty)
    }

    @Test("W3011: Delete on its own, both policies, and Lambda versions are fine; a function's value is not Delete")
    func retention() {
        let text = """
            Parameters:
              Keep: {Type: String, Default: Delete}
            Resources:
              A: {Type: AWS::SQS::Queue, DeletionPolicy: Delete}
              B: {Type: AWS::SQS::Queue, DeletionPolicy: Retain, UpdateReplacePolicy: Delete}
              C: {Type: AWS::Lambda::Version, DeletionPolicy: Retain, Properties: {FunctionName: f}}
              D: {Type: AWS::SQS::Queue, DeletionPolicy: !Ref Keep}
              E: {Type: AWS::SQS::Queue, UpdateReplacePolicy: Snapshot}
            """
        #expect(Self.lines(Self.lint(text), "W3011") == [7, 8])
    }

    @Test("W3037: a policy as JSON text is read, a malformed action ends its list, a queue policy takes sqs actions only")
    func policyActions() {
        let text = """
            Resources:
              Worker:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: lambda.amazonaws.com}
                        Action: sts:AssumeRole
                  Policies:
                    - PolicyName: inline
                      PolicyDocument: '{"Statement": [{"Effect": "Allow", "Action": "dynamodb:GetItems", "Resource": "*"}]}'
                    - PolicyName: listed
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Action: [GetObject, s3:Nope]
                            Resource: "*"
              QueuePolicy:
                Type: AWS::SQS::QueuePolicy
                Properties:
                  Queues: [https://sqs.us-east-1.amazonaws.com/123456789012/jobs]
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: "*"
                        Action: [sqs:SendMessage, sns:Publish]
                        Resource: "*"
            """
        let found = Self.lint(text).filter { $0.ruleId == "W3037" }
        #expect(found.map(\.range.start.line) == [12, 17, 27])
        #expect(found[1].message.contains("GetObject") && !found.contains { $0.message.contains("Nope") })
        #expect(found[2].message.contains("only sqs"))
        let sam = "Transform: AWS::Serverless-2016-10-31\n" + text
        #expect(Self.lint(sam).filter { $0.ruleId == "W3037" }.isEmpty)
    }

    @Test("W4001 takes the interface's names that are not parameters; E4001 keeps the shape only")
    func interfaceNames() {
        let text = """
            Metadata:
              AWS::CloudFormation::Interface:
                ParameterGroups:
                  - Label: {default: Network}
                    Parameters: [VpcId, [Subnet]]
                ParameterLabels:
                  VpcId: {text: Which VPC?}
                  Gone: {default: Old}
            Parameters:
              VpcId: {Type: String}
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Ref VpcId
            """
        let found = Self.lint(text)
        #expect(Self.lines(found, "W4001") == [5, 8])
        #expect(Self.lines(found, "E4001") == [7])
    }

    @Test("W1054: any value that is a pseudo-parameter's name, but not a Ref's, nor in an untyped resource's properties")
    func pseudoParameterText() {
        let text = """
            Conditions:
              Odd:
                Fn::Equals:
                  - Ref: AWS::Region
                    Fn::Select: [0, [a]]
                  - AWS::Region
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Sub AWS::StackName
              Thing:
                Type: AWS::Nope::Thing
                Properties:
                  Name: AWS::Region
            Outputs:
              Region:
                Value: !Ref AWS::Region
              Account:
                Value: AWS::AccountId
            """
        #expect(Self.lines(Self.lint(text), "W1054") == [6, 11, 20])
    }

    @Test("W6001: an ImportValue anywhere in an output's Value, not in its Export")
    func outputImports() {
        let text = """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
            Outputs:
              Joined:
                Value: !Join ["", [!ImportValue shared-Prefix, "-jobs"]]
              Exported:
                Value: !Ref Queue
                Export:
                  Name: !ImportValue shared-Name
            """
        #expect(Self.lines(Self.lint(text), "W6001") == [6])
    }
}
