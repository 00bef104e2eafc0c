import Foundation
import Testing

/// `cfntool rules` against cfn-lint 1.51.0's rule ids (`Tests/Fixtures/rule-parity/`, made once
/// with `cfn-lint --list-rules`). Every id cfntool lists is cfn-lint's or one of our own
/// (`cfntool-only.txt`), and every cfn-lint id is listed (the ones cfn-lint 1.51.0 never
/// reports, as documented dormant ids).
@Suite("Rule ids against cfn-lint")
struct RuleParityTests {
    static let fixtures = CLI.root + "/Tests/Fixtures/rule-parity/"

    static func ids(_ file: String) throws -> Set<String> {
        let text = try CLI.read(fixtures + file)
        return Set(
            text.split(separator: "\n").map { $0.split(separator: " ").first.map(String.init) ?? "" }.filter {
                !$0.isEmpty && !$0.hasPrefix("#")
            }
        )
    }

    /// The ids of `cfntool rules --format json`.
    static func listed() throws -> [String] {
        let run = try CLI.run(["rules", "--format", "json"])
        #expect(run.status == 0, "\(run.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: String]])
        return list.compactMap { $0["id"] }
    }

    @Test("every id cfntool lists is a cfn-lint 1.51.0 id or a documented cfntool-only one")
    func noStrangers() throws {
        let cfnLint = try Self.ids("cfn-lint-1.51.0-ids.txt")
        let ours = try Self.ids("cfntool-only.txt")
        #expect(cfnLint.count == 311)
        #expect(ours.isDisjoint(with: cfnLint), "a cfntool-only id that cfn-lint has: \(ours.intersection(cfnLint).sorted())")
        let listed = Set(try Self.listed())
        #expect(listed.subtracting(cfnLint).subtracting(ours).sorted() == [])
        #expect(ours.subtracting(listed).sorted() == [], "cfntool-only ids no longer listed")
    }

    @Test("cfntool rules lists every cfn-lint 1.51.0 id: a superset of cfn-lint --list-rules")
    func superset() throws {
        let cfnLint = try Self.ids("cfn-lint-1.51.0-ids.txt")
        let listed = Set(try Self.listed())
        #expect(cfnLint.subtracting(listed).sorted() == [], "cfn-lint ids cfntool does not list")
        // The installed cfn-lint too, so an upgraded one with a new rule fails here.
        let run = try CLI.run(["-c", "cfn-lint --list-rules 2>/dev/null | grep -oE '^[EWI][0-9]{4}' | sort -u"], executable: "/bin/bash")
        let installed = Set(run.stdout.split(separator: "\n").map(String.init))
        if !installed.isEmpty { #expect(installed.subtracting(listed).sorted() == [], "ids of the installed cfn-lint that cfntool lacks") }
    }

    @Test("each listed id has a level its letter gives, a title and a description, in json and text alike")
    func described() throws {
        let run = try CLI.run(["rules", "--format", "json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: String]])
        let ids = list.compactMap { $0["id"] }
        #expect(Set(ids).count == ids.count)
        #expect(ids == ids.sorted())
        for entry in list {
            let id = entry["id"] ?? ""
            let level = ["E": "error", "W": "warning", "I": "informational"][String(id.prefix(1))]
            #expect(entry["level"] == level, "\(id)")
            #expect(!(entry["title"] ?? "").isEmpty, "\(id)")
            #expect((entry["description"] ?? "").count > 20, "\(id)")
        }
        // The E3000 family's ids are listed, with the region they depend on said.
        let byId = Dictionary(uniqueKeysWithValues: list.map { ($0["id"] ?? "", $0) })
        #expect(byId["E3628"]?["description"]?.contains("AWS::EC2::Instance") == true)
        #expect(byId["E3628"]?["description"]?.contains("--regions") == true)
        #expect(byId["E3639"]?["description"]?.contains("--regions") == false)
        let text = try CLI.run(["rules"])
        let textIds = text.stdout.split(separator: "\n").map { String($0.prefix(5)) }
        #expect(textIds == ids)
        #expect(text.stdout.contains("W3663  warning"))
    }
}
