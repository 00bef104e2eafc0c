import Foundation
import Testing

private let before = """
    Resources:
      Table:
        Type: AWS::DynamoDB::Table
        Properties:
          TableName: orders
          BillingMode: PAY_PER_REQUEST
          AttributeDefinitions: [{AttributeName: id, AttributeType: S}]
          KeySchema: [{AttributeName: id, KeyType: HASH}]
      Queue:
        Type: AWS::SQS::Queue
        Properties: {VisibilityTimeout: 30}
      Logs:
        Type: AWS::S3::Bucket
        DeletionPolicy: Retain
      Role:
        Type: AWS::IAM::Role
        Properties:
          AssumeRolePolicyDocument:
            Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]
          Policies:
            - PolicyName: read
              PolicyDocument:
                Statement:
                  - {Effect: Allow, Action: dynamodb:GetItem, Resource: !GetAtt Table.Arn}

    """

/// The same template, written differently: JSON, long forms, "30" for 30, keys reordered.
private let sameAsJSON = """
    {"Resources": {
      "Queue": {"Properties": {"VisibilityTimeout": "30"}, "Type": "AWS::SQS::Queue"},
      "Logs": {"DeletionPolicy": "Retain", "Type": "AWS::S3::Bucket"},
      "Table": {"Type": "AWS::DynamoDB::Table", "Properties": {"KeySchema": [{"KeyType": "HASH", "AttributeName": "id"}],
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}], "BillingMode": "PAY_PER_REQUEST", "TableName": "orders"}},
      "Role": {"Type": "AWS::IAM::Role", "Properties": {
        "Policies": [{"PolicyName": "read", "PolicyDocument": {"Statement": [
          {"Resource": {"Fn::GetAtt": ["Table", "Arn"]}, "Action": "dynamodb:GetItem", "Effect": "Allow"}]}}],
        "AssumeRolePolicyDocument": {"Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}}}
    }}
    """

private func changed(_ text: String, _ edits: [(String, String)]) -> String {
    var t = text
    for (a, b) in edits { t = t.replacingOccurrences(of: a, with: b) }
    return t
}

@Suite("cfntool diff")
struct DiffCommandTests {
    func files(_ old: String, _ new: String) throws -> (String, String) {
        let dir = try CLI.scratch()
        try CLI.write(old, to: dir + "/old.yaml")
        try CLI.write(new, to: dir + "/new.yaml")
        return (dir + "/old.yaml", dir + "/new.yaml")
    }

