import CFNModel
import Foundation
import Testing

/// The edges leaving `from` (a `kind:name` or a resource's logical id) as `kind:target[.attribute]` strings, sorted.
private func deps(_ g: DependencyGraph, _ kind: DependencyGraph.Kind, _ name: String) -> [String] {
    guard let i = g.index(of: kind, name) else { return ["<no node \(name)>"] }
    return g.dependencies(of: i).map { e in
        let v = g.vertices[e.to]
        return "\(e.reference.kind.rawValue):\(v.name)" + (e.reference.attribute.map { "." + $0 } ?? "")
    }.sorted()
}

@Suite("Dependency graph")
struct DependencyGraphTests {
    @Test("Ref to a parameter, a pseudo-parameter and a resource")
    func ref() throws {
        let g = DependencyGraph(
            try decode(
                """
                Parameters:
                  Env: {Type: String}
                Resources:
                  Topic: {Type: AWS::SNS::Topic}
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties:
                      QueueName: !Ref Env
                      Tags: [{Key: region, Value: !Ref AWS::Region}, {Key: topic, Value: {Ref: Topic}}]
                """
            )
        )
        #expect(deps(g, .resource, "Queue") == ["ref:AWS::Region", "ref:Env", "ref:Topic"])
        let topic = try #require(g.index(of: .resource, "Topic"))
        #expect(g.dependents(of: topic).map { g.vertices[$0.from].name } == ["Queue"])
        #expect(g.unresolved.isEmpty)
    }

