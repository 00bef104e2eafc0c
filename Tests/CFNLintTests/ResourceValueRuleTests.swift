import CFNModel
import Testing

@testable import CFNLint

/// Cases of E3024, E3027, E1033, E1041 and the name lengths whose lines were taken from
/// cfn-lint 1.51.0 run on the same text.
@Suite("Tags, schedules, stack outputs, Ref formats")
struct ResourceValueRuleTests {
    static func lines(_ text: String, _ id: String) -> [Int] {
        let found = Linter().lint(bytes: Array(text.utf8), path: "t.yaml").findings
        return found.filter { $0.ruleId == id }.map(\.range.start.line).sorted()
    }

    @Test("E3024: a number key equals its text, an Fn::If item is left out of the uniqueness, a branch list is where it is reported")
    func tagKeys() {
        let text = """
            Conditions:
              C: !Equals [!Ref "AWS::Region", us-east-1]
            Resources:
              Numbers:
                Type: AWS::S3::Bucket
                Properties:
                  Tags:
                    - Key: 1
                      Value: a
                    - Key: "1"
                      Value: b
              Chosen:
                Type: AWS::S3::Bucket
                Properties:
                  Tags:
                    - Key: a
                      Value: x
                    - !If [C, {Key: a, Value: c}, !Ref AWS::NoValue]
              Branches:
                Type: AWS::S3::Bucket
                Properties:
                  Tags: !If [C, [{Key: a, Value: "1"}, {Key: a, Value: "2"}], [{Key: "aws:x", Value: "3"}]]
              Untagged:
                Type: AWS::Logs::SubscriptionFilter
                Properties:
                  LogGroupName: x
                  FilterPattern: ""
                  DestinationArn: arn:aws:lambda:us-east-1:123456789012:function:f
            """
        #expect(Self.lines(text, "E3024") == [7, 22, 22])
    }

    @Test("E3024: a Ref to a list parameter can be Tags, a Ref to a string parameter cannot")
    func tagFunctions() {
        let text = """
            Parameters:
              TagList:
                Type: CommaDelimitedList
              Env:
                Type: String
            Resources:
              Listed:
                Type: AWS::S3::Bucket
                Properties:
                  Tags: !Ref TagList
              Text:
                Type: AWS::S3::Bucket
                Properties:
                  Tags: !Ref Env
            """
        #expect(Self.lines(text, "E3024") == [14])
    }

    @Test("E3027: each cfn-lint check of rate() and cron(), and a Fn::If branch at its value")
    func schedules() {
        let rows = [
            ("rate(1 minutes)", 1), ("rate(2 minute)", 1), ("rate(0 minute)", 1), ("rate(0 minutes)", 2), ("rate()", 1),
            ("rate(x minutes)", 1), ("rate(5  minutes)", 1), ("rate(5 minutes)", 0), ("rate(1 day)", 0),
            ("cron(0 12 * * ? *)", 0), ("cron(0 12 * * * *)", 1), ("cron(0 12 * *)", 1), ("every day", 1), ("cron()", 1),
        ]
        for (expression, count) in rows {
            #expect(ScheduleExpressionFormat.problems(expression).count == count, "\(expression)")
        }
        let text = """
            Conditions:
              C: !Equals [!Ref "AWS::Region", us-east-1]
            Resources:
              Rule:
                Type: AWS::Events::Rule
                Properties:
                  ScheduleExpression: !If
                    - C
                    - every day
                    - rate(5 minutes)
            """
        #expect(Self.lines(text, "E3027") == [9])
    }

    @Test("E1033 in Fn::Join is reported as Join's (E1022), in an output not at all; !GetStackOutput reads as a function")
    func stackOutputs() {
        let text = """
            Resources:
              Named:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !GetStackOutput
                    StackName: network
                    OutputName: TopicName
              Joined:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Join ["", [!GetStackOutput {StackName: a}]]
            Outputs:
              Passed:
                Value: !Join ["", [!GetStackOutput {StackName: a}]]
            """
        #expect(Self.lines(text, "E0000").isEmpty)
        #expect(Self.lines(text, "E1033").isEmpty)
        #expect(Self.lines(text, "E1022") == [11])
    }

    @Test("E1041: a security group's Ref is its id with a VpcId, its name without; parameters are not judged")
    func refFormats() {
        let text = """
            Parameters:
              Vpc:
                Type: AWS::EC2::VPC::Id
              Group:
                Type: String
            Resources:
              InVpc:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: x
                  VpcId: !Ref Vpc
              Classic:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: x
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/x
                  Handler: index.h
                  Runtime: python3.12
                  Code: {ZipFile: x}
                  VpcConfig:
                    SecurityGroupIds: [!Ref Classic, !Ref InVpc, !Ref Group]
                    SubnetIds: [subnet-12345678]
              Box:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  SecurityGroups: [!Ref Classic, !Ref InVpc]
            """
        let found = Linter().lint(bytes: Array(text.utf8), path: "t.yaml").findings.filter { $0.ruleId == "E1041" }
        #expect(found.map { [$0.range.start.line, $0.range.start.column] } == [[24, 28], [30, 38]])
    }

    @Test("E2011, E6011, E7002 measure names in characters, not bytes")
    func lengthsInCharacters() {
        let name = String(repeating: "é", count: 200)
        let text = """
            Parameters:
              P\(name):
                Type: String
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """
        // 201 characters (402 bytes): within 255, but not letters and digits (E2001's).
        #expect(Self.lines(text, "E2011").isEmpty)
    }
}
