import Foundation
import Testing

/// Serverless Framework output for every event source type and RDS/Aurora with parameterised
/// engines (`scripts/gen-serverless-events.py --fixtures Tests/Fixtures/serverless-events`,
/// each labelled with cfn-lint 1.51.0): `cfntool lint` reports an error exactly where cfn-lint
/// does, so none on the templates where cfn-lint reports none.
@Suite("Serverless event sources: no error where cfn-lint reports none")
struct ServerlessEventsTests {
    static let set = CLI.root + "/Tests/Fixtures/serverless-events"

    static var names: [String] {
        let manifest = (try? CLI.read(set + "/manifest.tsv")) ?? ""
        return manifest.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) }
    }

    /// `file: [id@line]` of the error-level findings in cfntool's or cfn-lint's JSON.
    static func errors(_ json: String) throws -> [String: [String]] {
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        var out: [String: [String]] = [:]
        for f in list where f["Level"] as? String == "Error" {
            let file = (f["Filename"] as? String ?? "").replacingOccurrences(of: "./", with: "")
            let id = (f["Rule"] as? [String: Any])?["Id"] as? String ?? "?"
            let line = ((f["Location"] as? [String: Any])?["Start"] as? [String: Any])?["LineNumber"] as? Int ?? 0
            out[file, default: []].append("\(id)@\(line)")
        }
        return out.mapValues { $0.sorted() }
    }

    @Test("the set covers every event source and engine form, and one template holds real errors")
    func coverage() throws {
        #expect(Self.names.count >= 6)
        var types: Set<String> = []
        var arnForms: Set<String> = []
        var engineForms: Set<String> = []
        var protocols: Set<String> = []
        /// A function's name, or `literal`.
        func form(_ v: Any?) -> String { (v as? [String: Any])?.keys.first ?? "literal" }
        for name in Self.names {
            let data = Data(try CLI.read(Self.set + "/templates/" + name).utf8)
            let t = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            for case let (_, r as [String: Any]) in t["Resources"] as? [String: Any] ?? [:] {
                let type = r["Type"] as? String ?? ""
                let properties = r["Properties"] as? [String: Any] ?? [:]
                types.insert(type)
                if type == "AWS::Lambda::EventSourceMapping" { arnForms.insert(form(properties["EventSourceArn"])) }
                if type.hasPrefix("AWS::RDS::DB"), properties["Engine"] != nil { engineForms.insert(form(properties["Engine"])) }
                if let p = properties["ProtocolType"] as? String { protocols.insert(p) }
            }
        }
        for type in [
            "AWS::Lambda::EventSourceMapping", "AWS::Kinesis::Stream", "AWS::Kinesis::StreamConsumer", "AWS::DynamoDB::Table",
            "AWS::S3::Bucket", "AWS::SNS::Topic", "AWS::SNS::Subscription", "AWS::Events::Rule", "AWS::ApiGatewayV2::Api",
            "AWS::ApiGatewayV2::Route", "AWS::ApiGatewayV2::Deployment", "AWS::ApiGateway::RestApi", "AWS::ApiGateway::Method",
            "AWS::RDS::DBCluster", "AWS::RDS::DBInstance",
        ] {
            #expect(types.contains(type), "no \(type)")
        }
        #expect(protocols == ["HTTP", "WEBSOCKET"])
        #expect(arnForms == ["Fn::GetAtt", "literal", "Fn::Join", "Ref"])
        #expect(engineForms == ["Ref", "Fn::FindInMap", "Fn::If", "literal"])
    }

    @Test("cfntool lint's errors are cfn-lint's, template by template (same rule, same line)")
    func sameErrors() throws {
        let run = try CLI.run(["lint", "--format", "json"] + Self.names, cwd: Self.set + "/templates")
        #expect(run.status == 0 || run.status == 1, "\(run.stderr)")
        let ours = try Self.errors(run.stdout)
        var theirs: [String: [String]] = [:]
        for name in Self.names {
            theirs.merge(try Self.errors(try CLI.read(Self.set + "/expected/" + name + ".json"))) { a, _ in a }
        }
        for name in Self.names {
            #expect(ours[name, default: []] == theirs[name, default: []], "\(name)")
        }
        // Real errors are still found: the template with mistakes has one of each.
        #expect(theirs["with-mistakes.json", default: []].map { $0.prefix(5) }.sorted() == ["E3633", "E3634", "E3682"])
    }

    @Test("cfntool rules lists E3633, E3634 and E3682; --ignore-checks takes each, and E3000 all of them")
    func listed() throws {
        let rules = try CLI.run(["rules"])
        for (id, title) in [
            ("E3633", "Stream event source without StartingPosition"), ("E3634", "SQS event source with StartingPosition"),
            ("E3682", "Aurora DB instance with a cluster's property"),
        ] {
            #expect(rules.stdout.contains("\(id)  error        \(title)\n"), "\(id)")
        }
        let dir = Self.set + "/templates"
        func ids(_ extra: [String]) throws -> [String] {
            let run = try CLI.run(["lint", "--format", "parseable"] + extra + ["with-mistakes.json"], cwd: dir)
            return run.stdout.split(separator: "\n").map { String($0.split(separator: ":")[5]) }.filter { $0.hasPrefix("E") }
        }
        #expect(try ids([]) == ["E3634", "E3633", "E3682"])
        #expect(try ids(["--ignore-checks", "E3633"]) == ["E3634", "E3682"])
        #expect(try ids(["--ignore-checks", "E3000"]).isEmpty)
    }

    @Test("the committed templates are what the generator writes")
    func current() throws {
        let run = try CLI.run(["python3", "scripts/gen-serverless-events.py", "--check", Self.set], executable: "/usr/bin/env")
        #expect(run.status == 0, "\(run.stderr)")
    }
}
