import CFNModel
import Foundation
import Testing

@testable import CFNSAM

/// The REST API part of the transform (`AWS::Serverless::Api`, the implicit `ServerlessRestApi`,
/// functions' `Api` events), checked against aws-sam-translator 1.110.0's expected outputs for
/// SAM's own fixtures and on small templates.
@Suite("SAM REST APIs")
struct RestApiTests {
    /// `../shared/sam` beside the checkout.
    static let sam: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/../shared/sam"
    }()
    static let regions = ["aws": "ap-southeast-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"]

    /// The fixtures of this area: those named after REST APIs.
    static let areaPrefixes = [
        "api_", "implicit_api", "explicit_api", "mixed_api", "no_implicit_api", "global_handle_path_level_parameter",
        "separate_route53", "error_api_", "function_with_request_parameters",
    ]

    static func transform(_ template: Template, partition: String = "aws") throws(SAMErrors) -> SAMTransform.Output {
        try SAMTransform(.init(region: regions[partition]!, partition: partition)).apply(to: template)
    }

    static func transform(yaml: String) throws -> SAMTransform.Output {
        try transform(try Template(text: yaml, path: "t.yaml"))
    }

    /// Whether this build knows every SAM resource type and event type a template uses (the
    /// other areas of the transform are written apart; their fixtures wait for them).
    static func isCovered(_ template: Template) -> Bool {
        for resource in template.resources {
            guard let type = resource.type, type.hasPrefix("AWS::Serverless::") else { continue }
            if Translators.translator(for: type) == nil { return false }
            for event in resource.node["Properties"]?["Events"]?.mapValue ?? Map() {
                guard let eventType = event.value["Type"]?.stringValue else { continue }
                if type == "AWS::Serverless::Function" && FunctionEvents.source(for: eventType) == nil { return false }
            }
        }
        return true
    }

    /// A template's resources as SAM's test suite compares them: lists as multisets, keys in
    /// order, each deployment named after its API alone (its hash is the transform's own).
    static func canonical(_ root: Node) -> String {
        var deployments: [String: String] = [:]
        for entry in root["Resources"]?.mapValue ?? Map() where entry.value["Type"]?.stringValue == "AWS::ApiGateway::Deployment" {
            let api = entry.value["Properties"]?["RestApiId"]?.functionValue?.refTarget ?? "?"
            deployments[entry.key] = "<deployment of \(api)>"
        }
        func text(_ node: Node) -> String {
            switch node.value {
            case .map(let map):
                let entries = map.entries.filter { !($0.key == "Description" && ($0.value.stringValue?.hasPrefix("RestApi deployment id: ") ?? false)) }
                return "{" + entries.sorted { $0.key < $1.key }.map { "\(deployments[$0.key] ?? $0.key):\(text($0.value))" }
                    .joined(separator: ",") + "}"
            case .list(let items): return "[" + items.map(text).sorted().joined(separator: ",") + "]"
            case .function(let f):
                if f.name == .ref, let target = f.argument.stringValue, let d = deployments[target] { return "{Ref:\(d)}" }
                return "{\(f.name.rawValue):\(text(f.argument))}"
            case .string(let s): return deployments[s] ?? PythonJSON.dumps(Node(.string(s)))
            default: return PythonJSON.dumps(node)
            }
        }
        return text(root)
    }

    static func areaFixtures() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: sam + "/input").filter { name in
            name.hasSuffix(".yaml") && areaPrefixes.contains { name.hasPrefix($0) }
        }.map { String($0.dropLast(5)) }.sorted()
    }

    @Test("the area's success fixtures come out as aws-sam-translator's, in every partition")
    func fixtures() throws {
        var compared = 0
        for name in try RestApiTests.areaFixtures() {
            let input = try Template(contentsOf: RestApiTests.sam + "/input/\(name).yaml")
            guard RestApiTests.isCovered(input) else { continue }
            for partition in ["aws", "aws-cn", "aws-us-gov"] {
                let path = RestApiTests.sam + "/output/\(partition)/\(name).json"
                guard FileManager.default.fileExists(atPath: path) else { continue }
                let expected = try Template(contentsOf: path)
                if expected.root["errorMessage"] != nil { continue }
                let output = try RestApiTests.transform(input, partition: partition)
                let got = RestApiTests.canonical(Node(.map(output.template.root)))
                let want = RestApiTests.canonical(Node(.map(expected.root)))
                #expect(got == want, "\(name) (\(partition)) differs from aws-sam-translator's output")
                compared += 1
            }
        }
        #expect(compared > 250)
    }

    @Test("the area's error fixtures are refused, naming the resources aws-sam-translator names")
    func errorFixtures() throws {
        var compared = 0
        for name in try RestApiTests.areaFixtures() {
            let input = try Template(contentsOf: RestApiTests.sam + "/input/\(name).yaml")
            let expected = try Template(contentsOf: RestApiTests.sam + "/output/aws/\(name).json")
            guard let message = expected.root["errorMessage"]?.stringValue, RestApiTests.isCovered(input) else { continue }
            var want = Set<String>()
            var rest = Substring(message)
            while let r = rest.firstRange(of: "Resource with id [") {
                let tail = rest[r.upperBound...]
                guard let end = tail.firstIndex(of: "]") else { break }
                want.insert(String(tail[..<end]))
                rest = tail[end...]
            }
            do {
                _ = try RestApiTests.transform(input)
                Issue.record("\(name) was transformed; aws-sam-translator refuses it: \(message)")
            } catch {
                let named = Set(error.errors.flatMap { [$0.logicalId, $0.event].compactMap { $0 } })
                #expect(want.isSubset(of: named), "\(name): named \(named.sorted()), expected \(want.sorted())")
                #expect(error.errors.allSatisfy { $0.range.isKnown }, "\(name): an error without a source position")
            }
            compared += 1
        }
        #expect(compared > 30)
    }
}
