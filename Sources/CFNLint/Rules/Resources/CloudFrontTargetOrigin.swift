import CFNModel

/// E3057: a CloudFront distribution's default cache behavior targets an origin it does not have.
struct CloudFrontTargetOrigin: Rule {
    static let info = RuleInfo(
        id: "E3057",
        title: "Default cache behavior targets an unknown origin",
        description: """
            The `TargetOriginId` of a distribution's `DefaultCacheBehavior` must be the `Id` of \
            one of the `Origins` of the same `DistributionConfig`, or of one of its \
            `OriginGroups`. Only literal ids are compared: when an id, the origins or the \
            groups come from a function or a `Fn::If`, nothing is said.
            """,
        passing: [
            """
            Resources:
              Cdn:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    Enabled: true
                    Origins:
                      - Id: site
                        DomainName: site.example.com
                        CustomOriginConfig: {OriginProtocolPolicy: https-only}
                    DefaultCacheBehavior:
                      TargetOriginId: site
                      ViewerProtocolPolicy: redirect-to-https
                      CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
            """
        ],
        failing: [
            """
            Resources:
              Cdn:
                Type: AWS::CloudFront::Distribution
                Properties:
                  DistributionConfig:
                    Enabled: true
                    Origins:
                      - Id: site
                        DomainName: site.example.com
                        CustomOriginConfig: {OriginProtocolPolicy: https-only}
                    DefaultCacheBehavior:
                      TargetOriginId: website # <-
                      ViewerProtocolPolicy: redirect-to-https
                      CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources where r.type == "AWS::CloudFront::Distribution" {
            guard let config = r.node["Properties"]?.mapValue?["DistributionConfig"]?.mapValue,
                let behavior = config["DefaultCacheBehavior"]?.mapValue,
                let target = behavior[entry: "TargetOriginId"], let wanted = target.value.stringValue,
                let ids = Self.literalIds(config)
            else { continue }
            if ids.contains(wanted) { continue }
            let known = ids.isEmpty ? "it has none" : "it has " + ids.map { "'\($0)'" }.joined(separator: ", ")
            findings.append(
                context.finding(
                    Self.self,
                    "TargetOriginId '\(wanted)' is not the Id of an origin or origin group of this distribution; \(known)",
                    at: target.keyRange,
                    path: ["Resources", r.logicalId, "Properties", "DistributionConfig", "DefaultCacheBehavior", "TargetOriginId"]
                )
            )
        }
    }

    /// The ids of the origins and origin groups, when every one is written as a string (nil
    /// when any of them, or the lists holding them, is given by a function).
    static func literalIds(_ config: Map) -> [String]? {
        var ids: [String] = []
        // Without Origins cfn-lint finds no id to compare with, and says nothing.
        guard let origins = config["Origins"] else { return nil }
        do {
            guard let items = origins.listValue else { return nil }
            for item in items {
                guard let map = item.mapValue else { return nil }
                guard let id = map["Id"]?.stringValue else { return nil }
                ids.append(id)
            }
        }
        if let groups = config["OriginGroups"] {
            guard let groupMap = groups.mapValue else { return nil }
            if let items = groupMap["Items"] {
                guard let list = items.listValue else { return nil }
                for item in list {
                    guard let map = item.mapValue else { return nil }
                    guard let idNode = map["Id"] else { continue }
                    guard let id = idNode.stringValue else { return nil }
                    ids.append(id)
                }
            }
        }
        return ids
    }
}
