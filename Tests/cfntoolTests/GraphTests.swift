import Foundation
import Testing

private let network = """
    Parameters:
      Cidr: {Type: String}
    Conditions:
      HasNat: !Equals [!Ref AWS::Region, us-east-1]
    Resources:
      VPC:
        Type: AWS::EC2::VPC
        Properties: {CidrBlock: !Ref Cidr}
      Subnet:
        Type: AWS::EC2::Subnet
        Properties: {VpcId: !Ref VPC, CidrBlock: !Select [0, !Cidr [!GetAtt VPC.CidrBlock, 2, 8]]}
      Nat:
        Type: AWS::EC2::NatGateway
        Condition: HasNat
        DependsOn: [Subnet]
        Properties: {SubnetId: !Ref Subnet}
      Topic: {Type: AWS::SNS::Topic}
    Outputs:
      VPC: {Value: !Ref VPC}

    """

private let cyclic = """
    Resources:
      A: {Type: AWS::SNS::Topic, Properties: {TopicName: !GetAtt B.TopicName}}
      B: {Type: AWS::SNS::Topic, DependsOn: A}
      C: {Type: AWS::SNS::Topic, Properties: {TopicName: !Ref A}}

    """

/// Runs `dot -Tcanon` on the text when Graphviz is installed: nil when it is not.
private func dotAccepts(_ text: String) throws -> Bool? {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/dot") else { return nil }
    let dir = try CLI.scratch()
    try CLI.write(text, to: dir + "/g.dot")
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/dot")
    p.arguments = ["-Tcanon", "-o", "/dev/null", dir + "/g.dot"]
    try p.run()
    p.waitUntilExit()
    return p.terminationStatus == 0
}

