import CFNModel
import Foundation
import Testing

@testable import CFNLint

/// The per-resource constraints and resource rules of E3674-E3721 and W3687-W3703: on the corpus
/// templates cfn-lint 1.51.0 reports them on, the same findings at the same lines; and what the
/// constraints that read other resources (cfn-lint's `cfnGather`) do when they cannot.
@Suite("Constraint and resource rules E3674-E3721, W3687-W3703")
struct ConstraintParityTests {
    static let ids: Set<String> = [
        "E3674", "E3677", "E3678", "E3685", "E3686", "E3687", "E3688", "E3689", "E3690", "E3691", "E3692", "E3693",
        "E3695", "E3696", "E3697", "E3700", "E3701", "E3702", "E3703", "E3704", "E3705", "E3706", "E3707", "E3708",
        "E3709", "E3711", "E3712", "E3713", "E3714", "E3715", "E3716", "E3718", "E3719", "E3720", "E3721", "W3687",
        "W3688", "W3689", "W3690", "W3691", "W3693", "W3694", "W3698", "W3699", "W3700", "W3701", "W3703",
    ]

    static func lint(_ text: String) -> [Finding] {
        let (findings, _) = Linter(options: LintOptions()).lint(bytes: Array(text.utf8), path: "t.yaml")
        return findings.filter { ids.contains($0.ruleId) }
    }

    @Test(
        "on the corpus templates cfn-lint reports them on, the same findings at the same lines",
        arguments: [
            "cfn-lint/test/fixtures/templates/bad/resources_circular_dependency.yaml",
            "cfn-lint/test/fixtures/templates/bad/resources/lambda/required_properties.yaml",
            "cfn-lint/test/fixtures/templates/bad/core/conditions.yaml",
            "cfn-lint/test/fixtures/templates/bad/functions_ref.yaml",
            "cfn-lint/test/fixtures/templates/public/rds-cluster.yaml",
        ]
    )
    func corpus(_ path: String) throws {
        let expected = try SAMLintTests.expected(path).filter { Self.ids.contains($0.0) }.map { "\($0.0):\($0.1)" }.sorted()
        let found = try SAMLintTests.lintCorpus(path).filter { Self.ids.contains($0.ruleId) }
            .map { "\($0.ruleId):\($0.range.start.line)" }
        #expect(!expected.isEmpty)
        #expect(Array(Set(found)).sorted() == Array(Set(expected)).sorted())
    }

    @Test("a constraint that reads another resource says nothing when the reference is a parameter or outside the template")
    func gatherUnknown() {
        let found = Self.lint(
            """
            Parameters:
              ClusterName:
                Type: String
            Resources:
              ByParameter:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: aurora-mysql
                  DBClusterIdentifier: !Ref ClusterName
                  DBInstanceClass: db.r6g.large
              ByName:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: aurora-postgresql
                  DBClusterIdentifier: orders-cluster
                  DBInstanceClass: db.r6g.large
              Queue:
                Type: AWS::SQS::Queue
              FromStandardQueue:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: worker
                  EventSourceArn: !GetAtt Queue.Arn
                  BatchSize: 1000
            """
        )
        #expect(found.isEmpty, "\(found.map { "\($0.ruleId) \($0.range.start.line)" })")
    }

    @Test("of several problems at one place of a once-per-place constraint, the one cfn-lint names is reported")
    func bestMatch() {
        let found = Self.lint(
            """
            Resources:
              Clone:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  SourceDBClusterIdentifier: orders
                  StorageEncrypted: true
                  MasterUserPassword: "{{resolve:secretsmanager:orders:SecretString:password}}"
                  MasterUsername: admin_user
              Everything:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-12345678
                  IpProtocol: "-1"
                  ToPort: 443
                  FromPort: 443
                  CidrIp: 10.0.0.0/8
            """
        )
        // cfn-lint: W3689 on MasterUserPassword (the schema's first), W3687 on FromPort.
        #expect(found.map { "\($0.ruleId):\($0.range.start.line)" }.sorted() == ["W3687:16", "W3689:8"])
    }
}
