import Foundation
import Testing

/// `cfntool graph` on SAM templates: what deploys by default, the SAM resources with `--sam`.
@Suite("cfntool graph on SAM templates")
struct GraphSAMTests {
    /// A SAM app: a function behind the implicit REST API with an alias, a policy template and
    /// an embedded connector, another function, and a connector resource.
    static let users = CLI.root + "/examples/sam/users-v1.yaml"

    private static func graph(_ args: [String]) throws -> (nodes: [[String: Any]], edges: [[String: Any]]) {
        let r = try CLI.run(["graph", "--format", "json"] + args)
        #expect(r.status == 0, "\(r.stderr)")
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        return (try #require(obj["nodes"] as? [[String: Any]]), try #require(obj["edges"] as? [[String: Any]]))
    }

    private static func edge(_ edges: [[String: Any]], _ from: String, _ to: String) -> [String: Any]? {
        edges.first { $0["from"] as? String == "resource:" + from && $0["to"] as? String == "resource:" + to }
    }

    @Test("by default the deployed resources, each the transform made noted with its SAM resource, at the SAM source's lines")
    func deployed() throws {
        let g = try Self.graph([Self.users])
        let resources = g.nodes.filter { $0["kind"] as? String == "resource" }
        let byName = Dictionary(uniqueKeysWithValues: resources.map { ($0["name"] as! String, $0) })
        #expect(!resources.contains { ($0["type"] as? String)?.hasPrefix("AWS::Serverless::") == true })
        #expect(byName["GetUserFn"]?["type"] as? String == "AWS::Lambda::Function")
        #expect(byName["GetUserFnRole"]?["note"] as? String == "from GetUserFn")
        let permission = try #require(byName["GetUserFnGetPermissionProd"])
        #expect(permission["note"] as? String == "from GetUserFn's event Get")
        #expect(permission["line"] as? Int == 27)  // the event Get
        #expect(byName["GetUserFnReadTablePolicy"]?["note"] as? String == "from GetUserFn's Connectors.ReadTable")
        #expect(byName["GetUserFnAliaslive"]?["note"] as? String == "from GetUserFn's AutoPublishAlias")
        #expect(byName["WorkerToJobsPolicy"]?["note"] as? String == "from WorkerToJobs")
        // The implicit API is where the event that made it is written.
        #expect(byName["ServerlessRestApi"]?["line"] as? Int == 27)
        // A plain resource of the source is its own (no note).
        #expect(byName["Table"]?["note"] is NSNull && byName["Table"]?["line"] as? Int == 3)
        // Edges between deployed resources: what SAM wrote.
        #expect(Self.edge(g.edges, "Worker", "GetUserFnAliaslive")?["kind"] as? String == "ref")
        #expect(Self.edge(g.edges, "GetUserFnRole", "Jobs")?["attribute"] as? String == "QueueName")
        #expect(Self.edge(g.edges, "ServerlessRestApi", "GetUserFnAliaslive")?["kind"] as? String == "sub")
        #expect(!g.edges.contains { $0["via"] is String })
        // --resource names a deployed resource.
        let one = try CLI.run(["graph", "--resource", "GetUserFnAliaslive", Self.users])
        #expect(one.status == 0 && one.stdout.contains("GetUserFnGetPermissionProd") && !one.stdout.contains("WorkerToJobsPolicy"))
    }

    @Test("--sam: the SAM resources as written, edges labelled by the event, policy or connector they go through")
    func sam() throws {
        let g = try Self.graph(["--sam", Self.users])
        let names = g.nodes.filter { $0["kind"] as? String == "resource" }.compactMap { $0["name"] as? String }
        #expect(names == ["GetUserFn", "Jobs", "Table", "Worker", "WorkerToJobs"])
        let policy = try #require(Self.edge(g.edges, "GetUserFn", "Jobs"))
        #expect(policy["via"] as? String == "policy" && policy["kind"] as? String == "getAtt" && policy["line"] as? Int == 25)
        #expect(Self.edge(g.edges, "GetUserFn", "Table")?["via"] as? String == "connector ReadTable")
        #expect(Self.edge(g.edges, "WorkerToJobs", "Worker")?["via"] as? String == "connector")
        #expect(Self.edge(g.edges, "WorkerToJobs", "Jobs")?["via"] as? String == "connector")
        // !Ref GetUserFn.Alias is a reference to the function, not an unresolved name.
        let alias = try #require(Self.edge(g.edges, "Worker", "GetUserFn"))
        #expect(alias["kind"] as? String == "ref" && alias["attribute"] as? String == "Alias" && alias["via"] is NSNull)
        let mermaid = try CLI.run(["graph", "--sam", "--format", "mermaid", Self.users])
        #expect(mermaid.stdout.contains("  Res_GetUserFn -->|\"policy: getAtt QueueName\"| Res_Jobs\n"))
    }

    @Test("an event source the transform makes: the deployed graph has its edges, --sam its event edge")
    func events() throws {
        let template = CLI.root + "/templates/sam-events.yaml"
        let g = try Self.graph([template])
        #expect(Self.edge(g.edges, "Uploads", "Thumbnails")?["attribute"] as? String == "Arn")
        #expect(Self.edge(g.edges, "Uploads", "ThumbnailsUploadedPermission")?["kind"] as? String == "dependsOn")
        let s = try Self.graph(["--sam", template])
        #expect(Self.edge(s.edges, "Thumbnails", "Uploads")?["via"] as? String == "event Uploaded")
        #expect(Self.edge(s.edges, "Uploads", "Thumbnails") == nil)
    }

    @Test("a translator input without the Transform line is drawn as written; a refused SAM template exits 2 at its line")
    func asWrittenAndRefused() throws {
        let dir = try CLI.scratch()
        let text = try CLI.read(Self.users).replacingOccurrences(of: "Transform: AWS::Serverless-2016-10-31\n", with: "")
        try CLI.write(text, to: dir + "/plain.yaml")
        let r = try CLI.run(["graph", "--format", "json", "plain.yaml"], cwd: dir)
        #expect(r.status == 0 && r.stdout.contains("\"AWS::Serverless::Function\"") && !r.stdout.contains("GetUserFnRole"))
        try CLI.write(
            "Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: python3.12\n      Handler: a.b\n      CodeUri: .\n      Events:\n        E:\n          Type: Nope\n",
            to: dir + "/bad.yaml"
        )
        let bad = try CLI.run(["graph", "bad.yaml"], cwd: dir)
        #expect(bad.status == 2 && bad.stdout.isEmpty)
        #expect(bad.stderr.hasPrefix("bad.yaml:10:9: [Fn] Event with id [E] is invalid."), "\(bad.stderr)")
    }
}
