import CFNModel
import CFNSchema

/// The published end-of-support dates of AWS Lambda runtimes
/// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html): when a runtime is
/// deprecated, when functions can no longer be created with it, and when they can no longer be
/// updated. Kept as data so that results depend on `--as-of`, not on the calendar.
struct RuntimeLifecycle: Sendable {
    /// The day support ended (security patches stopped).
    var deprecated: String
    /// The day creating functions on the runtime was blocked.
    var createBlocked: String
    /// The day updating functions on the runtime was blocked.
    var updateBlocked: String
    /// The runtime to move to.
    var successor: String?

    /// The dates of each runtime with an announced end of support.
    static let byRuntime: [String: RuntimeLifecycle] = [
        "dotnet6": RuntimeLifecycle(
            deprecated: "2024-12-20",
            createBlocked: "2026-06-01",
            updateBlocked: "2026-07-01",
            successor: "dotnet9"
        ),
        "dotnet8": RuntimeLifecycle(
            deprecated: "2026-11-10",
            createBlocked: "2026-12-10",
            updateBlocked: "2027-01-11",
            successor: "dotnet9"
        ),
        "dotnetcore1.0": RuntimeLifecycle(
            deprecated: "2019-06-27",
            createBlocked: "2019-06-30",
            updateBlocked: "2019-07-30",
            successor: "dotnet9"
        ),
        "dotnetcore2.0": RuntimeLifecycle(
            deprecated: "2019-05-30",
            createBlocked: "2019-04-30",
            updateBlocked: "2019-05-30",
            successor: "dotnet9"
        ),
        "dotnetcore2.1": RuntimeLifecycle(
            deprecated: "2022-01-05",
            createBlocked: "2022-01-05",
            updateBlocked: "2022-04-13",
            successor: "dotnet9"
        ),
        "dotnetcore3.1": RuntimeLifecycle(
            deprecated: "2023-04-03",
            createBlocked: "2023-04-03",
            updateBlocked: "2023-05-03",
            successor: "dotnet9"
        ),
        "go1.x": RuntimeLifecycle(
            deprecated: "2024-01-08",
            createBlocked: "2024-02-08",
            updateBlocked: "2026-07-01",
            successor: "provided.al2023"
        ),
        "java11": RuntimeLifecycle(deprecated: "2026-06-30", createBlocked: "2026-07-31", updateBlocked: "2026-08-31", successor: "java25"),
        "java17": RuntimeLifecycle(deprecated: "2026-06-30", createBlocked: "2026-07-31", updateBlocked: "2026-08-31", successor: "java25"),
        "java21": RuntimeLifecycle(deprecated: "2029-06-30", createBlocked: "2029-07-31", updateBlocked: "2029-08-31", successor: "java25"),
        "java25": RuntimeLifecycle(deprecated: "2029-06-30", createBlocked: "2029-07-31", updateBlocked: "2029-08-31", successor: nil),
        "java8": RuntimeLifecycle(deprecated: "2024-01-08", createBlocked: "2024-02-08", updateBlocked: "2026-07-01", successor: "java25"),
        "java8.al2": RuntimeLifecycle(
            deprecated: "2026-06-30",
            createBlocked: "2026-07-31",
            updateBlocked: "2026-08-31",
            successor: "java25"
        ),
        "nodejs": RuntimeLifecycle(
            deprecated: "2016-08-30",
            createBlocked: "2016-09-30",
            updateBlocked: "2016-10-31",
            successor: "nodejs24.x"
        ),
        "nodejs10.x": RuntimeLifecycle(
            deprecated: "2021-07-30",
            createBlocked: "2021-07-30",
            updateBlocked: "2022-02-14",
            successor: "nodejs24.x"
        ),
        "nodejs12.x": RuntimeLifecycle(
            deprecated: "2023-03-31",
            createBlocked: "2023-03-31",
            updateBlocked: "2023-04-30",
            successor: "nodejs24.x"
        ),
        "nodejs14.x": RuntimeLifecycle(
            deprecated: "2023-12-04",
            createBlocked: "2024-01-09",
            updateBlocked: "2026-07-01",
            successor: "nodejs24.x"
        ),
        "nodejs16.x": RuntimeLifecycle(
            deprecated: "2024-06-12",
            createBlocked: "2026-06-01",
            updateBlocked: "2026-07-01",
            successor: "nodejs24.x"
        ),
        "nodejs18.x": RuntimeLifecycle(
            deprecated: "2025-09-01",
            createBlocked: "2026-06-01",
            updateBlocked: "2026-07-01",
            successor: "nodejs24.x"
        ),
        "nodejs20.x": RuntimeLifecycle(
            deprecated: "2026-04-30",
            createBlocked: "2026-06-01",
            updateBlocked: "2026-07-01",
            successor: "nodejs24.x"
        ),
        "nodejs22.x": RuntimeLifecycle(
            deprecated: "2027-04-30",
            createBlocked: "2027-06-01",
            updateBlocked: "2027-07-01",
            successor: "nodejs24.x"
        ),
        "nodejs24.x": RuntimeLifecycle(deprecated: "2028-04-30", createBlocked: "2028-06-01", updateBlocked: "2028-07-01", successor: nil),
        "nodejs4.3": RuntimeLifecycle(
            deprecated: "2020-03-05",
            createBlocked: "2020-02-03",
            updateBlocked: "2020-03-05",
            successor: "nodejs24.x"
        ),
        "nodejs4.3-edge": RuntimeLifecycle(
            deprecated: "2020-03-05",
            createBlocked: "2019-03-31",
            updateBlocked: "2019-04-30",
            successor: "nodejs24.x"
        ),
        "nodejs6.10": RuntimeLifecycle(
            deprecated: "2019-08-12",
            createBlocked: "2019-07-12",
            updateBlocked: "2019-08-12",
            successor: "nodejs24.x"
        ),
        "nodejs8.10": RuntimeLifecycle(
            deprecated: "2020-03-06",
            createBlocked: "2020-02-04",
            updateBlocked: "2020-03-06",
            successor: "nodejs24.x"
        ),
        "provided": RuntimeLifecycle(
            deprecated: "2024-01-08",
            createBlocked: "2024-02-08",
            updateBlocked: "2026-07-01",
            successor: "provided.al2023"
        ),
        "provided.al2": RuntimeLifecycle(
            deprecated: "2026-06-30",
            createBlocked: "2026-07-31",
            updateBlocked: "2026-08-31",
            successor: "provided.al2023"
        ),
        "provided.al2023": RuntimeLifecycle(
            deprecated: "2029-06-30",
            createBlocked: "2029-07-31",
            updateBlocked: "2029-08-31",
            successor: nil
        ),
        "python2.7": RuntimeLifecycle(
            deprecated: "2021-07-15",
            createBlocked: "2021-07-15",
            updateBlocked: "2022-05-30",
            successor: "python3.14"
        ),
        "python3.10": RuntimeLifecycle(
            deprecated: "2026-06-30",
            createBlocked: "2026-07-31",
            updateBlocked: "2026-08-31",
            successor: "python3.14"
        ),
        "python3.11": RuntimeLifecycle(
            deprecated: "2026-06-30",
            createBlocked: "2026-07-31",
            updateBlocked: "2026-08-31",
            successor: "python3.14"
        ),
        "python3.12": RuntimeLifecycle(
            deprecated: "2028-10-31",
            createBlocked: "2028-11-30",
            updateBlocked: "2029-01-10",
            successor: "python3.14"
        ),
        "python3.13": RuntimeLifecycle(
            deprecated: "2029-06-30",
            createBlocked: "2029-07-31",
            updateBlocked: "2029-08-31",
            successor: "python3.14"
        ),
        "python3.14": RuntimeLifecycle(deprecated: "2029-06-30", createBlocked: "2029-07-31", updateBlocked: "2029-08-31", successor: nil),
        "python3.6": RuntimeLifecycle(
            deprecated: "2022-07-18",
            createBlocked: "2022-07-18",
            updateBlocked: "2022-08-29",
            successor: "python3.14"
        ),
        "python3.7": RuntimeLifecycle(
            deprecated: "2023-12-04",
            createBlocked: "2024-01-09",
            updateBlocked: "2026-03-09",
            successor: "python3.14"
        ),
        "python3.8": RuntimeLifecycle(
            deprecated: "2024-10-14",
            createBlocked: "2026-06-01",
            updateBlocked: "2026-07-01",
            successor: "python3.14"
        ),
        "python3.9": RuntimeLifecycle(
            deprecated: "2025-12-15",
            createBlocked: "2026-06-01",
            updateBlocked: "2026-07-01",
            successor: "python3.14"
        ),
        "ruby2.5": RuntimeLifecycle(
            deprecated: "2021-07-30",
            createBlocked: "2021-07-30",
            updateBlocked: "2022-03-31",
            successor: "ruby3.4"
        ),
        "ruby2.7": RuntimeLifecycle(
            deprecated: "2023-12-07",
            createBlocked: "2024-01-09",
            updateBlocked: "2026-07-01",
            successor: "ruby3.4"
        ),
        "ruby3.2": RuntimeLifecycle(
            deprecated: "2026-03-31",
            createBlocked: "2026-06-01",
            updateBlocked: "2026-07-01",
            successor: "ruby3.4"
        ),
        "ruby3.3": RuntimeLifecycle(
            deprecated: "2027-03-31",
            createBlocked: "2027-04-30",
            updateBlocked: "2027-05-31",
            successor: "ruby3.4"
        ),
        "ruby3.4": RuntimeLifecycle(deprecated: "2028-03-31", createBlocked: "2028-04-30", updateBlocked: "2028-05-31", successor: nil),
    ]

