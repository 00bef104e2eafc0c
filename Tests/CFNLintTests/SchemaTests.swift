import CFNModel
import CFNSchema
import Foundation
import Testing

@testable import CFNLint

@Suite("Resource schemas: the bundle, lazy loading, agreement with cfn-lint")
struct SchemaTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the bundle is the one its index records: source, and a digest over every schema file")
    func bundleMatchesItsRecord() throws {
        let store = try #require(SchemaStore.bundled)
        #expect(store.source == "cfn-lint 1.51.0")
        #expect(store.regions.contains("us-east-1") && store.regions.count > 30)
        // The same FNV-1a 64 the build script writes: over path, NUL, bytes, files sorted by path.
        let root = URL(fileURLWithPath: store.directory)
        var paths: [String] = []
        for sub in ["schemas", "extensions"] {
            let base = root.appendingPathComponent(sub)
            let walker = FileManager.default.enumerator(atPath: base.path)
            while let p = walker?.nextObject() as? String { if p.hasSuffix(".json") { paths.append(sub + "/" + p) } }
        }
        paths.sort()
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ bytes: some Sequence<UInt8>) {
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        }
        for p in paths {
            mix(p.utf8)
            mix([0])
            mix(try Data(contentsOf: root.appendingPathComponent(p)))
        }
        #expect(String(h, radix: 16).leftPadded(16) == store.digest)
        #expect(paths.count > 2_200)
    }

    @Test("schema JSON: strings with and without escapes, unicode and surrogate pairs")
    func jsonStrings() throws {
        let text = #"{"plain":"AWS::S3::Bucket","escaped":"a\tb\"c\\d\/e\n","unicode":"\u00e9t\u00e9 \ud83d\ude00","raw":"été","empty":""}"#
        let value = try #require(JSONValue.parse(Array(text.utf8)))
        let members = Dictionary(uniqueKeysWithValues: try #require(value.members).map { ($0.0, $0.1.string) })
        #expect(members["plain"] == "AWS::S3::Bucket")
        #expect(members["escaped"] == "a\tb\"c\\d/e\n")
        #expect(members["unicode"] == "été 😀")
        #expect(members["raw"] == "été")
        #expect(members["empty"] == "")
        #expect(JSONValue.parse(Array(#"{"open":"no end}"#.utf8)) == nil)
        #expect(JSONValue.parse(Array(#"{"bad":"\u12"}"#.utf8)) == nil)
    }

    @Test("a one-resource template reads the index and one schema: well under 1 MB")
    func lazyLoading() throws {
        let store = try SchemaStore(directory: try #require(SchemaStore.bundled).directory)
        let indexOnly = store.bytesRead
        _ = store.schema(for: "AWS::SQS::Queue")
        _ = store.extensions(for: "AWS::SQS::Queue")
        #expect(store.bytesRead > indexOnly)
        #expect(store.bytesRead < 1_000_000)
        // And a second look reads nothing more.
        let after = store.bytesRead
        _ = store.schema(for: "AWS::SQS::Queue")
        #expect(store.bytesRead == after)
    }

    @Test("GetAtt attributes: read-only properties, and every property where CloudFormation allows it")
    func attributes() throws {
        let store = try #require(SchemaStore.bundled)
        let queue = try #require(store.schema(for: "AWS::SQS::Queue")).attributes.map(\.name)
        #expect(queue.contains("Arn") && queue.contains("QueueUrl") && queue.contains("QueueName"))
        let role = try #require(store.schema(for: "AWS::IAM::Role")).attributes.map(\.name)
        #expect(role.contains("Arn") && role.contains("RoleId") && !role.contains("AssumeRolePolicyDocument"))
    }

    /// The injected-error set (`scripts/inject-errors.py`): valid corpus templates with one
    /// error each, labelled by cfn-lint 1.51.0. Each schema rule finds at least 90% of cfn-lint's
    /// findings and at least 97% of its own are cfn-lint's too (same id, same line).
    @Test("injected errors: recall >= 90% and precision >= 97% per rule against cfn-lint")
    func injected() throws {
        let set = Self.repo.appendingPathComponent("Tests/Fixtures/injected")
        let manifest = try String(contentsOf: set.appendingPathComponent("manifest.tsv"), encoding: .utf8)
        let paths = manifest.split(separator: "\n").dropFirst().map { String($0.split(separator: "\t")[0]) }
        #expect(paths.count > 250)
        let rules = ["E3002", "E3003", "E3012", "E3030", "E3031", "E3032", "E3033", "E3034"]
        var expected: [String: Int] = [:], got: [String: Int] = [:], matched: [String: Int] = [:]
        let linter = Linter()
        for path in paths {
            let data = try Data(contentsOf: set.appendingPathComponent("templates/" + path))
            let findings = linter.lint(bytes: Array(data), path: path).findings
            let labels = try JSONSerialization.jsonObject(with: Data(contentsOf: set.appendingPathComponent("expected/" + path + ".json")))
            var want: [String: Int] = [:]
            for case let l as [String: Any] in labels as? [Any] ?? [] {
                guard let id = (l["Rule"] as? [String: Any])?["Id"] as? String, rules.contains(id),
                    let line = ((l["Location"] as? [String: Any])?["Start"] as? [String: Any])?["LineNumber"] as? Int
                else { continue }
                want["\(id):\(line)", default: 0] += 1
                expected[id, default: 0] += 1
            }
            for f in findings where rules.contains(f.ruleId) {
                got[f.ruleId, default: 0] += 1
                let key = "\(f.ruleId):\(f.range.start.line)"
                if let n = want[key], n > 0 {
                    want[key] = n - 1
                    matched[f.ruleId, default: 0] += 1
                }
            }
        }
        for id in rules {
            let m = Double(matched[id] ?? 0)
            let recall = m / Double(max(expected[id] ?? 0, 1))
            let precision = m / Double(max(got[id] ?? 0, 1))
            #expect(recall >= 0.90, "\(id) recall \(recall)")
            #expect(precision >= 0.97, "\(id) precision \(precision)")
        }
    }

    @Test("E3043 reads a local nested template: missing and unknown parameters")
    func nestedStack() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cfntool-nested-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        Parameters:
          Cidr: {Type: String}
          Name: {Type: String, Default: app}
        Resources:
          Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: !Ref Cidr}}
        """.write(to: dir.appendingPathComponent("child.yaml"), atomically: true, encoding: .utf8)
        let parent = """
            Resources:
              Child:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: ./child.yaml
                  Parameters:
                    Cidrr: 10.0.0.0/16
            """
        let path = dir.appendingPathComponent("parent.yaml").path
        let findings = Linter().lint(bytes: Array(parent.utf8), path: path).findings.filter { $0.ruleId == "E3043" }
        #expect(findings.map(\.range.start.line).sorted() == [6, 7])
        #expect(findings.contains { $0.message.contains("'Cidr'") } && findings.contains { $0.message.contains("'Cidrr'") })
    }
}

extension String {
    fileprivate func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
