import CFNModel
import Testing

@Suite("Decoding YAML and JSON into the model")
struct DecodingTests {
    @Test("YAML scalars keep their text and take their YAML 1.1 value")
    func yamlScalars() throws {
        let t = try decode(
            """
            Resources:
              B:
                Type: AWS::S3::Bucket
                Properties:
                  Yes: yes
                  Switch: on
                  Quoted: 'yes'
                  Mode: 0755
                  E: 1e3
                  F: 1.10
                  D: 2010-09-09
                  Inf: .inf
                  Tilde: ~
                  Empty:
            """
        )
        let p = try #require(t.resource("B")?.properties)
        guard case .bool(true) = p["true"]?.value, case .bool(true) = p["Switch"]?.value else {
            Issue.record("yes/on are booleans")
            return
        }
        #expect(p["Quoted"]?.stringValue == "yes")
        guard case .number(let mode)? = p["Mode"]?.value else {
            Issue.record("0755 is a number")
            return
        }
        #expect(mode.text == "0755" && mode.intValue == 493)
        #expect(p["E"]?.stringValue == "1e3")
        guard case .number(let f)? = p["F"]?.value else {
            Issue.record("1.10 is a number")
            return
        }
        #expect(f.text == "1.10" && f.doubleValue == 1.1)
        #expect(p["D"]?.stringValue == "2010-09-09")
        guard case .number(let inf)? = p["Inf"]?.value else {
            Issue.record(".inf is a number")
            return
        }
        #expect(inf.doubleValue == .infinity)
        guard case .null = p["Tilde"]?.value, case .null = p["Empty"]?.value else {
            Issue.record("~ and empty are null")
            return
        }
        #expect(p["Tilde"]?.spelling == "~")
        // Keys resolve too: a `Yes:` key is "true", as cfn-lint reads it.
        #expect(p.keys.contains("true"))
    }

    /// Every function: the short form and the long form decode to the same value.
    @Test(
        "short-form tags equal their long forms",
        arguments: [
            ("!Ref X", "{Ref: X}"),
            ("!GetAtt A.B", "{'Fn::GetAtt': [A, B]}"),
            ("!GetAtt [A, B]", "{'Fn::GetAtt': [A, B]}"),
            ("!GetAtt A.B.C", "{'Fn::GetAtt': [A, B.C]}"),
            ("!Sub 'x-${AWS::Region}'", "{'Fn::Sub': 'x-${AWS::Region}'}"),
            ("!Sub ['${A}', {A: !Ref B}]", "{'Fn::Sub': ['${A}', {A: {Ref: B}}]}"),
            ("!Join ['', [a, !Ref B]]", "{'Fn::Join': ['', [a, {Ref: B}]]}"),
            ("!Select [0, !GetAZs '']", "{'Fn::Select': [0, {'Fn::GetAZs': ''}]}"),
            ("!Split [',', !Ref L]", "{'Fn::Split': [',', {Ref: L}]}"),
            ("!If [C, a, !Ref AWS::NoValue]", "{'Fn::If': [C, a, {Ref: 'AWS::NoValue'}]}"),
            ("!Equals [!Ref E, prod]", "{'Fn::Equals': [{Ref: E}, prod]}"),
            ("!And [!Condition A, !Condition B]", "{'Fn::And': [{Condition: A}, {Condition: B}]}"),
            ("!Or [!Condition A, !Condition B]", "{'Fn::Or': [{Condition: A}, {Condition: B}]}"),
            ("!Not [!Condition A]", "{'Fn::Not': [{Condition: A}]}"),
            ("!FindInMap [M, !Ref AWS::Region, AMI]", "{'Fn::FindInMap': [M, {Ref: 'AWS::Region'}, AMI]}"),
            ("!Base64 abc", "{'Fn::Base64': abc}"),
            ("!Cidr [10.0.0.0/16, 4, 8]", "{'Fn::Cidr': [10.0.0.0/16, 4, 8]}"),
            ("!GetAZs us-east-1", "{'Fn::GetAZs': us-east-1}"),
            ("!ImportValue Shared", "{'Fn::ImportValue': Shared}"),
            ("!Transform {Name: M, Parameters: {A: 1}}", "{'Fn::Transform': {Name: M, Parameters: {A: 1}}}"),
            ("!ToJsonString {A: 1}", "{'Fn::ToJsonString': {A: 1}}"),
            ("!Length [1, 2]", "{'Fn::Length': [1, 2]}"),
        ]
    )
    func shortAndLong(short: String, long: String) throws {
        let a = try decode("V: \(short)")
        let b = try decode("V: \(long)")
        let na = try #require(a.root["V"])
        let nb = try #require(b.root["V"])
        #expect(na.functionValue != nil, "\(short) is a function")
        #expect(na.functionValue?.name == nb.functionValue?.name)
        #expect(na.isSemanticallyEqual(to: nb), "\(short) == \(long)")
        // Written as JSON (long form) and read back, it is still the same.
        let json = Formatter.render(a, as: .json)
        let c = try Template(bytes: json)
        #expect(c.format == .json)
        #expect(try #require(c.root["V"]).isSemanticallyEqual(to: na))
    }

