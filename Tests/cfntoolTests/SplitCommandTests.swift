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

        try CLI.write("Transform: AWS::Serverless-2016-10-31\nResources:\n  F: {Type: AWS::Serverless::Function}\n", to: dir + "/sam.yaml")
        let sam = try CLI.run(["split", "sam.yaml", "-o", "sam-out"], cwd: dir)
        #expect(sam.status == 2 && sam.stderr.hasPrefix("sam.yaml:1:1: the template uses Transform"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/sam-out"))
    }

    @Test("--previous: a deployed single template keeps what fits in the parent and lists the moves, named first")
    func previous() throws {
        let dir = try CLI.scratch()
        _ = try Self.serverless(in: dir, functions: 120)
        let r = try CLI.run(["split", "serverless.yaml", "-o", "out", "--previous", "serverless.yaml"], cwd: dir)
        #expect(r.status == 0)
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.first?.contains("resources move to another stack") == true)
        #expect(lines.dropFirst().first?.contains("NAMED") == true)
        // Against its own manifest nothing moves.
        let again = try CLI.run(["split", "serverless.yaml", "-o", "out", "--previous", "out/manifest.json"], cwd: dir)
        #expect(again.status == 0 && !again.stderr.contains("move"))
    }
}
