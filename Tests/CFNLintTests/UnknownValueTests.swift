import CFNModel
import Testing

@testable import CFNLint
@testable import CFNSchema

/// A constraint whose deciding value is a function is unknown, and gives no finding; the same
/// constraint on a literal value still does. Expectations checked against cfn-lint 1.51.0.
@Suite("Values that cannot be known: constraints and conditions")
struct UnknownValueTests {
    static func lint(_ text: String) -> [Finding] {
        Linter().lint(bytes: Array(text.utf8), path: "t.yaml").findings
    }

    /// `id@line` of the findings of the given ids.
    static func found(_ text: String, _ ids: Set<String>) -> [String] {
        lint(text).filter { ids.contains($0.ruleId) }.map { "\($0.ruleId)@\($0.range.start.line)" }
    }

    static let function = """
          Fn:
            Type: AWS::Lambda::Function
            Properties:
              Handler: index.handler
              Runtime: python3.12
              Role: arn:aws:iam::123456789012:role/r
              Code: {ZipFile: "x"}
        """

    @Test("E3633: a Serverless sqs event (EventSourceArn: !GetAtt Queue.Arn, no StartingPosition) passes")
    func sqsEventByGetAtt() {
        let text = """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
            \(Self.function)
              ByGetAtt:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: !GetAtt Fn.Arn
                  EventSourceArn: !GetAtt Queue.Arn
                  BatchSize: 10
              ByJoin:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: !GetAtt Fn.Arn
                  EventSourceArn: !Join [":", [arn, !Ref AWS::Partition, kinesis, !Ref AWS::Region, !Ref AWS::AccountId, stream/s]]
              ByLiteral:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: !GetAtt Fn.Arn
                  EventSourceArn: arn:aws:kinesis:us-east-1:123456789012:stream/s
            """
        // The Join is not taken apart (cfn-lint does not either); the literal stream ARN is judged.
        #expect(Self.found(text, ["E3633", "E3634"]) == ["E3633@24"])
    }

    @Test("E3634: a stream mapping whose EventSourceArn is a function may set StartingPosition")
    func streamEventByFunction() {
        let text = """
            Parameters:
              StreamArn:
                Type: String
                Default: arn:aws:sqs:us-east-1:123456789012:q
            Resources:
              Stream:
                Type: AWS::Kinesis::Stream
                Properties: {ShardCount: 1}
              Table:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
                  KeySchema: [{AttributeName: pk, KeyType: HASH}]
                  StreamSpecification: {StreamViewType: NEW_IMAGE}
            \(Self.function)
              Kinesis:
                Type: AWS::Lambda::EventSourceMapping
                Properties: {FunctionName: !Ref Fn, EventSourceArn: !GetAtt Stream.Arn, StartingPosition: LATEST}
              Dynamo:
                Type: AWS::Lambda::EventSourceMapping
                Properties: {FunctionName: !Ref Fn, EventSourceArn: !GetAtt Table.StreamArn, StartingPosition: TRIM_HORIZON}
              ByParameter:
                Type: AWS::Lambda::EventSourceMapping
                Properties: {FunctionName: !Ref Fn, EventSourceArn: !Ref StreamArn, StartingPosition: LATEST}
              BySub:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: !Ref Fn
                  EventSourceArn: !Sub "arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:q"
                  StartingPosition: LATEST
              Literal:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: !Ref Fn
                  EventSourceArn: arn:aws:sqs:us-east-1:123456789012:q
                  StartingPosition: !Ref AWS::StackName
            """
        // A parameter's Default is not taken for its value; a literal SQS ARN is judged, and
        // StartingPosition is wrong there whatever its value.
        #expect(Self.found(text, ["E3633", "E3634"]) == ["E3634@43"])
    }

    @Test("E3682: an RDS instance with Engine: !Ref EngineParam (or FindInMap) is not judged as Aurora")
    func rdsEngineByFunction() {
        let text = """
            Parameters:
              EngineParam:
                Type: String
                Default: aurora-mysql
                AllowedValues: [aurora-mysql]
            Mappings:
              Engines:
                prod: {Name: aurora-mysql}
            Resources:
              ByRef:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: !Ref EngineParam
                  DBInstanceClass: db.r6g.large
                  AllocatedStorage: "20"
                  MasterUsername: admin_user
                  MasterUserPassword: "{{resolve:secretsmanager:db:SecretString:password}}"
              ByMap:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: !FindInMap [Engines, prod, Name]
                  DBInstanceClass: db.r6g.large
                  AllocatedStorage: "20"
              Literal:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: aurora-mysql
                  DBClusterIdentifier: c
                  DBInstanceClass: db.r6g.large
                  AllocatedStorage: "20"
            """
        // Even a single AllowedValues entry is not taken as the value (cfn-lint does not either).
        let found = Self.lint(text).filter { $0.ruleId == "E3682" }
        #expect(found.map(\.range.start.line) == [26])
        #expect(found.first?.message == "'AllocatedStorage' is not allowed here")
    }

