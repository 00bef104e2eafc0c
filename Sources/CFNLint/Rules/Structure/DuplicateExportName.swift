import CFNModel

/// E6020: no two outputs of a template export the same name.
///
/// cfn-lint has no check for this; the id is new, in the outputs range.
struct DuplicateExportName: Rule {
    static let info = RuleInfo(
        id: "E6020",
        title: "Duplicate export name",
        description: """
            Export names are unique in an account and region: two outputs of one template \
            that export the same Name make the stack fail. Names written the same way (the \
            same string, or the same Fn::Sub text) are compared; the second and later outputs \
            get a finding at their Name.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            Outputs:
              Name:
                Value: !Ref Bucket
                Export:
                  Name: !Sub "${AWS::StackName}-name"
              Arn:
                Value: !GetAtt Bucket.Arn
                Export:
                  Name: !Sub "${AWS::StackName}-arn"
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            Outputs:
              Name:
                Value: !Ref Bucket
                Export:
                  Name: !Sub "${AWS::StackName}-bucket"
              Arn:
                Value: !GetAtt Bucket.Arn
                Export:
                  Name: !Sub "${AWS::StackName}-bucket" # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        var seen: [(output: String, name: Node)] = []
        for o in context.template.root["Outputs"]?.mapValue ?? Map() {
            guard let export = o.value["Export"]?.mapValue, let e = export[entry: "Name"] else { continue }
            if let first = seen.first(where: { $0.name.isSemanticallyEqual(to: e.value) }) {
                findings.append(
                    context.finding(
                        Self.self,
                        "output '\(o.key)' exports the same name as '\(first.output)'",
                        at: e.keyRange,
                        path: ["Outputs", o.key, "Export", "Name"]
                    )
                )
            } else {
                seen.append((o.key, e.value))
            }
        }
    }
}