    /// What the dates say about a function on this runtime on `day`.
    func stage(on day: LintDate) -> Stage {
        if updateBlocked <= day.text { return .updateBlocked }
        if createBlocked <= day.text { return .createBlocked }
        if deprecated <= day.text { return .deprecated }
        return .supported
    }

    /// A runtime's stage of life on a day.
    enum Stage {
        case supported, deprecated, createBlocked, updateBlocked
    }

    /// The first runtime down the line of successors still supported on `day` that a Lambda
    /// function can name (`dotnet9` is for container images only).
    static func supportedSuccessor(of runtime: String, on day: LintDate) -> String? {
        var next = byRuntime[runtime]?.successor
        var hops = 0
        while let n = next, hops < 8 {
            if byRuntime[n].map({ $0.stage(on: day) == .supported }) ?? true, lambdaRuntimes.contains(n) { return n }
            next = byRuntime[n]?.successor
            hops += 1
        }
        return nil
    }

    /// The runtimes the bundled Lambda schema lists.
    static let lambdaRuntimes: Set<String> = {
        let runtime = SchemaStore.bundled?.schema(for: "AWS::Lambda::Function")?.properties(under: [])?.first { $0.name == "Runtime" }
        return Set(runtime?.schema.allowedValues?.compactMap(\.string) ?? [])
    }()

