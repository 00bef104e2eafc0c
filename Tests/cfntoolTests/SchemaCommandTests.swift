import Foundation
import Testing

/// The raw JSON schema of `type` in us-east-1, read from the bundle itself (not through the code
/// under test), so expectations come from the data, not from guesses.
private func bundleSchema(_ type: String) throws -> [String: Any] {
    let dir = CLI.root + "/Sources/CFNSchema/Data"
    let index = try CLI.read(dir + "/index.txt").split(separator: "\n")
    let regions = try #require(index.first { $0.hasPrefix("regions ") }).split(separator: " ").dropFirst().map(String.init)
    let position = try #require(regions.firstIndex(of: "us-east-1"))
    let bit = UInt64(1) << UInt64(position)
    var ids: [(id: String, mask: UInt64)] = []
    for line in index {
        let f = line.split(separator: " ").map(String.init)
        if f.count == 4 && f[0] == "type" && f[1] == type { ids.append((f[2], UInt64(f[3], radix: 16) ?? 0)) }
    }
    let entry = try #require(ids.first { $0.mask & bit != 0 } ?? ids.first)
    let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/schemas/\(entry.id).json"))
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

/// `/properties/QueueName` -> `QueueName` for the top-level pointers of `key`.
private func topLevel(_ schema: [String: Any], _ key: String) -> [String] {
    ((schema[key] as? [String]) ?? []).map { $0.split(separator: "/").map(String.init) }
        .filter { $0.count == 2 && $0[0] == "properties" }.map { $0[1] }
}

private func object(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

/// The table row of `name` (`  QueueName  string  create-only  ...`), split on runs of spaces.
private func row(_ output: String, _ name: String) -> String? {
    output.split(separator: "\n").map(String.init).first { $0.hasPrefix("  \(name) ") }
}

@Suite("cfntool schema")
struct SchemaCommandTests {
    @Test("a type: every create-only and required property of the bundle's schema is flagged; read-only ones are attributes")
    func overview() throws {
        for type in ["AWS::SQS::Queue", "AWS::DynamoDB::Table"] {
            let raw = try bundleSchema(type)
            let r = try CLI.run(["schema", type])
            #expect(r.status == 0 && r.stderr.isEmpty, "\(type): \(r.stderr)")
            #expect(r.stdout.hasPrefix(type + "\n  source: cfn-lint "))
            #expect(r.stdout.contains("  regions: "))
            let createOnly = topLevel(raw, "createOnlyProperties")
            let required = (raw["required"] as? [String]) ?? []
            #expect(!createOnly.isEmpty)
            for name in createOnly {
                #expect(row(r.stdout, name)?.contains("create-only") == true, "\(type).\(name) should be create-only")
            }
            for name in required {
                #expect(row(r.stdout, name)?.contains("required") == true, "\(type).\(name) should be required")
            }
            // Every settable property has a row; read-only ones are left for Fn::GetAtt.
            let readOnly = Set(topLevel(raw, "readOnlyProperties"))
            let props = try #require(raw["properties"] as? [String: Any]).keys
            let rows = props.filter { !readOnly.contains($0) }.compactMap { row(r.stdout, $0) }
            #expect(rows.count == props.count - readOnly.count)
            for name in readOnly { #expect(row(r.stdout, name) == nil && r.stdout.contains(name)) }
            #expect(r.stdout.contains("  Fn::GetAtt: "))
            #expect(r.stdout.contains("  primary identifier: "))
        }
        let sqs = try CLI.run(["schema", "AWS::SQS::Queue"]).stdout
        #expect(row(sqs, "QueueName")?.contains("create-only") == true)
        #expect(row(sqs, "FifoQueue")?.contains("create-only") == true)
        #expect(row(sqs, "DelaySeconds")?.contains("create-only") == false)
        let dynamo = try CLI.run(["schema", "AWS::DynamoDB::Table"]).stdout
        #expect(row(dynamo, "KeySchema")?.contains("required") == true)
    }

    @Test("a property in detail: every allowed value of an enum, create-only, sub-properties")
    func detail() throws {
        let raw = try bundleSchema("AWS::Lambda::Function")
        let runtime = try #require((raw["properties"] as? [String: Any])?["Runtime"] as? [String: Any])
        let values = try #require(runtime["enum"] as? [String])
        #expect(values.count > 20)
        let r = try CLI.run(["schema", "AWS::Lambda::Function", "Runtime"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("AWS::Lambda::Function Runtime\n  type: string\n  required: no\n"))
        #expect(r.stdout.contains("  allowed values: " + values.joined(separator: ", ") + "\n"))
        // The table shows a few of them.
        let table = try CLI.run(["schema", "AWS::Lambda::Function"]).stdout
        #expect(
            row(table, "Runtime")?.contains("one of: \(values[0]), \(values[1]), \(values[2]), \(values[3]), +\(values.count - 4) more")
                == true
        )

        // A dotted path, in either spelling, into a list of objects.
        let a = try CLI.run(["schema", "AWS::ECS::Service.LoadBalancers.ContainerPort"])
        let b = try CLI.run(["schema", "AWS::ECS::Service", "LoadBalancers.ContainerPort"])
        #expect(a.status == 0 && a.stdout == b.stdout)
        #expect(a.stdout.hasPrefix("AWS::ECS::Service LoadBalancers.ContainerPort\n  type: integer\n"))

        // An object lists its own properties; a create-only one says it replaces.
        let key = try CLI.run(["schema", "AWS::DynamoDB::Table", "KeySchema"])
        #expect(key.stdout.contains("\n  required: yes\n"))
        #expect(row(key.stdout, "AttributeName")?.contains("required") == true)
        #expect(row(key.stdout, "KeyType")?.contains("required") == true)
        let queueName = try CLI.run(["schema", "AWS::SQS::Queue", "QueueName"])
        #expect(queueName.stdout.contains("  create-only: changing it replaces the resource\n"))
    }

    @Test("--format json parses and carries the same flags")
    func json() throws {
        let r = try CLI.run(["schema", "AWS::SQS::Queue", "--format", "json"])
        #expect(r.status == 0)
        let o = try object(r.stdout)
        #expect(o["resourceType"] as? String == "AWS::SQS::Queue")
        #expect((o["source"] as? String)?.hasPrefix("cfn-lint ") == true)
        #expect((o["regions"] as? Int ?? 0) > 10)
        let props = try #require(o["properties"] as? [[String: Any]])
        let createOnly = props.filter { $0["createOnly"] as? Bool == true }.compactMap { $0["name"] as? String }
        #expect(Set(createOnly) == Set(topLevel(try bundleSchema("AWS::SQS::Queue"), "createOnlyProperties")))
        #expect((o["attributes"] as? [[String: Any]])?.contains { $0["name"] as? String == "Arn" } == true)
        #expect(o["primaryIdentifier"] as? [String] == ["QueueUrl"])

        let d = try object(try CLI.run(["schema", "AWS::ECS::Service", "LaunchType", "--format", "json"]).stdout)
        #expect(d["path"] as? String == "LaunchType")
        #expect(d["allowedValues"] as? [String] == ["EC2", "FARGATE", "EXTERNAL"])

        let list = try CLI.run(["schema", "--list", "aws::sqs::", "--format", "json"])
        #expect(
            try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [String] == [
                "AWS::SQS::Queue", "AWS::SQS::QueueInlinePolicy", "AWS::SQS::QueuePolicy",
            ]
        )
    }

    @Test("unknown type or property: exit 2 with a suggestion; --list filters by prefix")
    func unknown() throws {
        let t = try CLI.run(["schema", "AWS::SQS::Queu"])
        #expect(t.status == 2 && t.stdout.isEmpty)
        #expect(t.stderr == "error: unknown resource type 'AWS::SQS::Queu'; did you mean 'AWS::SQS::Queue'?\n")
        let p = try CLI.run(["schema", "AWS::SQS::Queue", "QueueNam"])
        #expect(p.status == 2)
        #expect(p.stderr.contains("unknown property 'QueueNam' of AWS::SQS::Queue; did you mean 'QueueName'?"))
        let q = try CLI.run(["schema", "AWS::SQS::Queue", "Zzzzzzzzzzzz"])
        #expect(q.status == 2 && q.stderr.contains("its properties are: ") && q.stderr.contains("QueueName"))
        let n = try CLI.run(["schema", "AWS::ECS::Service", "LoadBalancers.Nope"])
        #expect(n.status == 2 && n.stderr.contains("of AWS::ECS::Service LoadBalancers;"))
        #expect(try CLI.run(["schema"]).status == 64)
        let l = try CLI.run(["schema", "--list", "AWS::SQS::"])
        #expect(l.status == 0 && l.stdout == "AWS::SQS::Queue\nAWS::SQS::QueueInlinePolicy\nAWS::SQS::QueuePolicy\n")
        #expect(try CLI.run(["schema", "--list"]).stdout.split(separator: "\n").count > 1000)
    }
}