    @Test("GetAtt remembers its dotted form; Condition with a map value stays a map")
    func getAttAndCondition() throws {
        let t = try decode(
            """
            A: !GetAtt Fn.Arn
            B: {Fn::GetAtt: Fn.Arn}
            C: {Condition: {StringEquals: {a: b}}}
            D: {Condition: IsProd}
            """
        )
        let a = try #require(t.root["A"]?.functionValue)
        #expect(a.dotted && a.form == .short && a.getAttTarget?.resource == "Fn" && a.getAttTarget?.attribute == "Arn")
        let b = try #require(t.root["B"]?.functionValue)
        #expect(b.dotted && b.form == .long)
        #expect(t.root["C"]?.mapValue != nil)
        #expect(t.root["D"]?.functionValue?.name == .condition)
    }

    @Test("Fn::ForEach keys and unknown sections survive")
    func forEachSurvives() throws {
        let t = try decode(
            """
            Transform: AWS::LanguageExtensions
            Globals: {Function: {Timeout: 3}}
            Resources:
              Fn::ForEach::Topics:
                - TopicName
                - [a, b]
                - Topic${TopicName}:
                    Type: AWS::SNS::Topic
            """
        )
        #expect(t.resources.map(\.logicalId) == ["Fn::ForEach::Topics"])
        #expect(t.root["Globals"]?["Function"]?["Timeout"] != nil)
        #expect(t.transforms == ["AWS::LanguageExtensions"])
    }

    @Test("every node has a 1-based line, column and byte offset")
    func positions() throws {
        let text = "Resources:\n  Bücket:\n    Type: AWS::S3::Bucket\n    Properties: {BucketName: !Ref N}\n"
        let t = try decode(text)
        let r = try #require(t.resource("Bücket"))
        #expect(r.idRange.start.line == 2 && r.idRange.start.column == 3 && r.idRange.start.offset == 13)
        let type = try #require(r.node["Type"])
        #expect(type.range.start.line == 3 && type.range.start.column == 11)
        // Columns count characters; offsets count bytes (ü is two).
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[type.range.start.offset..<type.range.end.offset], as: UTF8.self) == "AWS::S3::Bucket")
        let ref = try #require(r.properties?["BucketName"])
        #expect(ref.range.start.line == 4 && ref.range.start.column == 30)

        let j = try Template(text: "{\n  \"Resources\": {\n\t\"A\": {\"Type\": \"X\"}}}")
        let a = try #require(j.resource("A"))
        #expect(a.idRange.start.line == 3 && a.idRange.start.column == 2)
        #expect(a.node["Type"]?.range.start.column == 16)
    }

    @Test("anchors, aliases and merge keys")
    func anchorsAndMerge() throws {
        let t = try decode(
            """
            Base: &base {Runtime: nodejs22.x, Timeout: 3}
            Fn:
              <<: *base
              Timeout: 10
            Copy: *base
            """
        )
        #expect(t.root["Fn"]?["Runtime"]?.stringValue == "nodejs22.x")
        guard case .number(let n)? = t.root["Fn"]?["Timeout"]?.value else {
            Issue.record("Timeout is a number")
            return
        }
        #expect(n.intValue == 10)
        #expect(t.root["Copy"]?["Timeout"] != nil)
    }

    @Test("typed views: resources, parameters, outputs, conditions, mappings")
    func views() throws {
        let t = try decode(
            """
            Parameters:
              Env: {Type: String, Default: dev, AllowedValues: [dev, prod]}
            Mappings:
              Region: {us-east-1: {AMI: ami-1}}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Q:
                Type: AWS::SQS::Queue
                Condition: IsProd
                DependsOn: T
                DeletionPolicy: Retain
                Metadata: {Note: x}
                Properties: {DelaySeconds: 5}
              T:
                Type: AWS::SNS::Topic
                DependsOn: [Q]
            Outputs:
              QueueUrl:
                Value: !Ref Q
                Export: {Name: !Sub '${AWS::StackName}-q'}
            """
        )
        #expect(t.parameters.map(\.name) == ["Env"])
        #expect(t.parameters[0].type == "String" && t.parameters[0].allowedValues?.count == 2)
        #expect(t.mappings[0].value("us-east-1", "AMI")?.stringValue == "ami-1")
        #expect(t.conditions[0].expression.functionValue?.name == .equals)
        let q = try #require(t.resource("Q"))
        #expect(q.type == "AWS::SQS::Queue" && q.condition == "IsProd" && q.dependsOn == ["T"])
        #expect(q.deletionPolicy == "Retain" && q.metadata?["Note"]?.stringValue == "x")
        #expect(t.resource("T")?.dependsOn == ["Q"])
        #expect(t.outputs[0].value?.functionValue?.refTarget == "Q")
        #expect(t.outputs[0].exportName?.functionValue?.name == .sub)
    }
}
