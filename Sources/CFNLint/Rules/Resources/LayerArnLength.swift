import CFNModel

/// E3716: a Lambda layer version ARN longer than Lambda accepts in a region.
struct LayerArnLength: Rule {
    static let info = RuleInfo(
        id: "E3716",
        title: "Lambda layer ARN too long",
        description: """
            Lambda accepts a layer version ARN in a function's `Layers` of at most 176 \
            characters plus the lengths of the region and of its partition's name (`aws`, \
            `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, `aws-iso-e`, `aws-iso-f`): 188 in \
            `us-east-1`. Longer ones fail to deploy. Checked once for each region of \
            `--regions`, each region over the limit a finding; an ARN that is a function is not \
            judged, each branch of a `Fn::If` is.
            """,
        passing: [
            """
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.13
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/worker
                  Code:
                    ZipFile: "def handler(event, context): pass"
                  Layers:
                    - arn:aws:lambda:us-east-1:123456789012:layer:shared-libs:3
            """
        ],
        failing: [
            """
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.13
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/worker
                  Code:
                    ZipFile: "def handler(event, context): pass"
                  Layers:
                    - arn:aws:lambda:us-east-1:123456789012:layer:\(String(repeating: "x", count: 150)):3 # <-
            """
        ]
    )

    /// The partition a region belongs to, told by its name.
    static func partition(_ region: String) -> String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        if region.hasPrefix("us-iso-") || region.hasPrefix("us-isof-") { return "aws-iso" }
        if region.hasPrefix("us-isob-") { return "aws-iso-b" }
        if region.hasPrefix("eu-isoe-") { return "aws-iso-e" }
        if region.hasPrefix("eusc-") { return "aws-iso-f" }
        return "aws"
    }

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let regions = context.regions.isEmpty ? [context.schemaRegion] : context.regions
        for (r, value, at) in context.propertyValues(["AWS::Lambda::Function": [["Layers", "*"]]]) {
            guard let arn = value.stringValue else { continue }
            let length = arn.unicodeScalars.count
            for region in regions {
                let limit = 176 + Self.partition(region).count + region.count
                guard length > limit else { continue }
                findings.append(
                    context.finding(
                        Self.self,
                        "\(r.logicalId): layer ARN of \(length) characters is longer than the \(limit) Lambda accepts in \(region)",
                        at: at
                    )
                )
            }
        }
    }
}
