import CFNModel

/// E6003: an output is a mapping whose `Description` and `Condition` are strings and whose
/// `Export` is a mapping.
struct OutputTypes: Rule {
    static let info = RuleInfo(
        id: "E6003",
        title: "Output attribute kinds",
        description: """
            Outputs is a mapping, and each output is a mapping; its Description and Condition \
            are strings, and its Export is a mapping with a Name.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            Outputs:
              BucketName:
                Description: the bucket
                Value: !Ref Bucket
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            Outputs:
              BucketName:
                Value: !Ref Bucket
                Description: [the, bucket] # <-
                Export: bucket-name # <-
              Other: text # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let section = context.template.root[entry: "Outputs"] else { return }
        guard let outputs = section.value.mapValue else {
            findings.append(
                context.finding(
                    Self.self,
                    "Outputs must be a mapping, not \(section.value.kindDescription)",
                    at: section.keyRange,
                    path: ["Outputs"]
                )
            )
            return
        }
        for o in outputs {
            guard isAlphanumeric(o.key) else { continue }
            let path = ["Outputs", o.key]
            guard let output = o.value.mapValue else {
                findings.append(
                    context.finding(
                        Self.self,
                        "output '\(o.key)' must be a mapping, not \(o.value.kindDescription)",
                        at: o.keyRange,
                        path: path
                    )
                )
                continue
            }
            for e in output {
                let ok: Bool
                switch e.key {
                case "Description", "Condition": ok = CloudFormationType.string.accepts(e.value)
                case "Export": ok = e.value.mapValue != nil
                default: continue
                }
                if !ok {
                    let wanted = e.key == "Export" ? "a mapping" : "a string"
                    findings.append(
                        context.finding(
                            Self.self,
                            "\(e.key) must be \(wanted), not \(e.value.kindDescription)",
                            at: e.keyRange,
                            path: path + [e.key]
                        )
                    )
                }
            }
        }
    }
}
