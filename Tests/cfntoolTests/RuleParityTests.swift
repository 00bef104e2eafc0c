import Foundation
import Testing

/// `cfntool rules` against cfn-lint 1.51.0's rule ids (`Tests/Fixtures/rule-parity/`, made once
/// with `cfn-lint --list-rules`). Every id cfntool lists is cfn-lint's or one of our own
/// (`cfntool-only.txt`), and the ids cfntool lacks are exactly `not-yet.txt`: a new rule must
/// take its id off that list, and a rule lost puts it back.
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

    @Test("the cfn-lint ids cfntool lacks are exactly the committed not-yet list")
    func notYet() throws {
        let cfnLint = try Self.ids("cfn-lint-1.51.0-ids.txt")
        let notYet = try Self.ids("not-yet.txt")
        let listed = Set(try Self.listed())
        let missing = cfnLint.subtracting(listed)
        #expect(missing.subtracting(notYet).sorted() == [], "ids lost: add the rule back, or list them in not-yet.txt")
        #expect(notYet.subtracting(missing).sorted() == [], "ids now listed: take them off not-yet.txt")
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
