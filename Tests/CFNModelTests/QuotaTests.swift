@testable import CFNModel
import Testing

/// The usage of one quota (the first, or the one about `subject`).
private func usage(_ usages: [QuotaUsage], _ quota: Quota, subject: String? = nil) -> QuotaUsage? {
    usages.first { $0.quota == quota && (subject == nil || $0.subject == subject) }
}

/// A template with `n` queues, generated as YAML text.
private func queues(_ n: Int) -> String {
    var text = "Resources:\n"
    for i in 0..<n { text += "  Queue\(i):\n    Type: AWS::SQS::Queue\n" }
    return text
}

@Suite("Template quotas")
struct QuotaTests {
    @Test("the quotas are CloudFormation's numbers; only the inline body and hierarchy limits are soft")
    func numbers() {
        #expect(Quota.resources.limit == 500 && Quota.parameters.limit == 200 && Quota.outputs.limit == 200)
        #expect(Quota.mappings.limit == 200 && Quota.mappingAttributes.limit == 200 && Quota.nameLength.limit == 255)
        #expect(Quota.templateBytes.limit == 1_000_000 && Quota.inlineTemplateBytes.limit == 51_200)
        #expect(Quota.descriptionBytes.limit == 1_024 && Quota.hierarchyResources.limit == 2_500)
        #expect(Quota.template.filter { !$0.isHard } == [.inlineTemplateBytes])
        #expect(!Quota.hierarchyResources.isHard)
        #expect(Set(Quota.template.map(\.id)).count == Quota.template.count)
    }

    @Test("a small template: every quota once, in order, nothing exceeded")
    func small() throws {
        let t = try decode(
            """
            Description: Two queues
            Parameters:
              Env: {Type: String}
            Mappings:
              Sizes:
                prod: {a: 1, b: 2, c: 3}
                dev: {a: 1}
            Resources:
              Queue: {Type: AWS::SQS::Queue}
              DeadLetterQueue: {Type: AWS::SQS::Queue}
            Outputs:
              QueueUrl: {Value: !Ref Queue}
            """
        )
        let u = t.quotaUsage(bodyBytes: 300)
        #expect(u.map(\.quota) == Quota.template)
        #expect(u.allSatisfy { !$0.exceeded && !$0.nearLimit && !$0.fails })
        #expect(usage(u, .resources)?.used == 2)
        #expect(usage(u, .parameters)?.used == 1)
        #expect(usage(u, .outputs)?.used == 1)
        #expect(usage(u, .mappings)?.used == 1)
        let attributes = try #require(usage(u, .mappingAttributes))
        #expect(attributes.used == 3 && attributes.subject == "Sizes/prod" && attributes.range.start.line == 6)
        let name = try #require(usage(u, .nameLength))
        #expect(name.used == 15 && name.subject == "DeadLetterQueue")
        #expect(usage(u, .templateBytes)?.used == 300 && usage(u, .inlineTemplateBytes)?.used == 300)
        #expect(usage(u, .descriptionBytes)?.used == 10)
    }

    @Test("an empty template uses nothing")
    func empty() throws {
        let u = try decode("AWSTemplateFormatVersion: '2010-09-09'\n").quotaUsage(bodyBytes: 0)
        #expect(u.count == Quota.template.count)
        #expect(u.allSatisfy { $0.used == 0 && $0.subject == nil })
    }

    @Test("501 resources exceed the resource quota; 450 are near it; 500 are at it")
    func resources() throws {
        let over = try decode(queues(501)).quotaUsage(bodyBytes: 1)
        let r = try #require(usage(over, .resources))
        #expect(r.used == 501 && r.exceeded && r.fails && !r.nearLimit)
        let near = try #require(usage(try decode(queues(450)).quotaUsage(bodyBytes: 1), .resources))
        #expect(!near.exceeded && near.nearLimit)
        let at = try #require(usage(try decode(queues(500)).quotaUsage(bodyBytes: 1), .resources))
        #expect(!at.exceeded && at.nearLimit)
        let below = try #require(usage(try decode(queues(449)).quotaUsage(bodyBytes: 1), .resources))
        #expect(!below.exceeded && !below.nearLimit)
    }

