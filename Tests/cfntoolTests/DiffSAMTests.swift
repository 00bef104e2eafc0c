import Foundation
import Testing

/// `cfntool diff` on SAM templates: the processed templates compared, each change naming the
/// SAM resource it comes from.
@Suite("cfntool diff on SAM templates")
struct DiffSAMTests {
    static let users = CLI.root + "/examples/sam/users-v1.yaml"

    /// The users app in `dir` as `v1.yaml`, and as `v2.yaml` with its Api event's path changed.
    private static func versions() throws -> String {
        let dir = try CLI.scratch()
        let v1 = try CLI.read(Self.users)
        try CLI.write(v1, to: dir + "/v1.yaml")
        let v2 = v1.replacingOccurrences(of: "Path: /users/{id}", with: "Path: /people/{id}")
        #expect(v2 != v1)
        // The README's example pair is the same change.
        #expect(try CLI.read(CLI.root + "/examples/sam/users-v2.yaml") == v2)
        try CLI.write(v2, to: dir + "/v2.yaml")
        return dir
    }

    private static func resources(_ stdout: String) throws -> [String: [String: Any]] {
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any])
        let list = try #require(obj["resources"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: list.map { ($0["logicalId"] as! String, $0) })
    }

    @Test("a changed Events path: the permission replaced, a new deployment, the stage and API updated, each from its SAM resource")
    func eventPath() throws {
        let dir = try Self.versions()
        let j = try CLI.run(["diff", "--format", "json", "v1.yaml", "v2.yaml"], cwd: dir)
        #expect(j.status == 0, "\(j.stderr)")
        let r = try Self.resources(j.stdout)
        let permission = try #require(r["GetUserFnGetPermissionProd"])
        #expect(permission["impact"] as? String == "replaced")
        let origin = try #require(permission["origin"] as? [String: Any])
        #expect(origin["logicalId"] as? String == "GetUserFn" && origin["event"] as? String == "Get")
        #expect(origin["type"] as? String == "AWS::Serverless::Function")
        #expect(permission["newLine"] as? Int == 27)  // the event, in the SAM source
        #expect(r["ServerlessRestApi"]?["impact"] as? String == "updated")
        #expect(r["ServerlessRestApiProdStage"]?["impact"] as? String == "updated")
        let added = r.values.filter { $0["impact"] as? String == "added" }
        let removed = r.values.filter { $0["impact"] as? String == "removed" }
        #expect(added.count == 1 && (added[0]["type"] as? String) == "AWS::ApiGateway::Deployment")
        #expect(removed.count == 1 && (removed[0]["logicalId"] as? String)?.hasPrefix("ServerlessRestApiDeployment") == true)
        #expect((removed[0]["origin"] as? [String: Any])?["logicalId"] as? String == "ServerlessRestApi")
        // The function, its role and everything else SAM made are unchanged: not listed.
        #expect(r["GetUserFn"] == nil && r["GetUserFnRole"] == nil && r.count == 5)
        // Text: every resource line names where it comes from.
        let t = try CLI.run(["diff", "v1.yaml", "v2.yaml"], cwd: dir)
        let lines = t.stdout.split(separator: "\n").filter {
            $0.hasPrefix("  ! ") || $0.hasPrefix("  ~ ") || $0.hasPrefix("  + ") || $0.hasPrefix("  - ")
        }
        #expect(lines.count == 5)
        for line in lines { #expect(line.contains("  (from "), "\(line)") }
        #expect(
            t.stdout.contains(
                "  ! GetUserFnGetPermissionProd  AWS::Lambda::Permission  REPLACE  (from GetUserFn's event Get)  v2.yaml:27\n"
            )
        )
        // --fail-on replace gates it.
        #expect(try CLI.run(["diff", "--fail-on", "replace", "v1.yaml", "v2.yaml"], cwd: dir).status == 1)
    }

    @Test("a SAM template against its own processed template: no differences, both ways")
    func againstProcessed() throws {
        let dir = try Self.versions()
        let t = try CLI.run(["transform", "v1.yaml", "-o", "processed.yaml"], cwd: dir)
        #expect(t.status == 0, "\(t.stderr)")
        for (a, b) in [("v1.yaml", "processed.yaml"), ("processed.yaml", "v1.yaml")] {
            let r = try CLI.run(["diff", "--format", "json", a, b], cwd: dir)
            #expect(r.status == 0)
            let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            #expect(obj["empty"] as? Bool == true, "\(a) -> \(b): \(r.stdout.prefix(400))")
        }
        // The processed template against the changed SAM source: the same changes as SAM to SAM.
        let r = try Self.resources(try CLI.run(["diff", "--format", "json", "processed.yaml", "v2.yaml"], cwd: dir).stdout)
        #expect(r["GetUserFnGetPermissionProd"]?["impact"] as? String == "replaced" && r.count == 5)
    }

    @Test("a translator input without the Transform line is compared as written; a refused SAM side exits 2 at its line")
    func asWrittenAndRefused() throws {
        let dir = try Self.versions()
        for v in ["v1", "v2"] {
            let text = try CLI.read(dir + "/\(v).yaml").replacingOccurrences(of: "Transform: AWS::Serverless-2016-10-31\n", with: "")
            try CLI.write(text, to: dir + "/plain-\(v).yaml")
        }
        let r = try Self.resources(try CLI.run(["diff", "--format", "json", "plain-v1.yaml", "plain-v2.yaml"], cwd: dir).stdout)
        #expect(r.keys.sorted() == ["GetUserFn"] && r["GetUserFn"]?["origin"] is NSNull)
        try CLI.write(
            "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.b\n      CodeUri: .\n      Events:\n        E:\n          Type: Nope\n",
            to: dir + "/bad.yaml"
        )
        let bad = try CLI.run(["diff", "v1.yaml", "bad.yaml"], cwd: dir)
        #expect(bad.status == 2 && bad.stdout.isEmpty)
        #expect(bad.stderr.hasPrefix("bad.yaml:10:9: [Fn] Event with id [E] is invalid."), "\(bad.stderr)")
    }
}
