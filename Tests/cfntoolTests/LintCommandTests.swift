import Foundation
import Testing

@Suite("cfntool lint", .serialized)
struct LintCommandTests {
    static let broken = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n  B: [\n"

    @Test("a clean folder exits 0 and prints nothing; an unparsable file is an E0000 finding and exit 2")
    func exitCodes() throws {
        let clean = try CLI.run(["lint", "templates"])
        #expect(clean.status == 0 && clean.stdout.isEmpty, "\(clean.stdout)")
        let dir = try CLI.scratch()
        try CLI.write(Self.broken, to: dir + "/bad.yaml")
        let r = try CLI.run(["lint", "bad.yaml", CLI.root + "/templates/vpc.yaml"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stdout.hasPrefix("bad.yaml:5:1: E0000 "))
    }

    @Test("--fail-level: warnings exit 1 by default, 0 with --fail-level error; errors exit 1 either way")
    func failLevel() throws {
        let dir = try CLI.scratch()
        try CLI.write("Parameters:\n  Unused: {Type: String}\nResources:\n  Q: {Type: AWS::SQS::Queue}\n", to: dir + "/warn.yaml")
        try CLI.write("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: Missing\n", to: dir + "/err.yaml")
        let w = try CLI.run(["lint", "warn.yaml"], cwd: dir)
        #expect(w.status == 1 && w.stdout.hasPrefix("warn.yaml:2:3: W2001 "))
        #expect(try CLI.run(["lint", "--fail-level", "error", "warn.yaml"], cwd: dir).status == 0)
        #expect(try CLI.run(["lint", "--fail-level", "error", "err.yaml"], cwd: dir).status == 1)
        #expect(try CLI.run(["lint", "--ignore-checks", "W2001", "warn.yaml"], cwd: dir).status == 0)
        #expect(try CLI.run(["lint", "--fail-level", "informational", "warn.yaml"], cwd: dir).status == 1)
    }

    @Test("the corpus's unparsable templates: a positioned E0000 and exit 2 each")
    func corpusBad() throws {
        let bad = CLI.root + "/../shared/corpus/templates/cfn-lint/test/fixtures/templates/bad/"
        for (file, line) in [("template.yaml", 12), ("json_parse.json", 5)] {
            let r = try CLI.run(["lint", "--format", "parseable", bad + file])
            #expect(r.status == 2)
            #expect(r.stdout.hasPrefix(bad + file + ":\(line):"), "\(r.stdout)")
            #expect(r.stdout.contains(":E0000:"))
        }
    }

    @Test("json: cfn-lint's shape, with the E0000 finding of a file that cannot be parsed")
    func json() throws {
        let dir = try CLI.scratch()
        try CLI.write(Self.broken, to: dir + "/bad.yaml")
        let r = try CLI.run(["lint", "--format", "json", "bad.yaml"], cwd: dir)
        #expect(r.status == 2)
        let list = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 1)
        let f = list[0]
        #expect(f["Filename"] as? String == "bad.yaml" && f["Level"] as? String == "Error")
        #expect((f["Rule"] as? [String: Any])?["Id"] as? String == "E0000")
        let start = (f["Location"] as? [String: Any])?["Start"] as? [String: Any]
        #expect(start?["LineNumber"] as? Int == 5 && start?["ColumnNumber"] as? Int == 1)
        let empty = try CLI.run(["lint", "--format", "json", "templates/vpc.yaml"])
        #expect(empty.status == 0 && empty.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test("sarif is a valid SARIF 2.1.0 log (checked with sarif-pydantic)")
    func sarif() throws {
        let dir = try CLI.scratch()
        try CLI.write(Self.broken, to: dir + "/bad.yaml")
        let r = try CLI.run(["lint", "--format", "sarif", "bad.yaml", "--output-file", "out.sarif"], cwd: dir)
        #expect(r.status == 2 && r.stdout.isEmpty)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [
            "python3", "-c",
            """
            import sarif_pydantic, sys
            s = sarif_pydantic.Sarif.model_validate_json(open(sys.argv[1]).read())
            r = s.runs[0].results[0]
            assert s.version == "2.1.0" and r.rule_id == "E0000" and r.level == "error"
            assert r.locations[0].physical_location.region.start_line == 5
            assert [d.id for d in s.runs[0].tool.driver.rules] == ["E0000"]
            """,
            dir + "/out.sarif",
        ]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "sarif-pydantic rejected the log (pip install sarif-pydantic)")
    }

