import CFNModel

/// E8001: every condition is one condition function (or a boolean), under a valid name.
struct ConditionConfiguration: Rule {
    static let info = RuleInfo(
        id: "E8001",
        title: "Condition shape",
        description: """
            Conditions is a mapping of names (letters, digits, `&` and `_`, up to 255 characters) \
            to conditions. A condition is one condition function: Fn::Equals, Fn::And, Fn::Or, \
            Fn::Not or Condition (or a plain true or false). A string, a mapping with several \
            functions, or an unknown function is not a condition.
            """,
        passing: [
            """
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsNotProd: !Not [!Condition IsProd]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Condition: IsNotProd
            """
        ],
        failing: [
            """
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: prod # <-
              Both: # <-
                Fn::Equals: [!Ref Env, prod]
                Fn::Not: [!Equals [!Ref Env, prod]]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let section = context.template.root[entry: "Conditions"] else { return }
        if section.value.mapValue == nil {
            findings.append(
                context.finding(
                    Self.self,
                    "Conditions must be a mapping of names to conditions, not \(section.value.kindDescription)",
                    at: section.keyRange,
                    path: ["Conditions"]
                )
            )
            return
        }
        for c in context.template.conditions {
            let path = ["Conditions", c.name]
            if !Self.isValidName(c.name) {
                findings.append(
                    context.finding(
                        Self.self,
                        "condition name '\(c.name)' may only have letters, digits, '&' and '_' (at most 255)",
                        at: c.nameRange,
                        path: path
                    )
                )
                continue
            }
            if !ConditionFunctionSite.isBoolean(c.expression) {
                findings.append(
                    context.finding(
                        Self.self,
                        "condition '\(c.name)' must be one condition function, not \(c.expression.kindDescription)",
                        at: c.nameRange,
                        path: path
                    )
                )
            }
        }
    }

    static func isValidName(_ s: String) -> Bool {
        s.utf8.count >= 1 && s.utf8.count <= 255
            && s.utf8.allSatisfy {
                ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 38 || $0 == 95
            }
    }
}
