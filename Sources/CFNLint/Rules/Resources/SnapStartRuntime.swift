import CFNModel

/// E2530: a Lambda function with SnapStart on a runtime or in a region that has none.
struct SnapStartRuntime: Rule {
    static let info = RuleInfo(
        id: "E2530",
        title: "SnapStart on an unsupported runtime or region",
        description: """
            `SnapStart: {ApplyOn: PublishedVersions}` on an `AWS::Lambda::Function` needs a \
            runtime that has it: Java 11 and later (`java11`, `java17`, `java21`, ...), Python \
            3.12 and later, .NET 8 and later; not `java8`, `java8.al2`, `python3.7` to \
            `python3.11`, `dotnet5.0` to `dotnet7`, `dotnetcore*`, nor any other language. It is \
            also offered in some regions only: a region of `--regions` without it is named. \
            Lambda refuses such a function. Each branch of a `Fn::If` on `Runtime` or \
            `SnapStart` is read, the branches of one condition together.
            """,
        passing: [
            """
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/worker
                  Code: {S3Bucket: artifacts, S3Key: worker.jar}
                  Handler: example.Handler::handleRequest
                  Runtime: java21
                  SnapStart:
                    ApplyOn: PublishedVersions
            """
        ],
        failing: [
            """
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Role: arn:aws:iam::123456789012:role/worker
                  Code: {S3Bucket: artifacts, S3Key: worker.zip}
                  Handler: index.handler
                  Runtime: nodejs22.x
                  SnapStart:
                    ApplyOn: PublishedVersions # <-
            """
        ]
    )

    /// The regions that offer SnapStart (cfn-lint 1.51.0's list).
    static let regions: Set<String> = [
        "us-east-2", "us-east-1", "us-west-1", "us-west-2", "af-south-1", "ap-east-1", "ap-southeast-3", "ap-south-1",
        "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ca-central-1",
        "eu-central-1", "eu-west-1", "eu-west-2", "eu-south-1", "eu-west-3", "eu-north-1", "me-south-1", "sa-east-1",
    ]

    /// The runtimes of the languages with SnapStart that have it not.
    static let older: Set<String> = [
        "dotnet5.0", "dotnet6", "dotnet7", "java8.al2", "java8", "python3.10", "python3.11", "python3.7", "python3.8", "python3.9",
    ]

    static func supports(_ runtime: String) -> Bool {
        guard ["python", "java", "dotnet"].contains(where: { runtime.hasPrefix($0) }), !runtime.hasPrefix("dotnetcore") else {
            return false
        }
        return !older.contains(runtime)
    }

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let missing = context.regions.filter { !Self.regions.contains($0) }
        for (r, value, _) in context.propertyValues(["AWS::Lambda::Function": [[]]]) {
            guard let properties = value.mapValue, let snapStart = properties[entry: "SnapStart"] else { continue }
            let runtimes = properties["Runtime"]?.branches() ?? [(Node(.null), [])]
            for (setting, when) in snapStart.value.branches() {
                guard let applyOn = setting.mapValue?[entry: "ApplyOn"], applyOn.value.stringValue == "PublishedVersions" else { continue }
                // A SnapStart written as a Fn::If has no ApplyOn of its own to point at.
                let at = snapStart.value.functionValue == nil ? applyOn.keyRange : snapStart.keyRange
                let path = ["Resources", r.logicalId, "Properties", "SnapStart"]
                for (runtime, whenRuntime) in runtimes where !CertificateValidationDomain.contradict(when, whenRuntime) {
                    if !missing.isEmpty {
                        let names = missing.map { "'\($0)'" }.joined(separator: ", ")
                        findings.append(
                            context.finding(Self.self, "\(r.logicalId): SnapStart is not offered in \(names)", at: at, path: path)
                        )
                    }
                    guard let name = runtime.stringValue, !Self.supports(name) else { continue }
                    findings.append(context.finding(Self.self, "\(r.logicalId): runtime '\(name)' has no SnapStart", at: at, path: path))
                }
            }
        }
    }
}
