import CFNModel
import Foundation
import Testing

// README-EXAMPLE-BEGIN
func lambdaRuntimes(in path: String) throws -> [String] {
    let template = try Template(contentsOf: path)
    var lines: [String] = []
    for resource in template.resources where resource.type == "AWS::Lambda::Function" {
        let runtime = resource.properties?["Runtime"]?.stringValue ?? "(none)"
        lines.append("\(path):\(resource.idRange.start.line): \(resource.logicalId) \(runtime)")
    }
    return lines
}

func toJSON(_ path: String) throws -> String {
    let template = try Template(contentsOf: path)
    return String(decoding: try Formatter.format(template, as: .json), as: UTF8.self)
}
// README-EXAMPLE-END

@Suite("README")
struct ReadmeExampleTests {
    @Test("the library example in README.md is this file's code, and it runs")
    func example() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let begin = try #require(source.range(of: "// README-EXAMPLE-BEGIN\n"))
        let end = try #require(source.range(of: "// README-EXAMPLE-END"))
        let code = String(source[begin.upperBound..<end.lowerBound])
        let readme = try String(contentsOfFile: Fixtures.root + "/README.md", encoding: .utf8)
        #expect(readme.contains("import CFNModel\n\n" + code), "README.md's Swift example must match this test's code")

        let lines = try lambdaRuntimes(in: Fixtures.root + "/templates/serverless-api.yaml")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.hasSuffix("nodejs22.x") })
        let json = try toJSON(Fixtures.root + "/templates/vpc.yaml")
        #expect(json.hasPrefix("{\n  \"AWSTemplateFormatVersion\""))
    }
}
