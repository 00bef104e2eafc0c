import CFNModel

/// I2530: a Java function that could start faster with SnapStart does not use it.
struct SnapStartSuggested: Rule {
    static let info = RuleInfo(
        id: "I2530",
        title: "Java function without SnapStart",
        description: """
            SnapStart costs nothing on Java 11 and later and cuts a function's cold start \
            several times over; a function on such a runtime (`java11`, `java17`, `java21`, \
            ...; not `java8` or `java8.al2`) that has no `SnapStart` setting may want one. \
            Only when every region of `--regions` has SnapStart. Each way the conditions in \
            `Runtime` and `SnapStart` can come out is read on its own. Reported on `Properties`.
            """,
        passing: [
            """
            Resources:
              Orders:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: java21
                  Role: arn:aws:iam::123456789012:role/orders
                  Handler: orders.Handler::handleRequest
                  Code: {S3Bucket: artifacts, S3Key: orders.zip}
                  SnapStart:
                    ApplyOn: PublishedVersions
              Legacy:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: java8.al2
                  Role: arn:aws:iam::123456789012:role/orders
                  Handler: orders.Handler::handleRequest
                  Code: {S3Bucket: artifacts, S3Key: legacy.zip}
            """
        ],
        failing: [
            """
            Resources:
              Orders:
                Type: AWS::Lambda::Function
                Properties: # <-
                  Runtime: java21
                  Role: arn:aws:iam::123456789012:role/orders
                  Handler: orders.Handler::handleRequest
                  Code: {S3Bucket: artifacts, S3Key: orders.zip}
            """
        ]
    )

    /// The regions with SnapStart, as cfn-lint 1.51.0 lists them.
    static let regions: Set<String> = [
        "us-east-2", "us-east-1", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-southeast-3", "ap-south-1",
        "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ca-central-1",
        "eu-central-1", "eu-west-1", "eu-west-2", "eu-south-1", "eu-west-3", "eu-north-1", "me-south-1", "sa-east-1",
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard context.regions.allSatisfy(Self.regions.contains) else { return }
        for r in context.template.resources where r.type == "AWS::Lambda::Function" {
            guard let entry = r.node.mapValue?[entry: "Properties"], let properties = entry.value.mapValue else { continue }
            let names = (properties["Runtime"]?.ifConditions() ?? []) + (properties["SnapStart"]?.ifConditions() ?? [])
            var said: Set<String> = []
            for truth in context.scenarios(of: names) {
                guard let map = entry.value.resolved(truth)?.mapValue, let runtime = map["Runtime"]?.stringValue,
                    runtime.hasPrefix("java"), runtime != "java8", runtime != "java8.al2", Self.isUnset(map["SnapStart"]),
                    said.insert(runtime).inserted
                else { continue }
                findings.append(
                    context.finding(
                        Self.self,
                        "\(r.logicalId) runs on \(runtime) without SnapStart, which would shorten its cold starts at no cost",
                        at: properties[entry: "SnapStart"]?.keyRange ?? entry.keyRange,
                        path: ["Resources", r.logicalId, "Properties"]
                    )
                )
            }
        }
    }

    /// Whether a `SnapStart` setting is absent or empty (an empty mapping sets nothing).
    static func isUnset(_ node: Node?) -> Bool {
        guard let node else { return true }
        if let m = node.mapValue { return m.count == 0 }
        if case .null = node.value { return true }
        return false
    }
}
