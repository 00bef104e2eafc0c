import CFNModel

/// E3012: a property value of the wrong type.
struct PropertyType: SchemaRule {
    static let info = RuleInfo(
        id: "E3012",
        title: "Property value of the wrong type",
        description: """
            A property's value is not of the type its schema gives: a list where a string is \
            expected, text where a number is. CloudFormation converts between scalars, so `"5"` is \
            a valid integer and `5` a valid string; an intrinsic function is judged by what it can \
            return (a `!Ref` to a `String` parameter fits an integer). A resource's `Properties` \
            must be a mapping, whatever the resource type (a SAM or custom resource too): text, a \
            number, a list, null or `!Ref AWS::NoValue` there is reported at `Properties`.
            """,
        passing: [
            """
            Parameters:
              Timeout:
                Type: String
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: "5"
                  VisibilityTimeout: !Ref Timeout
            """
        ],
        failing: [
            """
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  DelaySeconds: five # <-
                  QueueName: # <-
                    - a
                    - b
              Resizer:
                Type: Custom::ImageResizer
                Properties: large # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let fromSchemas = context.schemaFindings(Self.self)
        findings += fromSchemas
        let reported = Set(fromSchemas.map(\.range))
        for r in context.template.resources {
            guard let entry = r.attributes[entry: "Properties"], !reported.contains(entry.keyRange) else { continue }
            switch entry.value.value {
            case .map: continue
            case .function where !entry.value.isNoValue: continue
            default:
                findings.append(
                    context.finding(
                        Self.self,
                        "the Properties of \(r.logicalId) must be a mapping, not \(entry.value.kindDescription)",
                        at: entry.keyRange,
                        path: ["Resources", r.logicalId, "Properties"]
                    )
                )
            }
        }
    }
}
