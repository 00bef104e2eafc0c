import CFNModel

/// E3061: an S3 Intelligent-Tiering archive tier whose `Days` is out of its range.
struct BucketTieringDays: Rule {
    static let info = RuleInfo(
        id: "E3061",
        title: "Intelligent-Tiering Days out of range",
        description: """
            In an `AWS::S3::Bucket`'s `IntelligentTieringConfigurations`, each of `Tierings` \
            moves objects not read for `Days` days to its `AccessTier`: `ARCHIVE_ACCESS` after \
            90 to 730 days, `DEEP_ARCHIVE_ACCESS` after 180 to 730. S3 refuses other numbers. \
            Each branch of a `Fn::If` is read; a number written as text counts, a value given \
            by another function is not judged.
            """,
        passing: [
            """
            Resources:
              Archive:
                Type: AWS::S3::Bucket
                Properties:
                  IntelligentTieringConfigurations:
                    - Id: archive
                      Status: Enabled
                      Tierings:
                        - {AccessTier: ARCHIVE_ACCESS, Days: 90}
                        - {AccessTier: DEEP_ARCHIVE_ACCESS, Days: 180}
            """
        ],
        failing: [
            """
            Resources:
              Archive:
                Type: AWS::S3::Bucket
                Properties:
                  IntelligentTieringConfigurations:
                    - Id: archive
                      Status: Enabled
                      Tierings:
                        - AccessTier: ARCHIVE_ACCESS
                          Days: 30 # <-
                        - AccessTier: DEEP_ARCHIVE_ACCESS
                          Days: "800" # <-
            """
        ]
    )

    /// The days each archive tier allows.
    static let ranges: [String: ClosedRange<Int>] = ["ARCHIVE_ACCESS": 90...730, "DEEP_ARCHIVE_ACCESS": 180...730]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let paths = ["AWS::S3::Bucket": [["IntelligentTieringConfigurations", "*", "Tierings", "*"]]]
        for (r, item, _) in context.propertyValues(paths) {
            guard let tiering = item.mapValue, let tiers = tiering["AccessTier"], let days = tiering[entry: "Days"] else { continue }
            tiers: for (tier, _) in tiers.branches() {
                guard let tier = tier.stringValue else { continue }
                for (value, _) in days.value.branches() {
                    let count: Int
                    switch value.value {
                    case .number(let n) where n.kind == .integer:
                        guard let whole = Int(n.canonical) ?? Int(exactly: n.doubleValue) else { continue }
                        count = whole
                    case .string(let s):
                        // Text that is no whole number ends the reading of the tiering (as in cfn-lint).
                        guard let whole = Int(s.trimmingCharacters(in: " \t\n\r")) else { break tiers }
                        count = whole
                    default: continue
                    }
                    guard let range = Self.ranges[tier], !range.contains(count) else { continue }
                    findings.append(
                        context.finding(
                            Self.self,
                            "\(r.logicalId): \(tier) takes \(range.lowerBound) to \(range.upperBound) days, not \(count)",
                            at: days.keyRange,
                            path: ["Resources", r.logicalId, "Properties", "IntelligentTieringConfigurations"]
                        )
                    )
                }
            }
        }
    }
}

extension String {
    /// Without the given characters at either end.
    fileprivate func trimmingCharacters(in blanks: String) -> String {
        var s = Substring(self)
        while let f = s.first, blanks.contains(f) { s = s.dropFirst() }
        while let l = s.last, blanks.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
