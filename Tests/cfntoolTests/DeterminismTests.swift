import Foundation
import Testing

/// The same input gives byte-identical output: run after run, whatever the number of lint jobs,
/// and whatever the order of the files on the command line.
@Suite("Determinism: byte-identical output", .serialized)
struct DeterminismTests {
    /// Templates with findings (one injected error each, YAML and JSON) and the clean samples.
    static let lintInputs: [String] = {
        let injected = CLI.root + "/Tests/Fixtures/injected/templates"
        var out: [String] = []
        for rule in ["e3002-misspelt-property", "e3012-wrong-type", "e3030-enum", "e3034-min-max"] {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: injected + "/" + rule)) ?? []).sorted()
            out += names.prefix(3).map { injected + "/" + rule + "/" + $0 }
        }
        return out + ["templates/serverless-api.yaml", "templates/vpc.yaml", "templates/conditional-bucket.yaml"]
    }()

    /// Runs `args` three times and expects the same exit status and output each time.
    @discardableResult
    static func same(_ args: [String], cwd: String? = nil) throws -> CLI.Result {
        let first = try CLI.run(args, cwd: cwd)
        #expect(first.status != 2 && first.status != 64, "\(args): \(first.stderr)")
        for _ in 0..<2 {
            let again = try CLI.run(args, cwd: cwd)
            #expect(again.status == first.status && again.stdout == first.stdout, "\(args) gave another output")
        }
        return first
    }

    @Test("lint, text and json: the same with --jobs 1, 2 or the default, files in any order")
    func lint() throws {
        #expect(Self.lintInputs.count >= 12)
        for format in ["text", "json", "sarif"] {
            let base = try Self.same(["lint", "--format", format] + Self.lintInputs)
            #expect(base.status == 1 && !base.stdout.isEmpty)
            for jobs in ["1", "2", "7"] {
                let r = try CLI.run(["lint", "--format", format, "--jobs", jobs] + Self.lintInputs)
                #expect(r.stdout == base.stdout && r.status == base.status, "\(format) --jobs \(jobs)")
            }
            for order in [Self.lintInputs.reversed(), Self.lintInputs.shuffled()] {
                let r = try CLI.run(["lint", "--format", format] + order)
                #expect(r.stdout == base.stdout && r.status == base.status, "\(format), files in another order")
            }
        }
    }

    @Test("fmt, convert, graph: the same run after run")
    func oneFileCommands() throws {
        let dir = try CLI.scratch()
        _ = try SplitCommandTests.serverless(in: dir, functions: 40)
        for file in ["serverless.yaml", CLI.root + "/templates/vpc.yaml"] {
            try Self.same(["fmt", file], cwd: dir)
            try Self.same(["convert", "--to", "json", file], cwd: dir)
            try Self.same(["convert", "--to", "yaml", file], cwd: dir)
            for format in ["dot", "mermaid", "json"] { try Self.same(["graph", "--format", format, file], cwd: dir) }
        }
    }

    @Test("count: the same report for each file, whatever their order")
    func count() throws {
        let files = Array(Self.lintInputs.suffix(6))
        let base = try Self.same(["count", "--format", "json"] + files)
        let reversed = try CLI.run(["count", "--format", "json"] + files.reversed())
        #expect(reversed.status == base.status)
        // A list in the order of the files: the same entries, in the other order.
        func entries(_ json: String) throws -> [String] {
            let list = try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any])
            return try list.map {
                String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self)
            }
        }
        #expect(try entries(base.stdout) == entries(reversed.stdout).reversed())
        try Self.same(["count"] + files)
    }

    @Test("split: the same files, byte for byte, in two new folders")
    func split() throws {
        let dir = try CLI.scratch()
        _ = try SplitCommandTests.serverless(in: dir, functions: 300)
        try Self.same(["split", "serverless.yaml", "-o", "a"], cwd: dir)
        let b = try CLI.run(["split", "serverless.yaml", "-o", "b"], cwd: dir)
        #expect(b.status == 0)
        let first = try SplitCommandTests.files(dir + "/a")
        #expect(first.count > 3)
        #expect(try SplitCommandTests.files(dir + "/b") == first)
    }

    @Test("diff: text, json and markdown the same run after run (both sides decoded in parallel)")
    func diff() throws {
        let dir = try CLI.scratch()
        let old = try SplitCommandTests.serverless(in: dir, functions: 300)
        try FileManager.default.moveItem(atPath: old, toPath: dir + "/old.yaml")
        _ = try SplitCommandTests.serverless(in: dir, functions: 301)
        for format in ["text", "json", "markdown"] {
            let r = try Self.same(["diff", "--format", format, "old.yaml", "serverless.yaml"], cwd: dir)
            #expect(!r.stdout.isEmpty)
        }
    }
}
