import CFNModel

/// E3013: a CloudFront distribution alias that is not a domain name CloudFront accepts.
struct CloudFrontAliases: Rule {
    static let info = RuleInfo(
        id: "E3013",
        title: "CloudFront alias is not a valid domain name",
        description: """
            Each of a distribution's `Aliases` must be a lower-case domain name: labels of letters, \
            digits and inner hyphens, a top-level label of two or more characters, and a wildcard \
            only as the whole first label (`*.example.com`, not `www.*.example.com`). No spaces, \
            no upper case. Dynamic references and functions are not checked.
            """,
        passing: [
            """
            Resources:
              Site:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    Enabled: true
                    Aliases: [www.example.com, "*.example.com"]
                    DefaultCacheBehavior:
                      TargetOriginId: web
                      ViewerProtocolPolicy: redirect-to-https
            """
        ],
        failing: [
            """
            Resources:
              Site:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    Enabled: true
                    Aliases:
                      - WWW.EXAMPLE.COM # <-
                      - www.*.example.com # <-
                      - -example.com # <-
                    DefaultCacheBehavior:
                      TargetOriginId: web
                      ViewerProtocolPolicy: redirect-to-https
            """
        ]
    )

    /// A domain name: labels of [a-z0-9-] not starting or ending with `-`, the first may be `*`.
    static let domain = try! Pattern("^(?:[a-z0-9*](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$")

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources where r.type == "AWS::CloudFront::Distribution" {
            for alias in r.node["Properties"]?["DistributionConfig"]?["Aliases"]?.listValue ?? [] {
                guard let name = alias.stringValue, !name.containsBytes("{{resolve:") else { continue }
                let problem: String?
                if name.containsBytes(".*.") || (name.contains("*") && !name.hasPrefix("*.")) {
                    problem = "a wildcard can only be the whole first label (*.example.com)"
                } else if !Self.domain.matchesWhole(name) {
                    problem = "not a lower-case domain name"
                } else {
                    problem = nil
                }
                if let problem {
                    findings.append(context.finding(Self.self, "CloudFront alias '\(name)': \(problem)", at: alias.range))
                }
            }
        }
    }
}
