import CFNModel
import Foundation
import Testing

@testable import CFNSAM

/// Paths and helpers shared by the SAM tests.
enum SAMFixtures {
    /// The repository root.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared/sam` beside the checkout: SAM's translator test inputs and expected outputs.
    static let sam = root + "/../shared/sam"

    /// The regions SAM's own test suite uses for each partition.
    static let regions = ["aws": "ap-southeast-1", "aws-cn": "cn-north-1", "aws-us-gov": "us-gov-west-1"]

    /// A template decoded from YAML text.
    static func template(_ yaml: String) throws -> Template { try Template(text: yaml, path: "t.yaml") }

    /// A fixture input.
    static func input(_ name: String) throws -> Template { try Template(contentsOf: sam + "/input/\(name).yaml") }

    /// The transform of a fixture input, for a partition, as SAM's test suite runs it.
    static func transform(_ name: String, partition: String = "aws") throws -> SAMTransform.Output {
        let options = SAMTransform.Options(
            region: regions[partition]!, partition: partition,
            sarTemplateURLs: ["*": "https://awsserverlessrepo-changesets-xxx.s3.amazonaws.com/signed-url"])
        return try SAMTransform(options).apply(to: try input(name))
    }

    /// The expected output of a fixture (for an error fixture: `errorMessage`).
    static func expected(_ name: String, partition: String = "aws") throws -> Template {
        try Template(contentsOf: sam + "/output/\(partition)/\(name).json")
    }

    /// A value normalised as SAM's test suite compares them: lists as multisets, keys sorted,
    /// functions in long form.
    static func canonical(_ node: Node) -> String {
        switch node.value {
        case .map(let m):
            return "{" + m.entries.sorted { $0.key < $1.key }.map { "\($0.key):" + canonical($0.value) }.joined(separator: ",") + "}"
        case .list(let l):
            return "[" + l.map(canonical).sorted().joined(separator: ",") + "]"
        case .function(let f):
            return "{\(f.name.rawValue):" + canonical(f.argument) + "}"
        case .number(let n): return n.canonical
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return "\"" + s + "\""
        case .null: return "null"
        }
    }

    /// The generated resource `logicalId` of a transform output and of the expected output, both
    /// normalised: what a test compares.
    static func resource(_ logicalId: String, of output: SAMTransform.Output, expected: Template) -> (got: String?, want: String?) {
        (output.template.root["Resources"]?[logicalId].map(canonical), expected.root["Resources"]?[logicalId].map(canonical))
    }
}
