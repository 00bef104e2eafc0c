import CFNModel

/// E3027: an EventBridge rule's `ScheduleExpression` is not a valid `rate()` or `cron()`.
struct ScheduleExpressionFormat: Rule {
    static let info = RuleInfo(
        id: "E3027",
        title: "EventBridge schedule expression is malformed",
        description: """
            The `ScheduleExpression` of an `AWS::Events::Rule` is `rate(Value Unit)` or \
            `cron(Minutes Hours Day-of-month Month Day-of-week Year)`. A rate's value is a \
            positive whole number, and its unit is `minute`, `hour` or `day` for 1, and \
            `minutes`, `hours` or `days` above; the words are separated by one space. A cron \
            expression has six fields separated by single spaces, and one of Day-of-month and \
            Day-of-week must be `?`. Each branch of a `Fn::If` is checked; values from other \
            functions are not.
            """,
        passing: [
            """
            Resources:
              Nightly:
                Type: AWS::Events::Rule
                Properties:
                  ScheduleExpression: cron(0 3 ? * MON-FRI *)
              Poll:
                Type: AWS::Events::Rule
                Properties:
                  ScheduleExpression: rate(5 minutes)
            """
        ],
        failing: [
            """
            Resources:
              Nightly:
                Type: AWS::Events::Rule
                Properties:
                  ScheduleExpression: cron(0 3 * * MON-FRI *) # <-
              Poll:
                Type: AWS::Events::Rule
                Properties:
                  ScheduleExpression: rate(1 minutes) # <-
              Daily:
                Type: AWS::Events::Rule
                Properties:
                  ScheduleExpression: every day # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources where r.type == "AWS::Events::Rule" {
            guard let entry = r.node["Properties"]?.mapValue?[entry: "ScheduleExpression"] else { continue }
            let viaIf = entry.value.functionValue?.name == .if
            for (value, _) in entry.value.branches() {
                guard let text = value.stringValue else { continue }
                let at = viaIf ? value.range : entry.keyRange
                for problem in Self.problems(text) {
                    findings.append(
                        context.finding(Self.self, problem, at: at, path: ["Resources", r.logicalId, "Properties", "ScheduleExpression"])
                    )
                }
            }
        }
    }

    /// What is wrong with an expression, one sentence a problem (cfn-lint's checks, in its order).
    static func problems(_ text: String) -> [String] {
        let isRate = text.hasPrefix("rate(") && text.hasSuffix(")")
        let isCron = text.hasPrefix("cron(") && text.hasSuffix(")")
        guard isRate || isCron else { return ["'\(text)' is neither rate(...) nor cron(...)"] }
        // Between the first '(' and the first ')'.
        let afterOpen = text[text.index(after: text.firstIndex(of: "(")!)...]
        let inner = String(afterOpen[..<(afterOpen.firstIndex(of: ")") ?? afterOpen.endIndex)])
        if inner.isEmpty { return ["\(isRate ? "rate" : "cron")() is empty"] }
        let items = inner.split(separator: " ", omittingEmptySubsequences: false)
        if isCron {
            guard items.count == 6 else {
                return [
                    "cron(\(inner)) has \(items.count) fields; a cron expression has six (Minutes Hours Day-of-month Month Day-of-week Year)"
                ]
            }
            if items[2] != "?" && items[4] != "?" {
                return ["cron(\(inner)) gives both a Day-of-month and a Day-of-week; one of them must be '?'"]
            }
            return []
        }
        guard items.count == 2 else { return ["rate(\(inner)) is not 'rate(Value Unit)', one space between them"] }
        guard !items[0].isEmpty, items[0].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), let value = Double(items[0]) else {
            return ["the value of rate(\(inner)) must be a whole number"]
        }
        var out: [String] = []
        if value <= 0 { out.append("the value of rate(\(inner)) must be above 0") }
        let units = value <= 1 ? ["minute", "hour", "day"] : ["minutes", "hours", "days"]
        if !units.contains(String(items[1])) {
            out.append("the unit of rate(\(inner)) must be one of \(units.joined(separator: ", "))")
        }
        return out
    }
}