@Suite("cfntool graph", .serialized)
struct GraphTests {
    @Test("dot: quoted kind:name ids, labelled edges, sorted; dot accepts it")
    func dot() throws {
        let dir = try CLI.scratch()
        try CLI.write(network, to: dir + "/t.yaml")
        let r = try CLI.run(["graph", "t.yaml"], cwd: dir)
        #expect(r.status == 0 && r.stderr.isEmpty)
        #expect(r.stdout.hasPrefix("digraph \"t.yaml\" {\n  rankdir=LR;\n"))
        #expect(r.stdout.hasSuffix("}\n"))
        for line in [
            "  \"resource:VPC\" [label=\"VPC\\nAWS::EC2::VPC\"];",
            "  \"parameter:Cidr\" [label=\"Cidr\\nString\", shape=parallelogram];",
            "  \"pseudoParameter:AWS::Region\" [label=\"AWS::Region\", shape=parallelogram, style=dashed];",
            "  \"condition:HasNat\" [label=\"HasNat\", shape=diamond];",
            "  \"output:VPC\" [label=\"VPC\", shape=ellipse];",
            "  \"resource:Nat\" -> \"resource:Subnet\" [label=\"dependsOn\"];",
            "  \"resource:Nat\" -> \"resource:Subnet\" [label=\"ref\"];",
            "  \"resource:Nat\" -> \"condition:HasNat\" [label=\"condition\"];",
            "  \"resource:Subnet\" -> \"resource:VPC\" [label=\"getAtt CidrBlock\"];",
            "  \"condition:HasNat\" -> \"pseudoParameter:AWS::Region\" [label=\"ref\"];",
            "  \"output:VPC\" -> \"resource:VPC\" [label=\"ref\"];",
        ] {
            #expect(r.stdout.contains(line + "\n"), "missing: \(line)")
        }
        #expect(!r.stdout.contains("AWS::StackName"), "only pseudo-parameters in use")
        let lines = r.stdout.split(separator: "\n")
        let nodeLines = lines.filter { $0.contains(" [label=") && !$0.contains(" -> ") }
        #expect(nodeLines.first == "  \"resource:Nat\" [label=\"Nat\\nAWS::EC2::NatGateway\"];", "resources first, by name")
        if let ok = try dotAccepts(r.stdout) { #expect(ok) }
        #expect(try CLI.run(["graph", "--format", "dot", "t.yaml"], cwd: dir).stdout == r.stdout)
    }

    @Test("mermaid: flowchart LR, plain-word ids, quoted labels, one line per edge")
    func mermaid() throws {
        let dir = try CLI.scratch()
        try CLI.write(network, to: dir + "/t.yaml")
        let r = try CLI.run(["graph", "--format", "mermaid", "t.yaml"], cwd: dir)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("flowchart LR\n"))
        for line in [
            "  Res_VPC[\"VPC<br/>AWS::EC2::VPC\"]",
            "  Param_Cidr[/\"Cidr<br/>String\"/]",
            "  Pseudo_AWS__Region[/\"AWS::Region\"/]",
            "  Cond_HasNat{\"HasNat\"}",
            "  Out_VPC([\"VPC\"])",
            "  Res_Nat -->|\"dependsOn\"| Res_Subnet",
            "  Res_Subnet -->|\"getAtt CidrBlock\"| Res_VPC",
            "  Out_VPC -->|\"ref\"| Res_VPC",
        ] {
            #expect(r.stdout.contains(line + "\n"), "missing: \(line)")
        }
        // Every id, in node lines (before the shape) and edge lines (both ends), is a plain word.
        var ids: [Substring] = []
        for line in r.stdout.split(separator: "\n").dropFirst() {
            let words = line.split(separator: " ")
            if words.count >= 3, words[1].hasPrefix("-->|") {
                ids += [words[0], words[words.count - 1]]
            } else {
                ids.append(line.dropFirst(2).prefix { !"[({".contains($0) })
            }
        }
        #expect(ids.count > 10)
        for id in ids {
            #expect(
                !id.isEmpty
                    && id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0)) }
            )
        }
        #expect(!r.stdout.contains("linkStyle"))
    }

    @Test("json: nodes, edges, cycles and unresolved references in the documented shape")
    func json() throws {
        let dir = try CLI.scratch()
        try CLI.write(network + "  Dangling: {Value: !Ref Nowhere}\n", to: dir + "/t.yaml")
        let r = try CLI.run(["graph", "--format", "json", "t.yaml"], cwd: dir)
        #expect(r.status == 0)
        #expect(r.stderr == "t.yaml:20:21: output Dangling: ref to 'Nowhere', which the template does not define\n")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let nodes = try #require(obj["nodes"] as? [[String: Any]])
        let vpc = try #require(nodes.first { $0["id"] as? String == "resource:VPC" })
        #expect(vpc["kind"] as? String == "resource" && vpc["name"] as? String == "VPC" && vpc["line"] as? Int == 6)
        #expect(vpc["type"] as? String == "AWS::EC2::VPC")
        let region = try #require(nodes.first { $0["id"] as? String == "pseudoParameter:AWS::Region" })
        #expect(region["line"] is NSNull)
        #expect(nodes.map { $0["kind"] as? String }.contains("output"))
        let edges = try #require(obj["edges"] as? [[String: Any]])
        let getAtt = try #require(edges.first { $0["kind"] as? String == "getAtt" })
        #expect(getAtt["from"] as? String == "resource:Subnet" && getAtt["to"] as? String == "resource:VPC")
        #expect(getAtt["attribute"] as? String == "CidrBlock")
        #expect(edges.first { $0["kind"] as? String == "ref" }?["attribute"] is NSNull)
        #expect((obj["cycles"] as? [Any])?.isEmpty == true)
        let unresolved = try #require(obj["unresolved"] as? [[String: Any]])
        #expect(
            unresolved.count == 1 && unresolved[0]["target"] as? String == "Nowhere"
                && unresolved[0]["from"] as? String == "output:Dangling"
        )
    }

    @Test("--resource: the resource, its dependencies and its dependents, one hop each way")
    func resource() throws {
        let dir = try CLI.scratch()
        try CLI.write(network, to: dir + "/t.yaml")
        let r = try CLI.run(["graph", "--format", "json", "--resource", "Subnet", "t.yaml"], cwd: dir)
        #expect(r.status == 0)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let ids = (obj["nodes"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
        #expect(ids == ["resource:Nat", "resource:Subnet", "resource:VPC"])
        let edges = (obj["edges"] as? [[String: Any]])?.map { "\($0["from"]!) \($0["kind"]!) \($0["to"]!)" }
        #expect(
            edges == [
                "resource:Nat dependsOn resource:Subnet", "resource:Nat ref resource:Subnet", "resource:Subnet getAtt resource:VPC",
                "resource:Subnet ref resource:VPC",
            ]
        )
        let dot = try CLI.run(["graph", "--resource", "VPC", "t.yaml"], cwd: dir)
        #expect(dot.status == 0 && dot.stdout.contains("\"output:VPC\" -> \"resource:VPC\"") && !dot.stdout.contains("resource:Nat"))
    }

    @Test("--resource with an unknown id: exit 2, naming close matches")
    func unknownResource() throws {
        let dir = try CLI.scratch()
        try CLI.write(network, to: dir + "/t.yaml")
        let r = try CLI.run(["graph", "--resource", "Subnt", "t.yaml"], cwd: dir)
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr == "t.yaml: no resource 'Subnt' in the template; did you mean Subnet?\n")
        let none = try CLI.run(["graph", "--resource", "Database", "t.yaml"], cwd: dir)
        #expect(none.status == 2 && none.stderr == "t.yaml: no resource 'Database' in the template\n")
        let param = try CLI.run(["graph", "--resource", "Cidr", "t.yaml"], cwd: dir)
        #expect(param.status == 2, "a parameter is not a resource")
    }

    @Test("a dependency cycle: the graph is printed, each cycle on stderr, exit 1")
    func cycle() throws {
        let dir = try CLI.scratch()
        try CLI.write(cyclic, to: dir + "/c.yaml")
        let r = try CLI.run(["graph", "c.yaml"], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stderr == "c.yaml: dependency cycle: A -> B -> A\n")
        #expect(r.stdout.contains("\"resource:A\" -> \"resource:B\" [label=\"getAtt TopicName\", color=red, fontcolor=red];"))
        #expect(r.stdout.contains("\"resource:C\" -> \"resource:A\" [label=\"ref\"];"))
        if let ok = try dotAccepts(r.stdout) { #expect(ok) }
        let m = try CLI.run(["graph", "--format", "mermaid", "c.yaml"], cwd: dir)
        #expect(m.status == 1 && m.stdout.contains("  linkStyle 0,1 stroke:#d00,color:#d00\n"))
        let j = try CLI.run(["graph", "--format", "json", "c.yaml"], cwd: dir)
        #expect(j.status == 1)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as? [String: Any])
        #expect(obj["cycles"] as? [[String]] == [["resource:A", "resource:B"]])
        let around = try CLI.run(["graph", "--resource", "C", "c.yaml"], cwd: dir)
        #expect(around.status == 1, "the template has a cycle, whatever part is shown")
    }

    @Test("--sam: a cycle through SAM resources under the SAM transform is a warning only")
    func samCycle() throws {
        let dir = try CLI.scratch()
        try CLI.write(
            """
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Api:
                Type: AWS::Serverless::Api
                Properties:
                  DefinitionBody: {uri: !Sub "${Fn.Arn}"}
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Events: {Get: {Type: Api, Properties: {RestApiId: !Ref Api}}}

            """,
            to: dir + "/sam.yaml"
        )
        let r = try CLI.run(["graph", "--sam", "sam.yaml"], cwd: dir)
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("sam.yaml: dependency cycle: Api -> Fn -> Api; warning only: Transform AWS::Serverless-2016-10-31"))
    }

    @Test("standard input, bad input and usage errors")
    func inputs() throws {
        let s = try CLI.run(["graph", "--format", "mermaid", "-"], stdin: cyclic)
        #expect(s.status == 1 && s.stdout.hasPrefix("flowchart LR\n") && s.stderr.hasPrefix("-: dependency cycle:"))
        let dir = try CLI.scratch()
        try CLI.write("Resources:\n  A: {Type: X}\n  A: {Type: Y}\n", to: dir + "/dup.yaml")
        let bad = try CLI.run(["graph", "dup.yaml"], cwd: dir)
        #expect(bad.status == 2 && bad.stderr == "dup.yaml:3:3: duplicate key 'A' (first defined at line 2)\n" && bad.stdout.isEmpty)
        #expect(try CLI.run(["graph", "missing.yaml"], cwd: dir).status == 2)
        #expect(try CLI.run(["graph", "--format", "svg", "x.yaml"], cwd: dir).status == 64)
        #expect(try CLI.run(["graph"], cwd: dir).status == 64)
    }
}
