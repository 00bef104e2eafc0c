import CFNModel
import CFNSchema
import Foundation
import Testing

@testable import CFNLint

/// The constraints whose allowed values differ by region (instance types on sale): each region
/// of `--regions` is checked against its own list, read from its own line of the bundle file.
@Suite("Regional constraints: instance types per region")
struct RegionalConstraintTests {
    static func lint(_ text: String, regions: [String]) -> [Finding] {
        var options = LintOptions()
        options.regions = regions
        return Linter(options: options).lint(bytes: Array(text.utf8), path: "t.yaml").findings
    }

    static func instance(_ type: String) -> String {
        """
        Resources:
          Box:
            Type: AWS::EC2::Instance
            Properties:
              ImageId: ami-0abcdef1234567890
              InstanceType: \(type)
        """
    }

    static func cluster(_ type: String) -> String {
        """
        Resources:
          Accelerator:
            Type: AWS::DAX::Cluster
            Properties:
              IAMRoleARN: arn:aws:iam::123456789012:role/dax
              ReplicationFactor: 3
              NodeType: \(type)
        """
    }

    /// The values of each region in a regional file, read with Foundation's JSON (the whole file).
    static func values(_ file: String = "aws_ec2_instance/instancetype_enum.json") throws -> [String: Set<String>] {
        let store = try #require(SchemaStore.bundled)
        let data = try Data(contentsOf: URL(fileURLWithPath: store.directory + "/extensions/" + file))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        // Regions map to a schema; other keys (a description) are not regions.
        return json.compactMapValues { ($0 as? [String: Any])?["enum"] as? [String] }.mapValues(Set.init)
    }

    @Test("a type us-east-1 sells and another region does not fails in that region only, naming it")
    func perRegion() throws {
        // DAX's lists differ between regions (EC2's are the same in every region of 1.51.0's data).
        let types = try Self.values("aws_dax_cluster/nodetype_enum.json")
        let east = try #require(types["us-east-1"])
        // A region that lacks some of us-east-1's types, and one such type.
        let (region, missing) = try #require(
            types.keys.sorted().lazy.compactMap { r in east.subtracting(types[r] ?? []).sorted().first.map { (r, $0) } }.first
        )
        let findings = Self.lint(Self.cluster(missing), regions: ["us-east-1", region]).filter { $0.ruleId == "E3672" }
        #expect(findings.count == 1)
        #expect(findings.first?.message.contains(region) == true)
        #expect(findings.first?.range.start.line == 7)
        #expect(Self.lint(Self.cluster(missing), regions: ["us-east-1"]).filter { $0.ruleId == "E3672" }.isEmpty)
    }

    @Test("a type no region sells fails once per region; a region the data does not list is not checked")
    func everyRegion() {
        let bogus = Self.instance("t2.gigantic")
        #expect(Self.lint(bogus, regions: ["us-east-1", "eu-west-1", "ap-south-1"]).filter { $0.ruleId == "E3628" }.count == 3)
        #expect(Self.lint(bogus, regions: ["xx-nowhere-1"]).filter { $0.ruleId == "E3628" }.isEmpty)
        // The default is us-east-1.
        #expect(Linter().lint(bytes: Array(bogus.utf8), path: "t.yaml").findings.filter { $0.ruleId == "E3628" }.count == 1)
    }

    @Test("the store parses one region's line: its schema is the region's list, cached per region")
    func oneLine() throws {
        let store = try SchemaStore(directory: try #require(SchemaStore.bundled).directory)
        let east = store.extensions(for: "AWS::EC2::Instance", regions: ["us-east-1"]).filter { $0.ruleId == "E3628" }
        #expect(east.count == 1 && east.first?.region == "us-east-1")
        let want = try #require(try Self.values()["us-east-1"])
        #expect(Set((east.first?.schema.enumValues ?? []).compactMap(\.string)) == want)
        let before = store.bytesRead
        _ = store.extensions(for: "AWS::EC2::Instance", regions: ["us-east-1"])
        #expect(store.bytesRead == before)
        // Two regions, two schemas; an unknown region, none.
        #expect(
            store.extensions(for: "AWS::EC2::Instance", regions: ["us-east-1", "eu-west-1"]).filter { $0.ruleId == "E3628" }.count == 2
        )
        #expect(store.extensions(for: "AWS::EC2::Instance", regions: ["xx-nowhere-1"]).filter { $0.ruleId == "E3628" }.isEmpty)
    }
}
