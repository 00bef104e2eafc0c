import CFNModel

/// W1019: a variable given to `Fn::Sub` that its string never uses.
struct SubVariableUnused: Rule {
    static let info = RuleInfo(
        id: "W1019",
        title: "Fn::Sub variable not used",
        description: """
            The `[string, variables]` form of `Fn::Sub` defines variables for the string; one \
            that the string never names as `${Name}` is dead weight, and often a sign of a typo \
            in the string or a variable renamed on one side only. `${!Name}` is literal text \
            and uses nothing; spaces inside the braces (`${ Name }`) are allowed. Reported on \
            the variable's name. cfn-lint 1.51.0 lists this rule but, as it hands the check the \
            string instead of the whole list, never reports it.
            """,
        passing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Sub
                    - '${Team}-alerts-${AWS::Region}'
                    - Team: payments
            """
        ],
        failing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Sub
                    - '${Team}-alerts'
                    - Team: payments
                      Stage: prod # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        context.eachFunction { f, _, path, _ in
            guard f.name == .sub, let items = f.argument.listValue, items.count == 2, let text = items[0].stringValue,
                let variables = items[1].mapValue
            else { return }
            let used = Set(Self.names(in: text))
            for v in variables where !used.contains(v.key) {
                findings.append(
                    context.finding(
                        Self.self,
                        "Fn::Sub defines the variable '\(v.key)' but its string never uses it",
                        at: v.keyRange,
                        path: path + ["1", v.key]
                    )
                )
            }
        }
    }

    /// The names in the string's `${...}`: the text between the braces without its surrounding
    /// spaces, `${!...}` (literal text) left out, each closed by the first `}`.
    static func names(in text: String) -> [String] {
        let u = Array(text.utf8)
        var out: [String] = []
        var i = 0
        while i + 1 < u.count {
            guard u[i] == UInt8(ascii: "$"), u[i + 1] == UInt8(ascii: "{") else {
                i += 1
                continue
            }
            var j = i + 2
            while j < u.count, isSpace(u[j]) { j += 1 }
            guard j < u.count, u[j] != UInt8(ascii: "!"), let close = u[j...].firstIndex(of: UInt8(ascii: "}")) else {
                i += 2
                continue
            }
            var end = close
            while end > j, isSpace(u[end - 1]) { end -= 1 }
            if end > j { out.append(String(decoding: u[j..<end], as: UTF8.self)) }
            i = close + 1
        }
        return out
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 32 || (b >= 9 && b <= 13) }
}
