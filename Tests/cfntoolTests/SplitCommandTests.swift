import CFNModel
import Foundation
import Testing

@Suite("cfntool split", .serialized)
struct SplitCommandTests {
    /// A 40-function Serverless template written into `dir`.
    static func serverless(in dir: String, functions: Int = 40) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", CLI.root + "/../shared/tools/gen_serverless.py", String(functions), "--yaml"]
        let path = dir + "/serverless.yaml"
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try p.run()
        p.waitUntilExit()
        return path
    }

    static func files(_ dir: String) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir) {
            out[name] = FileManager.default.contents(atPath: dir + "/" + name)
        }
        return out
    }

    @Test("writes the parent, content-hashed nested templates and a manifest; a second run is byte-identical")
    func writes() throws {
        let dir = try CLI.scratch()
        _ = try Self.serverless(in: dir)
        let r = try CLI.run(["split", "serverless.yaml", "-o", "out"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("strategy routes") && r.stdout.contains("verified"))
        let first = try Self.files(dir + "/out")
        #expect(first["parent.yaml"] != nil && first["manifest.json"] != nil)
        let manifest = try #require(JSONSerialization.jsonObject(with: first["manifest.json"]!) as? [String: Any])
        let stacks = try #require(manifest["stacks"] as? [String: [String: Any]])
        #expect(stacks.count == 10)
        for (_, s) in stacks {
            let file = try #require(s["file"] as? String)
            #expect(first[file] != nil, "\(file) listed and written")
            #expect(file.range(of: "^[A-Za-z0-9]+-[0-9a-f]{12}\\.yaml$", options: .regularExpression) != nil)
        }
        #expect(first.count == stacks.count + 2)
        let resources = try #require(manifest["resources"] as? [String: Any])
        #expect(resources.count == 248)
        let parent = String(decoding: first["parent.yaml"]!, as: UTF8.self)
        #expect(parent.contains("TemplateURL: UsersStack-"))

        let again = try CLI.run(["split", "serverless.yaml", "-o", "out"], cwd: dir)
        #expect(again.status == 0)
        #expect(try Self.files(dir + "/out") == first)
    }

    @Test("--template-url-base, --format json")
    func urlsAndFormat() throws {
        let dir = try CLI.scratch()
        _ = try Self.serverless(in: dir)
        let r = try CLI.run(
            ["split", "serverless.yaml", "-o", "out", "--format", "json", "--template-url-base", "https://bucket.s3.amazonaws.com/app"],
            cwd: dir
        )
        #expect(r.status == 0, "\(r.stderr)")
        let parent = try CLI.read(dir + "/out/parent.json")
        #expect(parent.contains("\"TemplateURL\": \"https://bucket.s3.amazonaws.com/app/UsersStack-"))
    }

    @Test("-o into folders that do not exist yet makes them (split -o build/stack in a fresh clone); a file in the way is exit 2")
    func makesParents() throws {
        let dir = try CLI.scratch()
        _ = try Self.serverless(in: dir)
        let r = try CLI.run(["split", "serverless.yaml", "-o", "build/deploy/stack"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/build/deploy/stack/manifest.json"))
        try CLI.write("a file", to: dir + "/blocked")
        let blocked = try CLI.run(["split", "serverless.yaml", "-o", "blocked/stack"], cwd: dir)
        #expect(blocked.status == 2 && blocked.stderr == "blocked/stack:1:1: cannot create the directory: Not a directory\n")
    }

    @Test("refuses a directory it did not write, unless --force; nothing is written on failure")
    func refuses() throws {
        let dir = try CLI.scratch()
        _ = try Self.serverless(in: dir)
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        try CLI.write("keep me", to: dir + "/out/notes.txt")
        let r = try CLI.run(["split", "serverless.yaml", "-o", "out"], cwd: dir)
        #expect(r.status == 2 && r.stderr.contains("notes.txt") && r.stderr.contains("--force"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out") == ["notes.txt"])
        let forced = try CLI.run(["split", "serverless.yaml", "-o", "out", "--force"], cwd: dir)
        #expect(forced.status == 0)
        #expect(try CLI.read(dir + "/out/notes.txt") == "keep me")

        // A SAM template the transform refuses: its error at its line, nothing written.
        try CLI.write("Transform: AWS::Serverless-2016-10-31\nResources:\n  F: {Type: AWS::Serverless::Function}\n", to: dir + "/sam.yaml")
        let sam = try CLI.run(["split", "sam.yaml", "-o", "sam-out"], cwd: dir)
        #expect(sam.status == 2 && sam.stderr.hasPrefix("sam.yaml:3:3: [F] "), "\(sam.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/sam-out"))
        // A macro only CloudFormation expands.
        try CLI.write("Transform: MyMacro\nResources:\n  T: {Type: AWS::SNS::Topic}\n", to: dir + "/macro.yaml")
        let macro = try CLI.run(["split", "macro.yaml", "-o", "macro-out"], cwd: dir)
        #expect(
            macro.status == 2
                && macro.stderr.hasPrefix("macro.yaml:1:1: the template uses Transform MyMacro, which only CloudFormation expands")
        )
        #expect(!macro.stderr.contains("sam build"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/macro-out"))
    }

    @Test(
        "--previous with a deployed single template over the limit: named resources are refused; --allow-moves writes the refactor mappings"
    )
    func previous() throws {
        let dir = try CLI.scratch()
        _ = try Self.serverless(in: dir, functions: 120)
        let refused = try CLI.run(["split", "serverless.yaml", "-o", "out", "--previous", "serverless.yaml"], cwd: dir)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("with a fixed physical name would move to another stack"), "\(refused.stderr)")
        #expect(refused.stderr.contains("FunctionName") && refused.stderr.contains("--allow-moves"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/out"))

        let r = try CLI.run(["split", "serverless.yaml", "-o", "out", "--previous", "serverless.yaml", "--allow-moves"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.first?.contains("resources move to another stack") == true)
        #expect(lines.first?.contains("with a fixed physical name (these need a stack refactor)") == true)
        #expect(lines.dropFirst().first?.contains("NAMED") == true)
        #expect(r.stderr.contains("create-stack-refactor --resource-mappings file://"))
        let manifest = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/manifest.json"))) as? [String: Any]
        )
        let refactor = try #require(manifest["refactor"] as? [[String: Any]])
        #expect(!refactor.isEmpty)
        var mapped = 0
        for batch in refactor {
            let file = try #require(batch["file"] as? String)
            let list = try #require(
                JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/" + file)))
                    as? [[String: [String: String]]]
            )
            #expect(list.allSatisfy { $0["Source"]?["StackName"] == "ROOT" && $0["Destination"]?["StackName"]?.hasPrefix("ROOT/") == true })
            #expect((batch["stacks"] as? [String])?.count ?? 99 <= 5)
            mapped += list.count
        }
        #expect(mapped == (manifest["moves"] as? [Any])?.count)

        // Against its own manifest nothing moves, and the refactor files of the last run go.
        let again = try CLI.run(["split", "serverless.yaml", "-o", "out", "--previous", "out/manifest.json"], cwd: dir)
        #expect(again.status == 0 && !again.stderr.contains("move"), "\(again.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").allSatisfy { !$0.hasPrefix("refactor-") })
    }

    @Test("--previous: 90 then 95 functions with --strategy function moves nothing (a fresh split moves 32)")
    func previousGrowth() throws {
        let dir = try CLI.scratch()
        _ = try Self.serverless(in: dir, functions: 90)
        #expect(try CLI.run(["split", "serverless.yaml", "-o", "v1", "--strategy", "function"], cwd: dir).status == 0)
        _ = try Self.serverless(in: dir, functions: 95)
        let r = try CLI.run(["split", "serverless.yaml", "-o", "v2", "--strategy", "function", "--previous", "v1/manifest.json"], cwd: dir)
        #expect(r.status == 0 && !r.stderr.contains("move"), "\(r.stderr)")
        let fresh = try CLI.run(["split", "serverless.yaml", "-o", "v2-fresh", "--strategy", "function"], cwd: dir)
        #expect(fresh.status == 0)
        func resources(_ d: String) throws -> [String: String] {
            let m = try #require(
                JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/" + d + "/manifest.json")))
                    as? [String: Any]
            )
            let r = try #require(m["resources"] as? [String: Any])
            return r.mapValues { $0 as? String ?? "" }
        }
        let (v1, v2, v2f) = (try resources("v1"), try resources("v2"), try resources("v2-fresh"))
        #expect(v1.keys.filter { v2[$0] != v1[$0] }.isEmpty)
        #expect(v1.keys.filter { v2f[$0] != v1[$0] }.count > 0)
    }

    @Test("--max-resources is a promise: the 38-resource sample VPC splits into templates of at most 10; 1 is refused")
    func maxResources() throws {
        let dir = try CLI.scratch()
        let vpc = CLI.root + "/../shared/corpus/templates/aws-cloudformation-templates/ECS/FargateLaunchType/clusters/private-vpc.yaml"
        let r = try CLI.run(["split", vpc, "-o", "out", "--max-resources", "10"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("every template holds at most 10 resources"))
        let manifest = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/manifest.json"))) as? [String: Any]
        )
        let stacks = try #require(manifest["stacks"] as? [String: [String: Any]])
        #expect(stacks.count >= 4)
        var total = 0
        for file in [manifest["parent"] as? String ?? ""] + stacks.values.compactMap({ $0["file"] as? String }) {
            let t = try Template(contentsOf: dir + "/out/" + file)
            #expect(t.resources.count <= 10, "\(file): \(t.resources.count)")
            total += t.resources.filter { $0.type != "AWS::CloudFormation::Stack" }.count
        }
        #expect(total == 38)
        let one = try CLI.run(["split", vpc, "-o", "out1", "--max-resources", "1"], cwd: dir)
        #expect(one.status == 2 && one.stderr.contains("cannot split within 1 resource a stack"), "\(one.stderr)")
    }
}