    @Test("other constraints: an unknown IpProtocol needs no ports, an unknown Engine allows cluster storage")
    func otherConstraints() {
        let text = """
            Parameters:
              Protocol: {Type: String, Default: tcp}
              Engine: {Type: String, Default: aurora-mysql}
            Resources:
              RefProtocol:
                Type: AWS::EC2::SecurityGroupIngress
                Properties: {GroupId: sg-12345678, IpProtocol: !Ref Protocol, CidrIp: 10.0.0.0/8}
              LiteralProtocol:
                Type: AWS::EC2::SecurityGroupIngress
                Properties: {GroupId: sg-12345678, IpProtocol: tcp, CidrIp: 10.0.0.0/8}
              RefCluster:
                Type: AWS::RDS::DBCluster
                Properties: {Engine: !Ref Engine, AllocatedStorage: 100, MasterUsername: u, ManageMasterUserPassword: true}
              LiteralCluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  AllocatedStorage: 100
                  MasterUsername: u
                  ManageMasterUserPassword: true
            """
        #expect(Self.found(text, ["E3687", "E3693"]) == ["E3687@10", "E3693@18"])
    }

    @Test("Fn::If: each combination of conditions that can hold together, once; impossible ones skipped")
    func scenarios() {
        let text = """
            Parameters:
              Env: {Type: String, AllowedValues: [prod, dev]}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsNotProd: !Not [!Condition IsProd]
              IsDev: !Equals [!Ref Env, dev]
            Resources:
              Pruned:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: f
                  EventSourceArn: !If [IsProd, "arn:aws:sqs:us-east-1:123456789012:q", "arn:aws:kinesis:us-east-1:123456789012:stream/s"]
                  StartingPosition: !If [IsNotProd, LATEST, !Ref AWS::NoValue]
              PrunedByAllowedValues:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: f
                  EventSourceArn: !If [IsProd, "arn:aws:sqs:us-east-1:123456789012:q", "arn:aws:kinesis:us-east-1:123456789012:stream/s"]
                  StartingPosition: !If [IsDev, LATEST, !Ref AWS::NoValue]
              Mixed:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: f
                  EventSourceArn: !If [IsProd, "arn:aws:sqs:us-east-1:123456789012:q", "arn:aws:kinesis:us-east-1:123456789012:stream/s"]
              EitherValue:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: f
                  EventSourceArn: "arn:aws:sqs:us-east-1:123456789012:q"
                  StartingPosition: !If [IsProd, LATEST, TRIM_HORIZON]
              Undefined:
                Type: AWS::Lambda::EventSourceMapping
                Properties:
                  FunctionName: f
                  EventSourceArn: !If [Nope, "arn:aws:sqs:us-east-1:123456789012:q", "arn:aws:kinesis:us-east-1:123456789012:stream/s"]
            """
        // Mixed: the Kinesis branch lacks StartingPosition; EitherValue: both branches are an
        // SQS StartingPosition, one finding at the key; an undefined condition is E1028's alone.
        #expect(Self.found(text, ["E3633", "E3634", "E1028"]) == ["E3633@22", "E3634@30", "E1028@35"])
    }

    @Test("only the conditions of the entries a constraint reads are combined: ten others do not hide the Kinesis branch")
    func relevantConditions() {
        var text = "Parameters:\n"
        for i in 0..<12 { text += "  P\(i): {Type: String}\n" }
        text += "Conditions:\n"
        for i in 0..<12 { text += "  C\(i): !Equals [!Ref P\(i), a]\n" }
        text += "Resources:\n  M:\n    Type: AWS::Lambda::EventSourceMapping\n    Properties:\n      FunctionName: f\n"
        let names = [
            "BatchSize", "MaximumRetryAttempts", "ParallelizationFactor", "MaximumBatchingWindowInSeconds", "TumblingWindowInSeconds",
        ]
        for (i, name) in names.enumerated() { text += "      \(name): !If [C\(i), 5, !Ref AWS::NoValue]\n" }
        text += "      Tags: !If [C5, [{Key: a, Value: b}], !Ref AWS::NoValue]\n"
        text += "      EventSourceArn: !If [C10, arn:aws:sqs:us-east-1:123456789012:q, arn:aws:kinesis:us-east-1:123456789012:stream/s]\n"
        text += "      StartingPosition: !If [C11, LATEST, !Ref AWS::NoValue]\n"
        // The 4 combinations of the two that matter hold the Kinesis ARN without StartingPosition.
        // cfn-lint combines all eight, stops after 128 tries and so misses E3633 here.
        #expect(Self.found(text, ["E3633", "E3634"]) == ["E3633@30", "E3634@39"])
    }

