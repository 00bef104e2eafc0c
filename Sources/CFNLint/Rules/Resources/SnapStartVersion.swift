import CFNModel

/// W2530: a Lambda function asks for SnapStart on published versions, and no version of it is
/// in the template.
struct SnapStartVersion: Rule {
    static let info = RuleInfo(
        id: "W2530",
        title: "SnapStart without a version",
        description: """
            SnapStart with ApplyOn: PublishedVersions takes its snapshot when a version of the \
            function is published; invoking $LATEST never uses it. When no AWS::Lambda::Version \
            resource of the template refers to the function (by Ref, GetAtt, Sub or DependsOn), \
            no version is published by the stack and SnapStart does nothing.
            """,
        passing: [
            """
            Resources:
              Function:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: java21
                  Role: arn:aws:iam::123456789012:role/app
                  Handler: app.Handler::handleRequest
                  Code: {S3Bucket: artifacts, S3Key: app.zip}
                  SnapStart:
                    ApplyOn: PublishedVersions
              Version:
                Type: AWS::Lambda::Version
                Properties:
                  FunctionName: !Ref Function
            """
        ],
        failing: [
            """
            Resources:
              Function:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: java21
                  Role: arn:aws:iam::123456789012:role/app
                  Handler: app.Handler::handleRequest
                  Code: {S3Bucket: artifacts, S3Key: app.zip}
                  SnapStart:
                    ApplyOn: PublishedVersions # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let graph = context.graph
        for r in context.template.resources where r.type == "AWS::Lambda::Function" {
            guard let snapStart = r.node["Properties"]?["SnapStart"] else { continue }
            var ranges: [SourceRange] = []
            for (settings, _) in snapStart.branches() {
                guard let applyOn = settings.mapValue?[entry: "ApplyOn"] else { continue }
                for (value, _) in applyOn.value.branches() where value.stringValue == "PublishedVersions" {
                    ranges.append(value.range == applyOn.value.range ? applyOn.keyRange : value.range)
                }
            }
            if ranges.isEmpty { continue }
            if let node = graph.index(of: .resource, r.logicalId),
                graph.dependents(of: node).contains(where: {
                    let v = graph.vertices[$0.from]
                    return v.kind == .resource && v.type == "AWS::Lambda::Version"
                })
            {
                continue
            }
            for range in ranges {
                findings.append(
                    context.finding(
                        Self.self,
                        "SnapStart is on for published versions of \(r.logicalId), but no AWS::Lambda::Version of it is in the template",
                        at: range
                    )
                )
            }
        }
    }
}