    @Test("no differences: exit 0, also with --fail, whatever the form")
    func noDifferences() throws {
        let dir = try CLI.scratch()
        try CLI.write(before, to: dir + "/a.yaml")
        try CLI.write(sameAsJSON, to: dir + "/b.json")
        let r = try CLI.run(["diff", "--fail", dir + "/a.yaml", dir + "/b.json"])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("no differences"))
    }

    @Test("a renamed table: replace; exit 0 without --fail, 1 with --fail or --fail-on replace")
    func replacementExitCodes() throws {
        let (a, b) = try files(before, changed(before, [("TableName: orders", "TableName: orders-v2")]))
        let plain = try CLI.run(["diff", a, b])
        #expect(plain.status == 0)
        #expect(plain.stdout.contains("! Table  AWS::DynamoDB::Table  REPLACE"))
        #expect(plain.stdout.contains("Properties.TableName: \"orders\" -> \"orders-v2\"  (create-only: replaces)"))
        // The role's policy takes Table.Arn, which changes when the table is replaced.
        #expect(plain.stdout.contains("~ Role  AWS::IAM::Role  update"))
        #expect(try CLI.run(["diff", "--fail", a, b]).status == 1)
        #expect(try CLI.run(["diff", "--fail-on", "replace", a, b]).status == 1)
        #expect(try CLI.run(["diff", "--fail-on", "delete", a, b]).status == 0)
        let only = try CLI.run(["diff", "--only", "replacements", a, b])
        #expect(only.stdout.contains("Table") && !only.stdout.contains("Role"))
    }

    @Test("an update only: --fail-on replace and delete exit 0, --fail exits 1")
    func updateOnly() throws {
        let (a, b) = try files(before, changed(before, [("VisibilityTimeout: 30", "VisibilityTimeout: 60")]))
        let r = try CLI.run(["diff", "--fail-on", "replace", "--fail-on", "delete", a, b])
        #expect(r.status == 0)
        #expect(r.stdout.contains("~ Queue  AWS::SQS::Queue  update"))
        #expect(r.stdout.contains("Properties.VisibilityTimeout: 30 -> 60"))
        #expect(try CLI.run(["diff", "--fail", a, b]).status == 1)
    }

    @Test("deletion and orphaning; --fail-on delete")
    func deletion() throws {
        var new = changed(before, [("  Logs:\n    Type: AWS::S3::Bucket\n    DeletionPolicy: Retain\n", "")])
        new = changed(new, [("  Queue:\n    Type: AWS::SQS::Queue\n    Properties: {VisibilityTimeout: 30}\n", "")])
        let (a, b) = try files(before, new)
        let r = try CLI.run(["diff", "--fail-on", "delete", a, b])
        #expect(r.status == 1)
        #expect(r.stdout.contains("- Queue  AWS::SQS::Queue  delete"))
        #expect(r.stdout.contains("- Logs  AWS::S3::Bucket  orphan"))
    }

    @Test("--format json parses and carries the impacts; markdown has the table")
    func formats() throws {
        let new = changed(before, [("TableName: orders", "TableName: orders-v2"), ("Action: dynamodb:GetItem", "Action: 'dynamodb:*'")])
        let (a, b) = try files(before, new)
        let r = try CLI.run(["diff", "--format", "json", a, b])
        #expect(r.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let resources = try #require(json["resources"] as? [[String: Any]])
        #expect(resources.first { $0["logicalId"] as? String == "Table" }?["impact"] as? String == "replaced")
        let role = try #require(resources.first { $0["logicalId"] as? String == "Role" })
        #expect((role["security"] as? [[String: Any]])?.count == 2)
        #expect((json["summary"] as? [String: Any])?["replaced"] as? Int == 1)
        let md = try CLI.run(["diff", "--format", "markdown", a, b])
        #expect(md.stdout.contains("| ! | `Table` | AWS::DynamoDB::Table | **replace** |"))
        #expect(md.stdout.contains("IAM policy statements"))
        let sec = try CLI.run(["diff", "--only", "security", a, b])
        #expect(sec.stdout.contains("IAM policy statements:") && !sec.stdout.contains("Table  AWS::DynamoDB::Table"))
    }

    @Test("- reads standard input; both - is a usage error")
    func stdin() throws {
        let (a, b) = try files(before, changed(before, [("VisibilityTimeout: 30", "VisibilityTimeout: 45")]))
        let r = try CLI.run(["diff", "--fail", a, "-"], stdin: try CLI.read(b))
        #expect(r.status == 1)
        #expect(r.stdout.contains("Queue"))
        #expect(try CLI.run(["diff", "-", "-"], stdin: before).status == 64)
    }

    @Test("a parse error exits 2 with file:line:col; a missing file exits 2")
    func badInput() throws {
        let (a, b) = try files(before, "Resources:\n  A: {Type: X}\n  A: {Type: Y}\n")
        let r = try CLI.run(["diff", a, b])
        #expect(r.status == 2)
        #expect(r.stderr.contains(b + ":3:3:"))
        #expect(try CLI.run(["diff", a, a + ".nope"]).status == 2)
    }

    @Test("git:REV:PATH reads a file as a revision has it")
    func gitRevision() throws {
        let dir = try CLI.scratch()
        func git(_ args: String...) throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["git", "-c", "user.name=t", "-c", "user.email=t@example.com"] + args
            p.currentDirectoryURL = URL(fileURLWithPath: dir)
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "git \(args)")
        }
        try git("init", "-q")
        try CLI.write(before, to: dir + "/app.yaml")
        try git("add", "app.yaml")
        try git("commit", "-qm", "one")
        try CLI.write(changed(before, [("TableName: orders", "TableName: orders-v2")]), to: dir + "/app.yaml")
        let r = try CLI.run(["diff", "--fail-on", "replace", "git:HEAD:app.yaml", "app.yaml"], cwd: dir)
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stdout.contains("git:HEAD:app.yaml -> app.yaml"))
        #expect(r.stdout.contains("REPLACE"))
        let missing = try CLI.run(["diff", "git:HEAD:nope.yaml", "app.yaml"], cwd: dir)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("git:HEAD:nope.yaml"))
    }

    // MARK: what will fail

    /// `before` with the table's key changed: the table keeps its name "orders".
    static let newKey = changed(
        before,
        [
            ("AttributeName: id, KeyType: HASH", "AttributeName: pk, KeyType: HASH"),
            ("AttributeName: id, AttributeType: S", "AttributeName: pk, AttributeType: S"),
        ]
    )

    @Test(
        "a named table replaced under its name: an error line, willFail in JSON, --fail-on fail and replace exit 1; its dependents unlisted"
    )
    func willFail() throws {
        let (a, b) = try files(before, Self.newKey)
        let text = try CLI.run(["diff", a, b])
        #expect(text.status == 0)
        #expect(text.stdout.contains("! Table  AWS::DynamoDB::Table  REPLACE: WILL FAIL"), "\(text.stdout)")
        #expect(
            text.stdout.contains(
                "\n      error: the custom name Properties.TableName (\"orders\") stays: CloudFormation creates the replacement"
            )
        )
        // A KeySchema change replaces, and the role's GetAtt Table.Arn is the same ARN: not listed.
        #expect(text.stdout.contains("Properties.KeySchema[0].AttributeName: \"id\" -> \"pk\"  (create-only: replaces)"))
        #expect(!text.stdout.contains("Role"))
        #expect(text.stdout.contains("summary: 1 will fail; 1 replace"))
        #expect(try CLI.run(["diff", "--fail-on", "fail", a, b]).status == 1)
        #expect(try CLI.run(["diff", "--fail-on", "replace", a, b]).status == 1)
        #expect(try CLI.run(["diff", "--fail-on", "delete", a, b]).status == 0)

        let json = try CLI.run(["diff", "--format", "json", a, b])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["failures"] as? Int == 1)
        let table = try #require((object["resources"] as? [[String: Any]])?.first)
        #expect(table["willFail"] as? Bool == true)
        #expect((table["failReason"] as? String)?.contains("Properties.TableName") == true)

        let md = try CLI.run(["diff", "--format", "markdown", a, b])
        #expect(md.stdout.contains("> **error:** `Table` will fail: the custom name Properties.TableName"))
        #expect(md.stdout.contains("| ! | `Table` | AWS::DynamoDB::Table | **replace**: **will fail** |"))
    }

    @Test("a replacement under a new name does not fail: --fail-on fail exits 0, --fail-on replace 1; willFail false")
    func replacementThatSucceeds() throws {
        let (a, b) = try files(before, changed(Self.newKey, [("TableName: orders", "TableName: orders-v2")]))
        #expect(try CLI.run(["diff", "--fail-on", "fail", a, b]).status == 0)
        #expect(try CLI.run(["diff", "--fail-on", "replace", a, b]).status == 1)
        let json = try CLI.run(["diff", "--format", "json", a, b])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let resources = try #require(object["resources"] as? [[String: Any]])
        #expect(resources.map { $0["logicalId"] as? String } == ["Table", "Role"])
        #expect(resources.allSatisfy { $0["willFail"] as? Bool == false && $0["failReason"] is NSNull })
        #expect(object["failures"] as? Int == 0)
    }

    @Test("a rename of a named resource will fail; --fail-on fail exits 1")
    func renameFails() throws {
        let renamed = changed(before, [("  Table:\n", "  OrdersTable:\n"), ("!GetAtt Table.Arn", "!GetAtt OrdersTable.Arn")])
        let (a, b) = try files(before, renamed)
        let r = try CLI.run(["diff", "--fail-on", "fail", a, b])
        #expect(r.status == 1)
        #expect(r.stdout.contains("> OrdersTable  AWS::DynamoDB::Table  renamed from Table (delete + create unless refactored): WILL FAIL"))
        #expect(
            r.stdout.contains(
                "error: the custom name Properties.TableName (\"orders\") goes with it: CloudFormation creates OrdersTable before it deletes Table"
            )
        )
        // The logs bucket has no name: its rename is a delete and a create, nothing fails.
        let (c, d) = try files(before, changed(before, [("  Logs:\n", "  LogBucket:\n")]))
        #expect(try CLI.run(["diff", "--fail-on", "fail", c, d]).status == 0)
    }

    @Test("a long value shows the part that differs, in text and markdown")
    func longValues() throws {
        let head = String(repeating: "step, ", count: 30)
        let template =
            "Resources:\n  P:\n    Type: AWS::SSM::Parameter\n    Properties: {Type: String, Value: \"\(head)ONE, \(head)end\"}\n"
        let (a, b) = try files(template, changed(template, [("ONE", "TWO")]))
        for format in ["text", "markdown"] {
            let out = try CLI.run(["diff", "--format", format, a, b]).stdout
            let line = try #require(out.split(separator: "\n").first { $0.contains("Properties.Value:") }, "\(out)")
            #expect(line.contains("ONE") && line.contains("TWO"), "\(format): \(line)")
            #expect(line.contains("Properties.Value: ...") && line.contains(" -> ..."), "\(format): \(line)")
        }
    }

    // MARK: split hierarchies

    /// Splits `text` with the binary into DIR/NAME (one resource a nested stack) and returns its manifest.
    func split(_ text: String, in dir: String, _ name: String, previous: String? = nil) throws -> String {
        try CLI.write(text, to: "\(dir)/\(name).yaml")
        var args = ["split", "\(dir)/\(name).yaml", "-o", "\(dir)/\(name)", "--strategy", "type", "--max-resources", "2"]
        if let previous { args += ["--previous", previous] }
        let r = try CLI.run(args)
        #expect(r.status == 0, "\(r.stderr)")
        return "\(dir)/\(name)/manifest.json"
    }

    @Test("diff OLD/manifest.json NEW/manifest.json: the hierarchies as deployed, each change naming its nested stack")
    func manifests() throws {
        let dir = try CLI.scratch()
        let v1 = try split(before, in: dir, "v1")
        let v2 = try split(changed(before, [("VisibilityTimeout: 30", "VisibilityTimeout: 60")]), in: dir, "v2", previous: v1)
        let text = try CLI.run(["diff", "--fail", v1, v2])
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("\(v1) -> \(v2)\n"))
        let line = try #require(text.stdout.split(separator: "\n").first { $0.contains("Queue  AWS::SQS::Queue") }, "\(text.stdout)")
        #expect(line.contains("~ Queue  AWS::SQS::Queue  update  in nested stack "), "\(line)")
        #expect(line.contains("\(dir)/v2/"))
        #expect(text.stdout.contains("Properties.VisibilityTimeout: 30 -> 60"))
        #expect(text.stdout.contains("summary: 1 update\n"), "\(text.stdout)")

        let json = try CLI.run(["diff", "--format", "json", v1, v2])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let queue = try #require((object["resources"] as? [[String: Any]])?.first)
        let stack = try #require(queue["stack"] as? String)
        #expect(queue["oldStack"] as? String == stack)
        // With at most 2 resources a template, the parent holds stacks of stacks: the file is the innermost stack's.
        let innermost = stack.split(separator: "/").last.map(String.init) ?? stack
        #expect((queue["newFile"] as? String)?.hasPrefix("\(dir)/v2/\(innermost)-") == true, "\(queue)")
        let md = try CLI.run(["diff", "--format", "markdown", v1, v2])
        #expect(md.stdout.contains("| | Resource | Type | Stack | Impact |"))
        #expect(md.stdout.contains("| ~ | `Queue` | AWS::SQS::Queue | \(stack) | update |"))

        // The same hierarchy against itself, and against the template it came from.
        #expect(try CLI.run(["diff", "--fail", v1, v1]).status == 0)
        let fromSingle = try CLI.run(["diff", "--fail-on", "fail", "\(dir)/v1.yaml", v1])
        #expect(fromSingle.status == 1)
        #expect(fromSingle.stdout.contains("> Table  AWS::DynamoDB::Table  moved from the parent to nested stack "), "\(fromSingle.stdout)")
        #expect(fromSingle.stdout.contains("WILL FAIL"))
    }

    @Test("a manifest whose nested stack file is missing exits 2 and names the file")
    func brokenManifest() throws {
        let dir = try CLI.scratch()
        let v1 = try split(before, in: dir, "v1")
        let manifest = try CLI.read(v1)
        let file = try #require(manifest.split(separator: "\"").first { $0.hasPrefix("Queue") && $0.hasSuffix(".yaml") })
        try FileManager.default.removeItem(atPath: "\(dir)/v1/\(file)")
        let r = try CLI.run(["diff", v1, v1])
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(dir)/v1/\(file)"), "\(r.stderr)")
    }

    @Test("the README's diff examples print what the README shows")
    func readmeExamples() throws {
        let readme = try CLI.read(CLI.root + "/README.md")
        var checked = 0
        for block in readme.components(separatedBy: "```\n$ cfntool diff ").dropFirst() {
            let lines = block.components(separatedBy: "\n")
            let shown = lines.dropFirst().prefix { $0 != "```" }.joined(separator: "\n") + "\n"
            let r = try CLI.run(["diff"] + lines[0].split(separator: " ").map(String.init))
            #expect(r.stdout == shown, "cfntool diff \(lines[0]) prints:\n\(r.stdout)")
            checked += 1
        }
        #expect(checked >= 2)
    }
}
