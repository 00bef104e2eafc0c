import CFNModel

/// E1004: the template's `Description` is a string.
struct DescriptionType: Rule {
    static let info = RuleInfo(
        id: "E1004",
        title: "Template description is not a string",
        description: """
            The template's `Description` is free text: CloudFormation rejects a list, a mapping or a \
            null there (other scalars are read as text). (Its length is checked by E1003.)
            """,
        passing: [
            """
            Description: Queues of the order service
            Resources:
              Queue:
                Type: AWS::SQS::Queue
            """
        ],
        failing: [
            """
            Description: # <-
              - Queues of the order service
            Resources:
              Queue:
                Type: AWS::SQS::Queue
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let e = context.template.root[entry: "Description"] else { return }
        switch e.value.value {
        case .list, .map, .null: break
        default: return  // scalars read as text
        }
        findings.append(
            context.finding(DescriptionType.self, "The template's Description must be a string", at: e.keyRange, path: ["Description"])
        )
    }
}