    /// The dates, in words.
    func summary(_ runtime: String) -> String {
        var s =
            "Lambda runtime '\(runtime)' reached end of support on \(deprecated); creating functions on it is blocked from \(createBlocked) and updating them from \(updateBlocked)"
        if let successor { s += "; move to '\(successor)'" }
        return s
    }

    /// The `Runtime` values of each `AWS::Lambda::Function` and `AWS::Serverless::Function`
    /// (in a template with the SAM transform; both branches of a `Fn::If`), with where to report them: the value, or for a SAM
    /// function (whose runtime may come from `Globals`), the function's logical id.
    /// Reports, as `rule`, every function whose runtime is at `stage` on the lint's day.
    static func report<R: Rule>(_ rule: R.Type, at stage: Stage, _ context: LintContext, into findings: inout [Finding]) {
        for (node, range, resource) in runtimes(context.template) {
            guard let runtime = node.stringValue, let dates = byRuntime[runtime], dates.stage(on: context.asOf) == stage else { continue }
            var f = context.finding(rule, dates.summary(runtime), at: range, path: ["Resources", resource, "Properties", "Runtime"])
            if let next = supportedSuccessor(of: runtime, on: context.asOf) {
                // Code written for one runtime may not run on the next: a person tests it.
                f.fix = context.fix("move to \(next)", .unsafe) { $0.replaceScalar(node, with: next) }
            }
            findings.append(f)
        }
    }

    static func runtimes(_ template: Template) -> [(node: Node, range: SourceRange, resource: String)] {
        var out: [(Node, SourceRange, String)] = []
        let globalRuntime = template.root["Globals"]?["Function"]?["Runtime"]
        // SAM functions are Lambda functions only once the SAM transform has run.
        let sam = template.transforms.contains("AWS::Serverless-2016-10-31")
        for r in template.resources {
            switch r.type {
            case "AWS::Lambda::Function":
                guard let runtime = r.node["Properties"]?["Runtime"] else { continue }
                collect(runtime, nil, r.logicalId, &out)
            case "AWS::Serverless::Function" where sam:
                // The transform writes the Lambda function: findings go to the SAM resource.
                if let runtime = r.node["Properties"]?["Runtime"] ?? globalRuntime {
                    collect(runtime, r.idRange, r.logicalId, &out)
                }
            default:
                continue
            }
        }
        return out
    }

    private static func collect(_ node: Node, _ at: SourceRange?, _ resource: String, _ out: inout [(Node, SourceRange, String)]) {
        if node.stringValue != nil {
            out.append((node, at ?? node.range, resource))
        } else if let f = node.functionValue, f.name == .if, let items = f.argument.listValue, items.count == 3 {
            collect(items[1], at, resource, &out)
            collect(items[2], at, resource, &out)
        }
    }
}
