import CFNModel

/// E6102: an output's `Export.Name` is a string (or a function giving one).
struct OutputExportName: Rule {
    static let info = RuleInfo(
        id: "E6102",
        title: "Export name is a string",
        description: """
            Other stacks import an output by its Export Name, which is a string: written out, \
            or given by a function such as Fn::Sub. A list or a mapping cannot name an export.
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
                  Name: !Sub "${AWS::StackName}-bucket"
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
                  Name: [bucket] # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for o in context.template.root["Outputs"]?.mapValue ?? Map() {
            guard let export = o.value["Export"]?.mapValue, let e = export[entry: "Name"] else { continue }
            switch e.value.value {
            case .list, .map, .null:
                findings.append(
                    context.finding(
                        Self.self,
                        "the Export Name of '\(o.key)' must be a string, not \(e.value.kindDescription)",
                        at: e.keyRange,
                        path: ["Outputs", o.key, "Export", "Name"]
                    )
                )
            case .function(let f) where f.name == .getStackOutput:
                // Not among the functions cfn-lint takes in an export's name.
                findings.append(
                    context.finding(
                        Self.self,
                        "the Export Name of '\(o.key)' cannot be a Fn::GetStackOutput",
                        at: e.keyRange,
                        path: ["Outputs", o.key, "Export", "Name"]
                    )
                )
            default:
                break
            }
        }
    }
}
