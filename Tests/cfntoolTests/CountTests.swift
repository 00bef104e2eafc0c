import Foundation
import Testing

/// A YAML template with `n` queues and `p` parameters.
private func template(queues n: Int, parameters p: Int = 0) -> String {
    var text = ""
    if p > 0 {
        text += "Parameters:\n"
        for i in 0..<p { text += "  P\(i):\n    Type: String\n" }
    }
    text += "Resources:\n"
    for i in 0..<n { text += "  Queue\(i):\n    Type: AWS::SQS::Queue\n" }
    return text
}

private func json(_ text: String) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
}

private func quota(_ entry: [String: Any], _ id: String) -> [String: Any]? {
    (entry["quotas"] as? [[String: Any]])?.first { $0["id"] as? String == id }
}

@Suite("cfntool count", .serialized)
struct CountTests {
    @Test("text: an aligned table per file, then resources by type; exit 0 within the quotas")
    func text() throws {
        let dir = try CLI.scratch()
        try CLI.write(template(queues: 3) + "  Topic:\n    Type: AWS::SNS::Topic\n", to: dir + "/t.yaml")
        let r = try CLI.run(["count", "t.yaml"], cwd: dir)
        #expect(r.status == 0 && r.stderr.isEmpty)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("t.yaml: yaml, ") == true)
        #expect(lines.contains("  quota                    used    limit"))
        #expect(lines.contains("  resources                   4      500"))
        #expect(lines.contains("  name length                 6      255  Queue0"))
        #expect(lines.contains("  resources by type:"))
        #expect(lines.contains("        3 AWS::SQS::Queue"))
        #expect(lines.contains("        1 AWS::SNS::Topic"))
        #expect(!r.stdout.contains("EXCEEDED") && !r.stdout.contains("near limit"))
    }

    @Test("over a hard quota: EXCEEDED and exit 1; at 90%: near limit")
    func exceeded() throws {
        let dir = try CLI.scratch()
        try CLI.write(template(queues: 501), to: dir + "/big.yaml")
        try CLI.write(template(queues: 1, parameters: 190), to: dir + "/near.yaml")
        let big = try CLI.run(["count", "big.yaml"], cwd: dir)
        #expect(big.status == 1)
        #expect(big.stdout.contains("  resources                  501      500  EXCEEDED: split the template into nested stacks\n"))
        let near = try CLI.run(["count", "near.yaml"], cwd: dir)
        #expect(near.status == 0)
        #expect(near.stdout.contains("  parameters                190      200  near limit\n"))
        let both = try CLI.run(["count", "near.yaml", "big.yaml"], cwd: dir)
        #expect(both.status == 1 && both.stdout.contains("near.yaml: yaml") && both.stdout.contains("big.yaml: yaml"))
    }

    @Test("over the inline body size only: a warning, exit 0")
    func inlineWarning() throws {
        let dir = try CLI.scratch()
        try CLI.write(template(queues: 1) + "Description: x\n" + String(repeating: "# padding\n", count: 6_000), to: dir + "/t.yaml")
        let r = try CLI.run(["count", "t.yaml"], cwd: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("WARNING: deploy through S3"))
        let j = try json(try CLI.run(["count", "--format", "json", "t.yaml"], cwd: dir).stdout)
        let inline = try #require(quota(j[0], "inline-template-bytes"))
        #expect(inline["exceeded"] as? Bool == true && inline["hard"] as? Bool == false)
    }