    @Test("a mapping with 201 attributes under one key exceeds; every mapping over the limit is named")
    func mappingAttributes() throws {
        func mapping(_ name: String, _ n: Int) -> String {
            "  \(name):\n    us-east-1:\n" + (0..<n).map { "      k\($0): v\n" }.joined() + "    eu-west-1: {k: v}\n"
        }
        let t = try decode("Mappings:\n" + mapping("Small", 3) + mapping("Big", 201) + mapping("Bigger", 250) + "Resources: {}\n")
        let over = t.quotaUsage(bodyBytes: 1).filter { $0.quota == .mappingAttributes }
        #expect(over.map(\.subject) == ["Big/us-east-1", "Bigger/us-east-1"])
        #expect(over.map(\.used) == [201, 250])
        #expect(over.allSatisfy { $0.fails })
        let ok = try decode("Mappings:\n" + mapping("Fine", 200) + "Resources: {}\n").quotaUsage(bodyBytes: 1)
        let fine = try #require(usage(ok, .mappingAttributes))
        #expect(fine.used == 200 && !fine.exceeded && fine.nearLimit)
    }

    @Test("a 256-character logical id exceeds the name length; the longest name is reported otherwise")
    func nameLength() throws {
        let long = "Q" + String(repeating: "x", count: 255)
        let t = try decode("Resources:\n  \(long): {Type: AWS::SQS::Queue}\n  Short: {Type: AWS::SQS::Queue}\n")
        let n = try #require(usage(t.quotaUsage(bodyBytes: 1), .nameLength))
        #expect(n.used == 256 && n.exceeded && n.subject == long && n.range.start.line == 2)
        let ok = try decode(
            """
            Parameters:
              \(String(repeating: "p", count: 40)): {Type: String}
            Conditions:
              \(String(repeating: "c", count: 60)): !Equals [a, b]
            Resources:
              Queue: {Type: AWS::SQS::Queue}
            """
        )
        let longest = try #require(usage(ok.quotaUsage(bodyBytes: 1), .nameLength))
        #expect(longest.used == 60 && longest.subject == String(repeating: "c", count: 60) && !longest.exceeded)
    }

    @Test("parameters, outputs and mappings over 200")
    func sections() throws {
        var text = "Parameters:\n"
        for i in 0..<201 { text += "  P\(i): {Type: String}\n" }
        text += "Mappings:\n"
        for i in 0..<201 { text += "  M\(i): {k: {a: b}}\n" }
        text += "Resources:\n  Q: {Type: AWS::SQS::Queue}\nOutputs:\n"
        for i in 0..<201 { text += "  O\(i): {Value: x}\n" }
        let u = try decode(text).quotaUsage(bodyBytes: 1)
        for q in [Quota.parameters, .outputs, .mappings] {
            #expect(usage(u, q)?.used == 201 && usage(u, q)?.fails == true, "\(q.id)")
        }
    }

    @Test("template size: over 51,200 bytes is a warning, over 1,000,000 fails")
    func bodySize() throws {
        let t = try decode(queues(1))
        let inline = t.quotaUsage(bodyBytes: 51_201)
        #expect(usage(inline, .inlineTemplateBytes)?.exceeded == true)
        #expect(usage(inline, .inlineTemplateBytes)?.fails == false)
        #expect(usage(inline, .templateBytes)?.exceeded == false)
        #expect(!inline.contains { $0.fails })
        let big = t.quotaUsage(bodyBytes: 1_000_001)
        #expect(usage(big, .templateBytes)?.fails == true)
        #expect(usage(t.quotaUsage(bodyBytes: 900_000), .templateBytes)?.nearLimit == true)
    }

    @Test("the description counts bytes, not characters")
    func description() throws {
        let t = try decode("Description: \"\(String(repeating: "é", count: 513))\"\nResources: {}\n")
        let d = try #require(usage(t.quotaUsage(bodyBytes: 1), .descriptionBytes))
        #expect(d.used == 1_026 && d.fails)
    }

