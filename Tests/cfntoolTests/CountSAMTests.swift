import Foundation
import Testing

/// `cfntool count` on SAM templates: the quotas of what CloudFormation deploys.
@Suite("cfntool count on SAM templates", .serialized)
struct CountSAMTests {
    static let sam = CLI.root + "/../shared/sam"
    static let corpus = CLI.root + "/../shared/corpus/templates"
    /// The settings of SAM's own suite for the aws partition (sam_compare.py's).
    static let env = ["AWS_REGION": "ap-southeast-1"]
    static let sar = ["--sar-template-url", "*=https://awsserverlessrepo-changesets-xxx.s3.amazonaws.com/signed-url"]

    private static func entries(_ text: String) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    }

    private static func resources(_ entry: [String: Any]) -> Int? {
        (entry["quotas"] as? [[String: Any]])?.first { $0["id"] as? String == "resources" }?["used"] as? Int
    }

    /// `text` with `Transform: AWS::Serverless-2016-10-31` as its first key (after the YAML
    /// directives and document start, when it has them), unless it has a Transform already.
    static func declaringTransform(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.contains(where: { $0.hasPrefix("Transform:") || $0.hasPrefix("\"Transform\"") }) { return text }
        var at = 0
        if lines.first?.hasPrefix("%") == true, let start = lines.firstIndex(where: { $0.hasPrefix("---") }) { at = start + 1 }
        lines.insert("Transform: AWS::Serverless-2016-10-31", at: at)
        return lines.joined(separator: "\n")
    }

    @Test("every success fixture of SAM's suite, with the Transform line: as many resources as aws-sam-translator 1.110.0 makes")
    func fixtures() throws {
        let dir = try CLI.scratch()
        var expected: [String: Int] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.sam + "/input").sorted() where name.hasSuffix(".yaml") {
            let base = String(name.dropLast(5))
            let data = try Data(contentsOf: URL(fileURLWithPath: Self.sam + "/output/aws/" + base + ".json"))
            let output = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            guard output["errorMessage"] == nil else { continue }
            expected[name] = (output["Resources"] as? [String: Any])?.count ?? 0
            try CLI.write(Self.declaringTransform(try CLI.read(Self.sam + "/input/" + name)), to: dir + "/" + name)
        }
        #expect(expected.count >= 330)
        let r = try CLI.run(["count", "--format", "json"] + Self.sar + expected.keys.sorted(), cwd: dir, env: Self.env)
        #expect(r.stderr.isEmpty, "\(r.stderr.prefix(600))")
        var got: [String: Int] = [:]
        for e in try Self.entries(r.stdout) {
            got[e["file"] as? String ?? ""] = Self.resources(e)
            #expect((e["transform"] as? [String: Any])?["name"] as? String == "AWS::Serverless-2016-10-31")
        }
        for (name, n) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(got[name] == n, "\(name): count says \(got[name].map(String.init) ?? "nothing"), aws-sam-translator makes \(n)")
        }
    }

    @Test(
        "every corpus template that declares the transform: as many resources as aws-sam-translator 1.110.0 makes, or exit 2 where it refuses it"
    )
    func corpus() throws {
        let table = try CLI.read(CLI.root + "/Tests/Fixtures/sam-counts/corpus.tsv")
        var expected: [String: String] = [:]
        for line in table.split(separator: "\n") {
            let cells = line.split(separator: "\t").map(String.init)
            expected[cells[0]] = cells[1]
        }
        #expect(expected.count >= 100)
        let r = try CLI.run(["count", "--format", "json"] + Self.sar + expected.keys.sorted(), cwd: Self.corpus, env: Self.env)
        #expect(r.status == 2)  // the templates the reference refuses
        var got: [String: Int] = [:]
        for e in try Self.entries(r.stdout) { got[e["file"] as? String ?? ""] = Self.resources(e) }
        for (path, want) in expected.sorted(by: { $0.key < $1.key }) {
            if want == "error" {
                #expect(got[path] == nil && r.stderr.contains(path + ":"), "\(path): aws-sam-translator refuses it")
            } else {
                #expect(
                    got[path] == Int(want),
                    "\(path): count says \(got[path].map(String.init) ?? "nothing"), aws-sam-translator makes \(want)"
                )
            }
        }
        // Each refusal is positioned and names the resource, as `transform` does.
        for line in r.stderr.split(separator: "\n") {
            #expect(line.range(of: #"^[^:]+:\d+:\d+: "#, options: .regularExpression) != nil, "\(line)")
        }
    }

    /// A SAM template of `n` functions, each behind its own route of the implicit REST API.
    static func app(functions n: Int, transform: Bool = true) -> String {
        var text = transform ? "Transform: AWS::Serverless-2016-10-31\n" : ""
        text += "Resources:\n"
        for i in 0..<n {
            text += """
                  Fn\(i):
                    Type: AWS::Serverless::Function
                    Properties:
                      Runtime: python3.12
                      Handler: app.handler
                      CodeUri: s3://bucket/fn.zip
                      Events:
                        Get:
                          Type: Api
                          Properties:
                            Path: /items/r\(i)
                            Method: get

                """
        }
        return text
    }

    @Test("170 functions are 170 resources as written and 513 deployed: EXCEEDED, exit 1, each function -> 3")
    func wall() throws {
        let dir = try CLI.scratch()
        try CLI.write(Self.app(functions: 170), to: dir + "/app.yaml")
        let r = try CLI.run(["count", "app.yaml"], cwd: dir)
        #expect(r.status == 1 && r.stderr.isEmpty)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasSuffix("; Transform AWS::Serverless-2016-10-31: 170 resources as written, 513 deployed") == true)
        #expect(lines.contains("  resources                  513      500  EXCEEDED: split the template into nested stacks"))
        #expect(lines.contains("      170 AWS::Lambda::Permission"))
        let header = try #require(lines.firstIndex(of: "  SAM resources, by the resources they expand to:"))
        // Biggest first: the three functions the implicit API's three resources tie with, in
        // source order, then the API.
        #expect(lines[header + 1] == "    Fn0 -> 3: Function, Role, Permission")
        #expect(lines[header + 170] == "    Fn169 -> 3: Function, Role, Permission")
        #expect(lines[header + 171] == "    ServerlessRestApi -> 3: RestApi, Deployment, Stage")
        #expect(lines.count == header + 172)
    }

    @Test("near the wall: 'near limit' at 90%, exit 0")
    func near() throws {
        let dir = try CLI.scratch()
        try CLI.write(Self.app(functions: 150), to: dir + "/app.yaml")
        let r = try CLI.run(["count", "app.yaml"], cwd: dir)
        #expect(r.status == 0)
        #expect(r.stdout.contains("  resources                  453      500  near limit\n"))
    }

    @Test("a translator input without the Transform line is counted as written, as CloudFormation sees it")
    func asWritten() throws {
        let dir = try CLI.scratch()
        try CLI.write(Self.app(functions: 170, transform: false), to: dir + "/app.yaml")
        let r = try CLI.run(["count", "--format", "json", "app.yaml"], cwd: dir)
        #expect(r.status == 0)
        let e = try #require(try Self.entries(r.stdout).first)
        #expect(Self.resources(e) == 170 && e["transform"] == nil)
        #expect((e["resourcesByType"] as? [String: Int]) == ["AWS::Serverless::Function": 170])
    }

    @Test("json: the expansion of each SAM resource, with its line and types; name lengths point at the SAM source")
    func json() throws {
        let dir = try CLI.scratch()
        try CLI.write(Self.app(functions: 2), to: dir + "/app.yaml")
        let r = try CLI.run(["count", "--format", "json", "app.yaml"], cwd: dir)
        #expect(r.status == 0)
        let e = try #require(try Self.entries(r.stdout).first)
        let t = try #require(e["transform"] as? [String: Any])
        #expect(t["resourcesAsWritten"] as? Int == 2)
        let x = try #require(t["expansions"] as? [[String: Any]])
        #expect(x.map { $0["logicalId"] as? String } == ["Fn0", "Fn1", "ServerlessRestApi"])
        #expect(x[1]["line"] as? Int == 15 && x[1]["type"] as? String == "AWS::Serverless::Function" && x[1]["resources"] as? Int == 3)
        #expect(
            (x[0]["byType"] as? [String: Int]) == ["AWS::Lambda::Function": 1, "AWS::IAM::Role": 1, "AWS::Lambda::Permission": 1]
        )
        // The implicit API is where the first event that made it is written.
        #expect(x[2]["line"] as? Int == 10)
        // The longest name is a generated one (the implicit API's deployment), at that line too.
        let name = try #require((e["quotas"] as? [[String: Any]])?.first { $0["id"] as? String == "name-length" })
        #expect((name["subject"] as? String)?.hasPrefix("ServerlessRestApiDeployment") == true && name["line"] as? Int == 10)
    }

    @Test("a SAM template the transform refuses: exit 2, file:line:col: [LogicalId] message, the other files still counted")
    func refused() throws {
        let dir = try CLI.scratch()
        try CLI.write(
            "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: 3\n      Events:\n        E:\n          Type: Nope\n",
            to: dir + "/bad.yaml"
        )
        try CLI.write(Self.app(functions: 1), to: dir + "/good.yaml")
        let r = try CLI.run(["count", "bad.yaml", "good.yaml"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("bad.yaml:8:9: [Fn] Event with id [E] is invalid."), "\(r.stderr)")
        #expect(r.stdout.contains("good.yaml: yaml") && !r.stdout.contains("bad.yaml"))
    }
}
