import Foundation
import Testing

@Suite("cfntool lint on SAM templates")
struct SAMLintCommandTests {
    static let dlq = CLI.root + "/../shared/corpus/templates/serverless-application-model/tests/translator/input/function_with_dlq.yaml"

    @Test("text shows the SAM source line, the generated resource and cfn-lint's line; json keeps cfn-lint's line")
    func bothLines() throws {
        let text = try CLI.run(["lint", "--as-of", "2026-11-25", Self.dlq])
        #expect(text.status == 1)
        let runtime = text.stdout.split(separator: "\n").first { $0.contains("E2533") }.map(String.init) ?? ""
        #expect(runtime.hasPrefix(Self.dlq + ":7:"), "\(text.stdout)")
        #expect(runtime.hasSuffix("(generated from MySnsDlqLambdaFunction; cfn-lint: line 3; unsafe fix: --fix --unsafe-fixes)"), "\(runtime)")
        let json = try CLI.run(["lint", "--as-of", "2026-11-25", "--format", "json", Self.dlq])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let lines = list.filter { ($0["Rule"] as? [String: Any])?["Id"] as? String == "E2533" }.compactMap {
            (($0["Location"] as? [String: Any])?["Start"] as? [String: Any])?["LineNumber"] as? Int
        }
        #expect(lines == [3, 13])
    }

    @Test("a template the transform refuses: E0001 at 1:1 in json, the other files still linted")
    func transformError() throws {
        let dir = try CLI.scratch()
        try CLI.write(
            "Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::Api\n    Properties: {}\n",
            to: dir + "/api.yaml"
        )
        try CLI.write("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    DependsOn: Missing\n", to: dir + "/plain.yaml")
        let r = try CLI.run(["lint", "--format", "parseable", "api.yaml", "plain.yaml"], cwd: dir)
        #expect(r.status == 1)
        #expect(r.stdout.contains("api.yaml:1:1:1:1:E0001:Error transforming template: Resource with id [Api] is invalid. "), "\(r.stdout)")
        #expect(r.stdout.contains("(Api, line 3)"))
        #expect(r.stdout.contains("plain.yaml:4:") && r.stdout.contains(":E3005:"), "\(r.stdout)")
        let text = try CLI.run(["lint", "api.yaml"], cwd: dir)
        #expect(text.stdout.hasPrefix("api.yaml:3:3: E0001 "), "\(text.stdout)")
    }
}