    @Test("resources by type: most numerous first, then by name; no Type counts under nil")
    func resourceTypes() throws {
        let t = try decode(
            """
            Resources:
              A: {Type: AWS::SNS::Topic}
              B: {Type: AWS::SQS::Queue}
              C: {Type: AWS::SQS::Queue}
              D: {Type: AWS::S3::Bucket}
              E: {Properties: {}}
            """
        )
        let counts = t.resourceTypeCounts
        #expect(counts.map(\.type) == ["AWS::SQS::Queue", nil, "AWS::S3::Bucket", "AWS::SNS::Topic"])
        #expect(counts.map(\.count) == [2, 1, 1, 1])
    }

    @Test("a split manifest: the parent and each stack, relative to the manifest's folder")
    func manifest() throws {
        let doc = try Template(
            text: #"{"parent": "parent.yaml", "stacks": {"Network": {"file": "network.yaml"}, "Api": {"file": "/abs/api.yaml"}}}"#,
            path: "out/manifest.json"
        )
        #expect(SplitManifest.isManifest(doc))
        let m = try SplitManifest(doc)
        #expect(m.stacks.map(\.name) == ["Network", "Api"])
        #expect(m.templatePaths == ["out/parent.yaml", "out/network.yaml", "/abs/api.yaml"])
        #expect(!SplitManifest.isManifest(try decode(queues(1))))
        let bad = try Template(text: #"{"parent": "p.yaml", "stacks": {"A": {"name": "x"}}}"#, path: "m.json")
        #expect(throws: CFNError.self) { try SplitManifest(bad) }
    }

    @Test("close names for a mistyped one")
    func nameMatch() {
        let ids = ["PublicSubnet1", "PublicSubnet2", "PrivateSubnet1", "VPC", "InternetGateway"]
        #expect(NameMatch.closest(to: "PublicSubnet", in: ids) == ["PublicSubnet1", "PublicSubnet2"])
        #expect(NameMatch.closest(to: "vpc", in: ids) == ["VPC"])
        #expect(NameMatch.closest(to: "PrivateSubnt1", in: ids).first == "PrivateSubnet1")
        #expect(NameMatch.closest(to: "Queue", in: ids).isEmpty)
        // Containment ignores case; a name beyond ASCII is compared by its characters.
        #expect(NameMatch.closest(to: "internet", in: ids) == ["InternetGateway"])
        #expect(NameMatch.closest(to: "PublicSübnet1", in: ids) == ["PublicSubnet1", "PublicSubnet2"])
    }

    @Test("the byte comparison of names agrees with the comparison by Unicode scalars")
    func nameMatchBytes() {
        let names = [
            "AWS::S3::Bucket", "AWS::S3::BucketPolicy", "AWS::Lambda::Function", "AWS::Lambda::Permission",
            "AWS::IAM::Role", "AWS::IAM::Policy", "AWS::SQS::Queue", "AWS::SNS::Topic", "BucketName",
            "FunctionName", "Runtime", "Handler", "Role", "VPC", "VpcId", "Tags", "KmsKeyId", "Timeout",
        ]
        var typos: [String] = []
        for name in names {
            let chars = Array(name)
            typos.append(name.lowercased())
            typos.append(name.uppercased())
            typos.append(name + "s")
            typos.append(String(chars.dropFirst()))
            typos.append(String(chars.dropLast()))
            for i in stride(from: 0, to: chars.count - 1, by: 3) {
                var swapped = chars
                swapped.swapAt(i, i + 1)
                typos.append(String(swapped))
                var dropped = chars
                dropped.remove(at: i)
                typos.append(String(dropped))
            }
        }
        for typo in typos {
            for limit in [1, 3] {
                #expect(NameMatch.closest(to: typo, in: names, limit: limit) == NameMatch.closestByScalars(to: typo, in: names, limit: limit), "\(typo)")
            }
        }
    }
}
