import CFNModel

/// E2015: a parameter's `Default` satisfies its own constraints.
struct ParameterDefault: Rule {
    static let info = RuleInfo(
        id: "E2015",
        title: "Parameter default within its constraints",
        description: """
            A parameter's Default must be one of its AllowedValues, match its AllowedPattern, \
            lie between MinValue and MaxValue and have a length between MinLength and \
            MaxLength; otherwise a deploy that keeps the default fails. For list types \
            (CommaDelimitedList, List<...>) each comma-separated item is checked.
            """,
        passing: [
            """
            Parameters:
              Env:
                Type: String
                Default: dev
                AllowedValues: [dev, prod]
                AllowedPattern: "[a-z]+"
              Size:
                Type: Number
                Default: 5
                MinValue: 1
                MaxValue: 10
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${Env}-${Size}"
            """
        ],
        failing: [
            """
            Parameters:
              Env:
                Type: String
                Default: test # <-
                AllowedValues: [dev, prod]
              Size:
                Type: Number
                Default: 50 # <-
                MaxValue: 10
              Name:
                Type: String
                Default: abc # <-
                MaxLength: 2
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${Env}-${Size}-${Name}"
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for p in context.template.root["Parameters"]?.mapValue ?? Map() {
            guard let parameter = p.value.mapValue, let type = parameter["Type"]?.stringValue,
                let d = parameter[entry: "Default"], let text = d.value.scalarText
            else { continue }
            let isList =
                type == "CommaDelimitedList" || type.hasPrefix("List<") || type.hasPrefix("AWS::SSM::Parameter::Value<List<")
                || type == "AWS::SSM::Parameter::Value<CommaDelimitedList>"
            var problems: [String]
            if isList {
                // As cfn-lint: items are checked, and reported when the whole default fails too.
                let items = text.split(separator: ",", omittingEmptySubsequences: false).map { trim(String($0)) }
                let itemProblems = items.flatMap { self.problems(Node(.string($0)), $0, parameter) }
                problems = []
                if !itemProblems.isEmpty {
                    let whole = self.problems(d.value, text, parameter)
                    if !whole.isEmpty { problems = whole + itemProblems }
                }
            } else {
                problems = self.problems(d.value, text, parameter)
            }
            for message in problems {
                findings.append(
                    context.finding(
                        Self.self,
                        "Default of parameter '\(p.key)': \(message)",
                        at: d.keyRange,
                        path: ["Parameters", p.key, "Default"]
                    )
                )
            }
        }
    }

    private func trim(_ s: String) -> String {
        var t = Substring(s)
        while t.first?.isWhitespace == true { t = t.dropFirst() }
        while t.last?.isWhitespace == true { t = t.dropLast() }
        return String(t)
    }

    private func problems(_ value: Node, _ text: String, _ parameter: Map) -> [String] {
        var out: [String] = []
        // The template's own pattern is untrusted: it runs on the linear-time matcher, never on a
        // backtracking engine (`^(a+)+$` against a long Default must not hang the linter). What
        // the matcher cannot take is reported by I2016 as not checked.
        if let pattern = parameter["AllowedPattern"]?.stringValue, !pattern.isEmpty,
            let compiled = try? Pattern(pattern), !compiled.matchesPrefix(text)
        {
            out.append("'\(text)' does not match AllowedPattern \(pattern)")
        }
        // Integers only, as cfn-lint compares them (a MinValue of 0 is not checked).
        if let number = value.numberValue?.intValue {
            if let min = parameter["MinValue"]?.numberValue?.intValue, min != 0, number < min {
                out.append("\(number) is below MinValue \(min)")
            }
            if let max = parameter["MaxValue"]?.numberValue?.intValue, number > max {
                out.append("\(number) is above MaxValue \(max)")
            }
        }
        if let allowed = parameter["AllowedValues"]?.listValue, !allowed.isEmpty,
            !allowed.contains(where: { $0.scalarText == text })
        {
            out.append("'\(text)' is not one of its AllowedValues")
        }
        if let min = parameter["MinLength"]?.numberValue?.intValue, text.count < min {
            out.append("'\(text)' is shorter than MinLength \(min)")
        }
        if let max = parameter["MaxLength"]?.numberValue?.intValue, text.count > max {
            out.append("'\(text)' is longer than MaxLength \(max)")
        }
        return out
    }
}