    @Test("json: the documented shape, numbers as numbers, stable order")
    func jsonShape() throws {
        let dir = try CLI.scratch()
        try CLI.write(template(queues: 501), to: dir + "/big.yaml")
        try CLI.write(template(queues: 2), to: dir + "/small.yaml")
        let r = try CLI.run(["count", "--format", "json", "small.yaml", "big.yaml"], cwd: dir)
        #expect(r.status == 1 && r.stderr.isEmpty)
        let entries = try json(r.stdout)
        #expect(entries.map { $0["file"] as? String } == ["small.yaml", "big.yaml"])
        let small = entries[0]
        #expect(small["kind"] as? String == "template" && small["format"] as? String == "yaml")
        #expect(small["bytes"] as? Int == template(queues: 2).utf8.count)
        #expect(
            (small["quotas"] as? [[String: Any]])?.map { $0["id"] as? String } == [
                "resources", "parameters", "outputs", "mappings", "mapping-attributes", "name-length", "template-bytes",
                "inline-template-bytes", "description-bytes",
            ]
        )
        let resources = try #require(quota(small, "resources"))
        #expect(resources["used"] as? Int == 2 && resources["limit"] as? Int == 500)
        #expect(resources["exceeded"] as? Bool == false && resources["hard"] as? Bool == true && resources["nearLimit"] as? Bool == false)
        #expect(resources["subject"] is NSNull && resources["line"] is NSNull)
        let name = try #require(quota(small, "name-length"))
        #expect(name["subject"] as? String == "Queue0" && name["line"] as? Int == 2)
        #expect(small["resourcesByType"] as? [String: Int] == ["AWS::SQS::Queue": 2])
        #expect(quota(entries[1], "resources")?["exceeded"] as? Bool == true)
        let again = try CLI.run(["count", "--format", "json", "small.yaml", "big.yaml"], cwd: dir)
        #expect(again.stdout == r.stdout)
    }

    @Test("unreadable or invalid input: file:line:col on stderr, exit 2, the other files still counted; 2 wins over 1")
    func badInput() throws {
        let dir = try CLI.scratch()
        try CLI.write("Resources:\n  A: {Type: X}\n  A: {Type: Y}\n", to: dir + "/dup.yaml")
        try CLI.write(template(queues: 501), to: dir + "/big.yaml")
        let r = try CLI.run(["count", "dup.yaml", "nope.yaml", "big.yaml"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr == "dup.yaml:3:3: duplicate key 'A' (first defined at line 2)\nnope.yaml:1:1: no such file\n")
        #expect(r.stdout.contains("big.yaml: yaml") && r.stdout.contains("EXCEEDED"))
        let j = try CLI.run(["count", "--format", "json", "dup.yaml", "big.yaml"], cwd: dir)
        #expect(j.status == 2)
        #expect(try json(j.stdout).count == 1)
    }

    @Test("- reads standard input")
    func stdin() throws {
        let r = try CLI.run(["count", "-"], stdin: template(queues: 2))
        #expect(r.status == 0 && r.stdout.hasPrefix("-: yaml, ") && r.stdout.contains("  resources                   2      500"))
    }

    @Test("a split manifest: every template it lists, then the hierarchy total against 2,500 (a warning only)")
    func manifest() throws {
        let dir = try CLI.scratch()
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        try CLI.write(template(queues: 2), to: dir + "/out/parent.yaml")
        try CLI.write(template(queues: 450), to: dir + "/out/a.yaml")
        try CLI.write(template(queues: 450), to: dir + "/out/b.yaml")
        let manifest = #"{"parent": "parent.yaml", "stacks": {"A": {"file": "a.yaml"}, "B": {"file": "b.yaml"}}}"#
        try CLI.write(manifest, to: dir + "/out/manifest.json")
        let r = try CLI.run(["count", "out/manifest.json"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains("out/parent.yaml: yaml") && r.stdout.contains("out/a.yaml: yaml") && r.stdout.contains("out/b.yaml: yaml")
        )
        #expect(r.stdout.contains("out/manifest.json: split manifest, 3 templates"))
        #expect(r.stdout.contains("  resources across nested stacks   902   2500\n"))
        #expect(r.stdout.contains("near limit"), "450 of 500 in a.yaml and b.yaml")

        // Over 2,500 across the hierarchy: a warning, not a failure.
        var stacks: [String] = []
        for k in 0..<6 {
            try CLI.write(template(queues: 450), to: dir + "/out/s\(k).yaml")
            stacks.append("\"S\(k)\": {\"file\": \"s\(k).yaml\"}")
        }
        try CLI.write("{\"parent\": \"parent.yaml\", \"stacks\": {\(stacks.joined(separator: ", "))}}", to: dir + "/out/big.json")
        let big = try CLI.run(["count", "out/big.json"], cwd: dir)
        #expect(big.status == 0)
        #expect(
            big.stdout.contains(
                "  resources across nested stacks  2702   2500  WARNING: the first deploy of a bigger hierarchy must be staged"
            )
        )

        let j = try json(try CLI.run(["count", "--format", "json", "out/big.json"], cwd: dir).stdout)
        #expect(j.count == 8)
        #expect(j.dropLast().allSatisfy { $0["kind"] as? String == "template" && $0["manifest"] as? String == "out/big.json" })
        let m = try #require(j.last)
        #expect(m["kind"] as? String == "manifest" && m["file"] as? String == "out/big.json")
        #expect((m["templates"] as? [String])?.first == "out/parent.yaml")
        let h = try #require(quota(m, "hierarchy-resources"))
        #expect(h["used"] as? Int == 2702 && h["limit"] as? Int == 2500 && h["exceeded"] as? Bool == true && h["hard"] as? Bool == false)

        // A listed template over its own quota still fails; a missing one is exit 2.
        try CLI.write(template(queues: 501), to: dir + "/out/a.yaml")
        #expect(try CLI.run(["count", "out/manifest.json"], cwd: dir).status == 1)
        try FileManager.default.removeItem(atPath: dir + "/out/b.yaml")
        let missing = try CLI.run(["count", "out/manifest.json"], cwd: dir)
        #expect(missing.status == 2 && missing.stderr.contains("out/b.yaml:1:1: no such file"))
        try CLI.write(#"{"parent": "parent.yaml", "stacks": {"A": {}}}"#, to: dir + "/out/bad.json")
        let bad = try CLI.run(["count", "out/bad.json"], cwd: dir)
        #expect(bad.status == 2 && bad.stderr.hasPrefix("out/bad.json:1:43: stack 'A' needs a \"file\""))
    }
}
