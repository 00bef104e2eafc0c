import Foundation
import Testing

/// `cfntool split` on SAM templates: what the transform makes, split into plain CloudFormation.
@Suite("cfntool split on SAM templates", .serialized)
struct SplitSAMTests {
    /// `scripts/gen-sam-app.py N` (with `extra` flags) written into `dir/name`.
    static func app(_ n: Int, in dir: String, name: String = "app.yaml", _ extra: [String] = []) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", CLI.root + "/scripts/gen-sam-app.py", String(n)] + extra
        let path = dir + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return path
    }

    private static func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    private static func diffSummary(_ a: String, _ b: String, cwd: String) throws -> [String: Any] {
        let r = try CLI.run(["diff", "--format", "json", a, b], cwd: cwd)
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return obj
    }

    @Test(
        "a 60-function SAM app, each strategy: plain CloudFormation that verifies, keeps every quota, merges back to the processed template, byte-identical on a rerun"
    )
    func strategies() throws {
        let dir = try CLI.scratch()
        _ = try Self.app(60, in: dir)
        #expect(try CLI.run(["transform", "app.yaml", "-o", "processed.yaml"], cwd: dir).status == 0)
        let processed = try CLI.read(dir + "/processed.yaml")
        for strategy in ["routes", "function", "type", "auto"] {
            let out = "out-" + strategy
            let r = try CLI.run(["split", "app.yaml", "-o", out, "--strategy", strategy, "--max-resources", "60"], cwd: dir)
            #expect(r.status == 0, "\(strategy): \(r.stderr)")
            #expect(r.stdout.hasPrefix("split app.yaml (Transform AWS::Serverless-2016-10-31 applied) (strategy \(strategy)): "))
            #expect(r.stdout.contains("verified: merged back, the output equals the input"))
            let again = try CLI.run(["split", "app.yaml", "-o", out + "-again", "--strategy", strategy, "--max-resources", "60"], cwd: dir)
            #expect(again.status == 0)
            #expect(
                try SplitCommandTests.files(dir + "/" + out) == SplitCommandTests.files(dir + "/" + out + "-again"),
                "\(strategy): a rerun differs"
            )
            // Plain CloudFormation: no Transform, no SAM type, in any output template.
            for (name, data) in try SplitCommandTests.files(dir + "/" + out) where name.hasSuffix(".yaml") {
                let text = String(decoding: data, as: UTF8.self)
                #expect(!text.contains("AWS::Serverless") && !text.contains("Transform:"), "\(strategy): \(name)")
            }
            // Every template within its quotas and --max-resources, as count sees them.
            let count = try CLI.run(["count", "--format", "json", out + "/manifest.json"], cwd: dir)
            #expect(count.status == 0, "\(strategy): \(count.stdout.prefix(300))")
            let entries = try #require(try JSONSerialization.jsonObject(with: Data(count.stdout.utf8)) as? [[String: Any]])
            for e in entries where e["kind"] as? String == "template" {
                let used = (e["quotas"] as? [[String: Any]])?.first { $0["id"] as? String == "resources" }?["used"] as? Int
                #expect((used ?? 999) <= 60, "\(strategy): \(e["file"] ?? "")")
            }
            // Merged back: the processed template, only placed elsewhere.
            for side in ["processed.yaml", "app.yaml"] {
                let d = try Self.diffSummary(side, out + "/manifest.json", cwd: dir)
                let summary = try #require(d["summary"] as? [String: Int])
                #expect(summary["added"] == 0 && summary["removed"] == 0 && summary["renamed"] == 0, "\(strategy) vs \(side): \(summary)")
                #expect((d["sections"] as? [Any])?.isEmpty == true)
                for r in try #require(d["resources"] as? [[String: Any]]) {
                    // Moved, or updated (or replaced: a create-only property that takes a moved
                    // resource's Ref) only because a resource moves: no value changed.
                    let reasons = r["reasons"] as? [String] ?? []
                    let placement = !reasons.isEmpty && reasons.allSatisfy { $0.contains("moves to another stack") }
                    let impact = r["impact"] as? String ?? ""
                    #expect(
                        impact == "moved" || impact == "updated" || placement,
                        "\(strategy) vs \(side): \(r["logicalId"] ?? "") \(impact) \(reasons)"
                    )
                    for c in r["changes"] as? [[String: Any]] ?? [] {
                        #expect(
                            (c["path"] as? String)?.hasPrefix("DependsOn") == true,
                            "\(strategy): \(r["logicalId"] ?? ""): \(c["path"] ?? "")"
                        )
                    }
                }
            }
            // The manifest names the SAM resource of each resource the transform made.
            let manifest = try Self.json(dir + "/" + out + "/manifest.json")
            #expect(manifest["transform"] as? String == "AWS::Serverless-2016-10-31")
            let origins = try #require(manifest["origins"] as? [String: [String: Any]])
            let placed = try #require(manifest["resources"] as? [String: Any])
            #expect(origins["UsersFn000Role"]?["logicalId"] as? String == "UsersFn000")
            #expect(origins.count > 300 && Set(origins.keys).isSubset(of: Set(placed.keys)))
        }
        #expect(!processed.isEmpty)
    }

    @Test("routes: route groups from the SAM functions' event paths; each function's role, version and alias stay with it")
    func routes() throws {
        let dir = try CLI.scratch()
        _ = try Self.app(150, in: dir)
        let r = try CLI.run(["split", "app.yaml", "-o", "out"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let manifest = try Self.json(dir + "/out/manifest.json")
        let stacks = try #require(manifest["stacks"] as? [String: Any])
        for group in ["Users", "Orders", "Billing", "Catalog", "Reports", "Admin", "Auth", "Search", "Notifications", "Inventory"] {
            #expect(stacks[group + "Stack"] != nil, "\(group)Stack")
        }
        let placed = try #require(manifest["resources"] as? [String: Any])
        let fn = try #require(placed["UsersFn000"] as? String)
        #expect(fn.hasPrefix("UsersStack"))
        for satellite in ["UsersFn000Role", "UsersFn000Aliaslive"] { #expect(placed[satellite] as? String == fn, "\(satellite)") }
        // The API that names every function stays in the parent.
        #expect(placed["Api"] is NSNull)
    }

    @Test("local artifact paths point from the output folder at the same files; --previous across it moves nothing")
    func artifactsAndPrevious() throws {
        let dir = try CLI.scratch()
        _ = try Self.app(60, in: dir, ["--local"])
        let r = try CLI.run(["split", "app.yaml", "-o", "out"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        var codes = Set<String>()
        for (name, data) in try SplitCommandTests.files(dir + "/out") where name.hasSuffix(".yaml") {
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n")
            where line.contains("Code: ") || line.contains("Content: ") {
                codes.insert(line.trimmingCharacters(in: .whitespaces))
            }
        }
        #expect(codes.contains("Code: ../src/users/") && codes.contains("Content: ../layers/shared/"), "\(codes)")
        #expect(!codes.contains { $0.hasSuffix(" src/users/") })
        // The SAM app against its split: only placement (the same folders, from each side).
        let d = try Self.diffSummary("app.yaml", "out/manifest.json", cwd: dir)
        #expect((d["summary"] as? [String: Int])?["replaced"] == 0)
        // Five more functions: split with --previous keeps every resource still there in its stack.
        _ = try Self.app(65, in: dir, name: "app2.yaml", ["--local"])
        let next = try CLI.run(["split", "app2.yaml", "-o", "out2", "--previous", "out/manifest.json"], cwd: dir)
        #expect(next.status == 0, "\(next.stderr)")
        let before = try #require(try Self.json(dir + "/out/manifest.json")["resources"] as? [String: Any])
        let after = try #require(try Self.json(dir + "/out2/manifest.json")["resources"] as? [String: Any])
        // (gen-sam-app.py names functions by their place among N: only some ids are in both.)
        let kept = before.keys.filter { after[$0] != nil }
        #expect(kept.count >= 50)
        for id in kept { #expect((after[id] as? String) == (before[id] as? String), "\(id) moved") }
    }
}