    @Test("github: the workflow-command syntax; parseable: one line a finding")
    func githubAndParseable() throws {
        let dir = try CLI.scratch()
        try CLI.write(Self.broken, to: dir + "/bad.yaml")
        let g = try CLI.run(["lint", "--format", "github", "bad.yaml"], cwd: dir)
        #expect(
            g.stdout.hasPrefix("::error file=bad.yaml,line=5,col=1,endLine=5,endColumn=1,title=E0000 Template cannot be read or parsed::")
        )
        #expect(g.stdout.hasSuffix("\n") && g.stdout.split(separator: "\n").count == 1)
        let p = try CLI.run(["lint", "--format", "parseable", "bad.yaml"], cwd: dir)
        #expect(p.stdout.hasPrefix("bad.yaml:5:1:5:1:E0000:"))
        let j = try CLI.run(["lint", "--format", "junit", "bad.yaml"], cwd: dir)
        #expect(j.stdout.contains("<failure type=\"E0000\""))
    }

    @Test("the same output whatever the number of jobs and the order of the files")
    func deterministic() throws {
        let corpus = CLI.root + "/../shared/corpus/templates/aws-cloudformation-templates"
        let a = try CLI.run(["lint", "--format", "parseable", "--jobs", "1", corpus + "/VPC", corpus + "/EC2"])
        let b = try CLI.run(["lint", "--format", "parseable", "--jobs", "4", corpus + "/EC2", corpus + "/VPC"])
        #expect(a.stdout == b.stdout && a.status == b.status)
    }

    @Test("informational rules: off by default; on with --include-checks I, include_checks or a severity in the config")
    func informational() throws {
        let dir = try CLI.scratch()
        // A queue leaves both retention policies (I3011) and its retention period (I3013) out.
        try CLI.write("Resources:\n  Jobs:\n    Type: AWS::SQS::Queue\n", to: dir + "/queue.yaml")
        let quiet = try CLI.run(["lint", "queue.yaml"], cwd: dir)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty, "\(quiet.stdout)")
        let asked = try CLI.run(["lint", "--format", "parseable", "--include-checks", "I", "queue.yaml"], cwd: dir)
        // Informational findings do not fail the default --fail-level warning.
        #expect(asked.status == 0)
        #expect(asked.stdout.split(separator: "\n").map { $0.split(separator: ":")[5] } == ["I3011", "I3011", "I3013"])
        #expect(try CLI.run(["lint", "--include-checks", "I", "--fail-level", "informational", "queue.yaml"], cwd: dir).status == 1)
        let json = try CLI.run(["lint", "--format", "json", "--include-checks", "I3013", "queue.yaml"], cwd: dir)
        let list = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 1 && list.first?["Level"] as? String == "Informational")
        #expect((list.first?["Rule"] as? [String: Any])?["Id"] as? String == "I3013")
        try CLI.write("include_checks: [I3011]\n", to: dir + "/.cfntool.yaml")
        let configured = try CLI.run(["lint", "--format", "parseable", "queue.yaml"], cwd: dir)
        #expect(configured.status == 0 && configured.stdout.components(separatedBy: ":I3011:").count == 3)
        try CLI.write("rules:\n  I3013: error\n", to: dir + "/.cfntool.yaml")
        let raised = try CLI.run(["lint", "--format", "json", "queue.yaml"], cwd: dir)
        let raisedList = try #require(JSONSerialization.jsonObject(with: Data(raised.stdout.utf8)) as? [[String: Any]])
        #expect(raised.status == 1 && raisedList.count == 1 && raisedList.first?["Level"] as? String == "Error")
    }

    @Test("a config file names the templates and the checks to ignore")
    func config() throws {
        let dir = try CLI.scratch()
        try FileManager.default.createDirectory(atPath: dir + "/stacks/deep", withIntermediateDirectories: true)
        try CLI.write("templates: ['stacks/**/*.yaml']\nignore_templates: ['stacks/skip.yaml']\n", to: dir + "/.cfntool.yaml")
        try CLI.write(Self.broken, to: dir + "/stacks/deep/bad.yaml")
        try CLI.write(Self.broken, to: dir + "/stacks/skip.yaml")
        let r = try CLI.run(["lint", "--format", "parseable"], cwd: dir)
        #expect(r.status == 2 && r.stdout.hasPrefix("stacks/deep/bad.yaml:5:1") && !r.stdout.contains("skip.yaml"))
        // Per-rule settings: a warning made an error, an error turned off.
        try CLI.write(
            "Parameters:\n  Unused: {Type: String}\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: Missing\n",
            to: dir + "/stacks/rules.yaml"
        )
        try CLI.write("rules:\n  W2001: error\n  E3005: off\n", to: dir + "/.cfntool.yaml")
        let tuned = try CLI.run(["lint", "--format", "parseable", "stacks/rules.yaml"], cwd: dir)
        #expect(
            tuned.status == 1 && tuned.stdout == "stacks/rules.yaml:2:3:2:9:W2001:" + tuned.stdout.split(separator: ":", maxSplits: 6).last!
        )
        let json = try CLI.run(["lint", "--format", "json", "stacks/rules.yaml"], cwd: dir)
        #expect(json.stdout.contains("\"Level\": \"Error\"") && !json.stdout.contains("E3005"))
        try CLI.write("rules:\n  W2001: loud\n", to: dir + "/.cfntool.yaml")
        let bad = try CLI.run(["lint", "stacks/rules.yaml"], cwd: dir)
        #expect(bad.status == 2 && bad.stdout.contains(".cfntool.yaml:2:10: E0003 rules: W2001 takes off, error, warning or informational"))
        let none = try CLI.run(["lint"], cwd: try CLI.scratch())
        #expect(none.status == 64)
    }
}
