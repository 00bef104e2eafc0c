import CFNModel
import CFNSchema

/// E3006: a resource type that does not exist, or not in every region the template is linted for.
struct ResourceTypeExists: Rule {
    static let info = RuleInfo(
        id: "E3006",
        title: "Unknown resource type",
        description: """
            The resource type is not one AWS publishes a schema for, or one of the regions given \
            with `--regions` (default: `AWS_REGION`, else us-east-1) does not offer it. Custom \
            resources (`Custom::`), modules (`::MODULE`) and SAM's types under the SAM transform \
            are not checked here, and neither is a resource whose logical id is not one (E3001 \
            reports the id; cfn-lint validates nothing under it, and nor do the schema rules). A \
            SAM type in a template without the transform is reported as needing it (with E3038), \
            not as a misspelling.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
              Report:
                Type: Custom::Report
                Properties:
                  ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:report
              Old-Bucket:
                Type: AWS::S3::Buckets
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Buckets # <-
            """,
            """
            Resources:
              Handler:
                Type: AWS::Serverless::Function # <-
                Properties:
                  Runtime: python3.12
                  Handler: index.handler
                  InlineCode: "def handler(e, c): return 1"
            """,
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let store = SchemaStore.bundled else { return }
        let sam = context.template.hasServerlessTransform
        var guesses: [String: String?] = [:]  // a template often repeats its unknown type
        for entry in context.template.root["Resources"]?.mapValue ?? Map() where entry.isLogicalId {
            guard let typeEntry = entry.value[entry: "Type"], let type = typeEntry.value.stringValue else { continue }
            // SAM types are E3038's when the transform is missing.
            if SchemaCheck.isSchemaless(type), sam || !type.hasPrefix("AWS::Serverless::") { continue }
            if !store.knows(type) {
                // A SAM type outside the transform is not a misspelling: say what is missing.
                if type.hasPrefix("AWS::Serverless::") {
                    findings.append(
                        context.finding(
                            Self.self, "Resource type '\(type)' does not exist without the SAM transform (Transform: \(Template.serverlessTransform))",
                            at: typeEntry.keyRange))
                    continue
                }
                if guesses[type] == nil { guesses[type] = .some(NameMatch.closest(to: type, in: store.typeNames, limit: 1).first) }
                let guess = guesses[type]!
                findings.append(
                    context.finding(
                        Self.self,
                        "Resource type '\(type)' does not exist" + (guess.map { "; did you mean '\($0)'?" } ?? ""),
                        at: typeEntry.keyRange
                    )
                )
                continue
            }
            for region in context.regions where !store.isAvailable(type, in: region) {
                findings.append(context.finding(Self.self, "Resource type '\(type)' does not exist in '\(region)'", at: typeEntry.keyRange))
            }
        }
    }
}