    // MARK: - The validator, on schemas of its own

    static func outcome(_ schema: String, _ template: String, unknownFunctions: Bool = true) throws -> [String] {
        let node = try #require(JSONValue.parse(Array(schema.utf8)))
        let compiled = SchemaNode.compile(node)
        let t = try Template(bytes: Array(template.utf8))
        let properties = try #require(t.root["Resources"]?["R"]?["Properties"])
        let store = try #require(SchemaStore.bundled)
        var v = Validator(context: ValueContext(template: t, store: store, region: "us-east-1"), functionsAreUnknown: unknownFunctions)
        v.validate(properties, compiled, at: properties.range)
        return v.violations.map { "\($0.keyword.rawValue): \($0.message)" }
    }

    static func resource(_ properties: String) -> String {
        "Parameters:\n  P: {Type: String}\nResources:\n  R:\n    Type: AWS::SQS::Queue\n    Properties: \(properties)\n"
    }

    @Test("not, anyOf, oneOf, allOf and contains: an unknown part decides nothing")
    func composites() throws {
        let not = #"{"not": {"properties": {"A": {"enum": ["x"]}}, "required": ["A"]}}"#
        #expect(try Self.outcome(not, Self.resource("{A: x}")) == ["not: 'A' is not allowed here"])
        #expect(try Self.outcome(not, Self.resource("{A: !Ref P}")).isEmpty)
        #expect(try Self.outcome(not, Self.resource("{A: y}")).isEmpty)

        let anyOf = #"{"anyOf": [{"properties": {"A": {"enum": ["x"]}}, "required": ["A"]}, {"required": ["B"]}]}"#
        #expect(try Self.outcome(anyOf, Self.resource("{A: y}")).count == 1)
        #expect(try Self.outcome(anyOf, Self.resource("{A: !Ref P}")).isEmpty)
        #expect(try Self.outcome(anyOf, Self.resource("{A: !Ref P, B: 1}")).isEmpty)
        // The resource schemas too: a function is not judged inside a branch.
        #expect(try Self.outcome(anyOf, Self.resource("{A: !GetAtt Q.Arn}"), unknownFunctions: false).isEmpty)
        #expect(try Self.outcome(anyOf, Self.resource("{A: y}"), unknownFunctions: false).count == 1)

        let oneOf = #"{"oneOf": [{"properties": {"A": {"enum": ["x"]}}}, {"properties": {"A": {"enum": ["y"]}}}]}"#
        #expect(try Self.outcome(oneOf, Self.resource("{A: z}")).count == 1)
        #expect(try Self.outcome(oneOf, Self.resource("{A: !Ref P}")).isEmpty)

        let allOf = #"{"allOf": [{"required": ["B"]}, {"properties": {"A": {"enum": ["x"]}}}]}"#
        #expect(try Self.outcome(allOf, Self.resource("{A: y}")).count == 2)
        #expect(try Self.outcome(allOf, Self.resource("{A: !Ref P}")).isEmpty, "one unknown part: nothing is said")

        let contains = #"{"properties": {"L": {"contains": {"enum": ["x"]}}}}"#
        #expect(try Self.outcome(contains, Self.resource("{L: [a, b]}")).count == 1)
        #expect(try Self.outcome(contains, Self.resource("{L: [a, !Ref P]}")).isEmpty)
        #expect(try Self.outcome(contains, Self.resource("{L: [x, !Ref P]}")).isEmpty)
    }

    @Test("if/then/else: an unknown if applies neither; true and false schemas ignore what the value is")
    func ifThenElse() throws {
        let schema = #"""
            {"if": {"properties": {"A": {"pattern": "^sqs"}}, "required": ["A"]},
             "then": {"properties": {"S": false}}, "else": {"required": ["S"], "properties": {"T": true}}}
            """#
        #expect(try Self.outcome(schema, Self.resource("{A: sqs-q, S: !Ref P}")) == ["not: 'S' is not allowed here"])
        #expect(try Self.outcome(schema, Self.resource("{A: kinesis}")) == ["required: 'S' is a required property"])
        #expect(try Self.outcome(schema, Self.resource("{A: kinesis, S: 1, T: !Ref P}")).isEmpty)
        #expect(try Self.outcome(schema, Self.resource("{A: !Ref P, S: 1}")).isEmpty)
        #expect(try Self.outcome(schema, Self.resource("{A: !Ref P}")).isEmpty)
    }
}