    @Test("GetAtt in both forms, the dotted one with a dotted attribute")
    func getAtt() throws {
        let g = DependencyGraph(
            try decode(
                """
                Resources:
                  DB: {Type: AWS::RDS::DBInstance}
                  Key: {Type: AWS::KMS::Key}
                  Stack: {Type: AWS::CloudFormation::Stack}
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      A: !GetAtt DB.Endpoint.Address
                      B: !GetAtt [Key, Arn]
                      C: {"Fn::GetAtt": [Stack, Outputs.VpcId]}
                      D: {"Fn::GetAtt": "Key.KeyId"}
                """
            )
        )
        #expect(
            deps(g, .resource, "Fn") == ["getAtt:DB.Endpoint.Address", "getAtt:Key.Arn", "getAtt:Key.KeyId", "getAtt:Stack.Outputs.VpcId"]
        )
    }

    @Test("Sub: ${A.Arn} and ${Param} are edges, ${!Literal} and list-form local variables are not")
    func sub() throws {
        let g = DependencyGraph(
            try decode(
                """
                Parameters:
                  Env: {Type: String}
                Resources:
                  Bucket: {Type: AWS::S3::Bucket}
                  Role: {Type: AWS::IAM::Role}
                  Fn:
                    Type: AWS::Lambda::Function
                    Properties:
                      A: !Sub "${Bucket.Arn}/${Env}/${!Literal}/${AWS::AccountId}"
                      B: !Sub
                        - "${Local}-${Env}"
                        - Local: !GetAtt Role.Arn
                """
            )
        )
        #expect(deps(g, .resource, "Fn") == ["getAtt:Role.Arn", "sub:AWS::AccountId", "sub:Bucket.Arn", "sub:Env", "sub:Env"])
        #expect(g.unresolved.isEmpty, "Local and Literal are not references: \(g.unresolved)")
    }

    @Test("Sub list form whose string is not a plain string: each reference once")
    func subNonStringTemplate() throws {
        let t = try decode(
            """
            Resources:
              Role: {Type: AWS::IAM::Role}
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  A: !Sub
                    - !Join ["", ["${Local}", !Ref Role]]
                    - Local: !GetAtt Role.Arn
            """
        )
        let refs = try #require(t.resource("Fn")?.properties?["A"]).references
        #expect(refs.map(\.kind) == [.ref, .getAtt])
    }

    @Test("Sub list form whose variables are not a literal mapping: its references are still found")
    func subVariablesNotAMap() throws {
        let t = try decode(
            """
            Resources:
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  A: !Sub ["${X}", !If [IsProd, {X: a}, {X: !Ref Env}]]
            """
        )
        let refs = try #require(t.resource("Fn")?.properties?["A"]).references
        #expect(refs.map { "\($0.kind.rawValue):\($0.target)" } == ["sub:X", "condition:IsProd", "ref:Env"])
    }

    @Test("DependsOn as one name and as a list")
    func dependsOn() throws {
        let g = DependencyGraph(
            try decode(
                """
                Resources:
                  A: {Type: AWS::SNS::Topic}
                  B: {Type: AWS::SNS::Topic, DependsOn: A}
                  C: {Type: AWS::SNS::Topic, DependsOn: [A, B]}
                """
            )
        )
        #expect(deps(g, .resource, "B") == ["dependsOn:A"])
        #expect(deps(g, .resource, "C") == ["dependsOn:A", "dependsOn:B"])
    }

    @Test("conditions: a resource's Condition, Fn::If, Condition inside Conditions, Equals on a parameter")
    func conditions() throws {
        let g = DependencyGraph(
            try decode(
                """
                Parameters:
                  Env: {Type: String}
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                  IsProdAndEast: !And [!Condition IsProd, !Equals [!Ref AWS::Region, us-east-1]]
                  Long: {"Fn::Not": [{"Condition": "IsProd"}]}
                Resources:
                  Alarm:
                    Type: AWS::CloudWatch::Alarm
                    Condition: IsProdAndEast
                  Bucket:
                    Type: AWS::S3::Bucket
                    Properties:
                      BucketName: !If [IsProd, prod-bucket, !Ref AWS::NoValue]
                """
            )
        )
        #expect(deps(g, .condition, "IsProd") == ["ref:Env"])
        #expect(deps(g, .condition, "IsProdAndEast") == ["condition:IsProd", "ref:AWS::Region"])
        #expect(deps(g, .condition, "Long") == ["condition:IsProd"])
        #expect(deps(g, .resource, "Alarm") == ["condition:IsProdAndEast"])
        #expect(deps(g, .resource, "Bucket") == ["condition:IsProd", "ref:AWS::NoValue"])
    }

    @Test("an IAM policy Condition block is not a condition reference")
    func iamCondition() throws {
        let g = DependencyGraph(
            try decode(
                """
                Resources:
                  Policy:
                    Type: AWS::IAM::ManagedPolicy
                    Properties:
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Action: s3:GetObject
                            Resource: "*"
                            Condition: {StringEquals: {"aws:PrincipalTag/team": !Ref AWS::StackName}}
                """
            )
        )
        #expect(deps(g, .resource, "Policy") == ["ref:AWS::StackName"])
        #expect(g.unresolved.isEmpty)
    }

    @Test("FindInMap, and outputs with Condition, Value and Export")
    func findInMapAndOutputs() throws {
        let g = DependencyGraph(
            try decode(
                """
                Parameters:
                  Env: {Type: String}
                Mappings:
                  Sizes:
                    prod: {Instance: m5.large}
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                Resources:
                  Host:
                    Type: AWS::EC2::Instance
                    Properties:
                      InstanceType: !FindInMap [Sizes, !Ref Env, Instance]
                Outputs:
                  Host:
                    Condition: IsProd
                    Value: !GetAtt Host.PrivateIp
                    Export: {Name: !Sub "${AWS::StackName}-host"}
                """
            )
        )
        #expect(deps(g, .resource, "Host") == ["findInMap:Sizes", "ref:Env"])
        #expect(deps(g, .output, "Host") == ["condition:IsProd", "getAtt:Host.PrivateIp", "sub:AWS::StackName"])
    }

    @Test("a cycle is found with its members; no topological order then")
    func cycle() throws {
        let g = DependencyGraph(
            try decode(
                """
                Resources:
                  A: {Type: AWS::SNS::Topic, Properties: {X: !Ref B}}
                  B: {Type: AWS::SNS::Topic, Properties: {X: !GetAtt C.Arn}}
                  C: {Type: AWS::SNS::Topic, DependsOn: A}
                  D: {Type: AWS::SNS::Topic, Properties: {X: !Ref A}}
                  Self: {Type: AWS::SNS::Topic, DependsOn: Self}
                """
            )
        )
        let cycles = g.cycles().map { $0.map { g.vertices[$0].name }.sorted() }.sorted { $0.count > $1.count }
        #expect(cycles == [["A", "B", "C"], ["Self"]])
        #expect(g.topologicalOrder() == nil)
        let abc = try #require(g.cycles().first { $0.count == 3 })
        let path = g.simpleCycle(in: abc).map { g.vertices[$0].name }
        #expect(path == ["A", "B", "C"])
        let selfLoop = try #require(g.cycles().first { $0.count == 1 })
        #expect(g.simpleCycle(in: selfLoop).map { g.vertices[$0].name } == ["Self"])
    }

    @Test("topological order puts every dependency before its dependents")
    func topologicalOrder() throws {
        let g = DependencyGraph(
            try decode(
                """
                Parameters:
                  Cidr: {Type: String}
                Resources:
                  Route: {Type: AWS::EC2::Route, Properties: {RouteTableId: !Ref Table, GatewayId: !Ref Gateway}, DependsOn: Attach}
                  Attach: {Type: AWS::EC2::VPCGatewayAttachment, Properties: {VpcId: !Ref VPC, InternetGatewayId: !Ref Gateway}}
                  Table: {Type: AWS::EC2::RouteTable, Properties: {VpcId: !Ref VPC}}
                  Gateway: {Type: AWS::EC2::InternetGateway}
                  VPC: {Type: AWS::EC2::VPC, Properties: {CidrBlock: !Ref Cidr}}
                Outputs:
                  RouteId: {Value: !Ref Route}
                """
            )
        )
        let order = try #require(g.topologicalOrder())
        #expect(order.count == g.vertices.count)
        var position: [Int: Int] = [:]
        for (k, v) in order.enumerated() { position[v] = k }
        for e in g.edges { #expect(position[e.to]! < position[e.from]!, "\(g.describe(e.to)) must come before \(g.describe(e.from))") }
        #expect(g.cycles().isEmpty)
    }

    @Test("references to undefined names are listed, in document order")
    func unresolved() throws {
        let g = DependencyGraph(
            try decode(
                """
                Resources:
                  A:
                    Type: AWS::SNS::Topic
                    Condition: Missing
                    DependsOn: [Ghost]
                    Properties:
                      X: !Ref Nope
                      Y: !GetAtt Gone.Arn
                      Z: !Sub "${Param}"
                      W: !FindInMap [NoMap, a, b]
                """
            )
        )
        #expect(
            g.unresolved.map { "\($0.reference.kind.rawValue):\($0.reference.target)" } == [
                "condition:Missing", "dependsOn:Ghost", "ref:Nope", "getAtt:Gone", "sub:Param", "findInMap:NoMap",
            ]
        )
        #expect(g.unresolved.allSatisfy { g.vertices[$0.from].name == "A" })
        #expect(g.unresolved[2].reference.range.start.line == 7)
        #expect(g.edges.isEmpty)
    }

    @Test("neighbourhood: a resource, what it depends on and what depends on it, one hop each way")
    func neighbourhood() throws {
        let g = DependencyGraph(
            try decode(
                """
                Resources:
                  VPC: {Type: AWS::EC2::VPC}
                  Subnet: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref VPC}}
                  Instance: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref Subnet}}
                  Other: {Type: AWS::SNS::Topic}
                """
            )
        )
        let subnet = try #require(g.index(of: .resource, "Subnet"))
        #expect(g.neighbourhood(of: subnet).map { g.vertices[$0].name }.sorted() == ["Instance", "Subnet", "VPC"])
        #expect(g.usedPseudoParameters.isEmpty)
    }

    @Test("rendering: kind:name ids keep an output apart from its resource; Mermaid ids are plain words; edges once")
    func rendering() throws {
        let g = DependencyGraph(
            try decode(
                """
                Resources:
                  Queue: {Type: AWS::SQS::Queue}
                  "my-queue.v2": {Type: AWS::SQS::Queue, Properties: {A: !Ref Queue, B: !Ref Queue, C: !GetAtt Queue.Arn}}
                Outputs:
                  Queue: {Value: !Sub "${Queue}-${AWS::Region}"}
                  '`odd"#<name>': {Value: x}
                """
            )
        )
        let json = g.render(g.view(), as: .json)
        #expect(json.contains("\"id\": \"output:Queue\"") && json.contains("\"id\": \"resource:Queue\""))
        #expect(json.contains("\"id\": \"pseudoParameter:AWS::Region\""))
        #expect(!json.contains("AWS::StackName"), "unused pseudo-parameters are left out")
        let dot = g.render(g.view(), as: .dot, title: "t.yaml")
        #expect(dot.hasPrefix("digraph \"t.yaml\" {\n"))
        #expect(dot.components(separatedBy: "\"resource:my-queue.v2\" -> \"resource:Queue\" [label=\"ref\"]").count == 2)
        #expect(dot.contains("\"resource:my-queue.v2\" -> \"resource:Queue\" [label=\"getAtt Arn\"]"))
        let mermaid = g.render(g.view(), as: .mermaid)
        #expect(mermaid.hasPrefix("flowchart LR\n"))
        #expect(mermaid.contains("  Res_my_queue_v2[\"my-queue.v2<br/>AWS::SQS::Queue\"]\n"))
        #expect(mermaid.contains("  Out_Queue -->|\"sub\"| Res_Queue\n"))
        #expect(mermaid.contains("  Out__odd___name_([\"#96;odd#quot;#35;#lt;name#gt;\"])\n"), "markup characters as entity codes")
        #expect(dot.contains("  \"output:`odd\\\"#<name>\" [label=\"`odd\\\"#<name>\", shape=ellipse];\n"))
        #expect(g.render(g.view(), as: .mermaid) == mermaid && g.render(g.view(), as: .dot, title: "t.yaml") == dot)
    }

    @Test("builds on every corpus template without crashing; topological order exists exactly when there is no cycle")
    func corpus() throws {
        var built = 0
        for rel in Fixtures.corpusPaths {
            guard let t = try? Template(contentsOf: Fixtures.corpusFile(rel)) else { continue }
            let g = DependencyGraph(t)
            built += 1
            #expect((g.topologicalOrder() == nil) == !g.cycles().isEmpty, "\(rel)")
            for e in g.edges { #expect(e.from < g.vertices.count && e.to < g.vertices.count) }
        }
        #expect(built > 800)
    }
}
