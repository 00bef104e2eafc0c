import CFNModel

/// W2533: a Lambda function deployed from a .zip archive without its Handler or Runtime.
struct ZipFunctionHandler: Rule {
    static let info = RuleInfo(
        id: "W2533",
        title: "Zip Lambda function without Handler or Runtime",
        description: """
            A function whose code is a .zip archive (`PackageType: Zip`, or `Code` with a \
            `ZipFile` or an `S3Key`) needs a `Handler` and a `Runtime`: only a container image \
            carries its own. Each way the `Fn::If`s of these properties can go is checked. \
            Reported on `PackageType`, or on `Code` when the package type is not written.
            """,
        passing: [
            """
            Resources:
              Resize:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/resize
                  Runtime: python3.13
                  Handler: resize.handler
                  Code:
                    S3Bucket: artifacts
                    S3Key: resize.zip
              Render:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/render
                  PackageType: Image
                  Code:
                    ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/render:1
            """
        ],
        failing: [
            """
            Resources:
              Resize:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/resize
                  Runtime: python3.13
                  Code: # <-
                    ZipFile: "def handler(event, context): pass"
              Render:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/render
                  PackageType: Zip # <-
                  Code:
                    S3Bucket: artifacts
                    S3Key: render.zip
            """
        ]
    )

    static let decisive: Set<String> = ["PackageType", "Code", "Handler", "Runtime"]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources where r.type == "AWS::Lambda::Function" {
            guard let properties = r.node["Properties"]?.mapValue else { continue }
            var reported: Set<String> = []
            for scenario in Self.scenarios(properties, context) {
                let anchor: Map.Entry
                if let p = scenario[entry: "PackageType"], p.value.stringValue == "Zip" {
                    anchor = p
                } else if let c = scenario[entry: "Code"], let code = c.value.mapValue,
                    Self.isSet(code["ZipFile"]) || Self.isSet(code["S3Key"])
                {
                    anchor = c
                } else {
                    continue
                }
                let missing = ["Handler", "Runtime"].filter { scenario[$0] == nil || scenario[$0]?.isNull == true }
                guard !missing.isEmpty, reported.insert(anchor.key + missing.joined()).inserted else { continue }
                findings.append(
                    context.finding(
                        Self.self,
                        "\(r.logicalId) is deployed from a .zip archive but has no \(missing.joined(separator: " or ")): a zip function needs both",
                        at: anchor.keyRange,
                        path: ["Resources", r.logicalId, "Properties", anchor.key]
                    )
                )
            }
        }
    }

    /// Whether a value counts as given (cfn-lint reads an empty string as not).
    static func isSet(_ node: Node?) -> Bool {
        guard let node, !node.isNull, !node.isNoValue else { return false }
        return node.stringValue != ""
    }

    /// The properties as each combination of the conditions of their `Fn::If`s (in the
    /// properties that decide the check) that can hold together makes them: the chosen branch in
    /// place of each `Fn::If`, `!Ref AWS::NoValue` left out.
    static func scenarios(_ properties: Map, _ context: LintContext) -> [Map] {
        let decisiveValues = Node(.map(Map(properties.entries.filter { decisive.contains($0.key) })))
        let names = decisiveValues.ifConditions()
        if names.isEmpty { return [properties] }
        return context.scenarios(of: names).map { truth in
            Map(
                properties.entries.compactMap { e in
                    guard decisive.contains(e.key) else { return e }
                    return e.value.resolved(truth).map { v in
                        var kept = e
                        kept.value = v
                        return kept
                    }
                }
            )
        }
    }
}
