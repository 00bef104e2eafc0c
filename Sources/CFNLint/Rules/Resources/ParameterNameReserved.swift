import CFNModel

/// W3701: an SSM parameter name in the namespace AWS keeps for itself (`aws...`, `ssm...`), or
/// not of the shape SSM recommends.
struct ParameterNameReserved: Rule {
    static let info = RuleInfo(
        id: "W3701",
        title: "SSM parameter name reserved or not recommended",
        description: """
            Parameter Store keeps names that begin with `aws` or `ssm` (any case, with or \
            without a leading `/`: `/aws/service/...`, `ssm-config`) for AWS's own parameters; \
            most accounts cannot create them. The rule also asks for the shape SSM recommends: \
            a plain name of letters, digits, `_`, `.` and `-` (`app-config`), or a path of such \
            names after a leading `/` (`/app/prod/db-host`), with no empty level and nothing \
            else (no spaces, no trailing `/`). Only the first level is tested for the reserved \
            prefix: `/app/aws/key` is fine. A name that is a function is not judged; each branch \
            of a `Fn::If` is.
            """,
        passing: [
            """
            Resources:
              Host:
                Type: AWS::SSM::Parameter
                Properties:
                  Name: /orders/prod/aws-endpoint
                  Type: String
                  Value: db.internal
              Flag:
                Type: AWS::SSM::Parameter
                Properties:
                  Name: feature.flag-1
                  Type: String
                  Value: "on"
            """
        ],
        failing: [
            """
            Resources:
              Host:
                Type: AWS::SSM::Parameter
                Properties:
                  Name: /aws/orders/host # <-
                  Type: String
                  Value: db.internal
              Flag:
                Type: AWS::SSM::Parameter
                Properties:
                  Name: SSMFlag # <-
                  Type: String
                  Value: "on"
              Spaced:
                Type: AWS::SSM::Parameter
                Properties:
                  Name: orders host # <-
                  Type: String
                  Value: db.internal
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for (r, value, at) in context.propertyValues(["AWS::SSM::Parameter": [["Name"]]]) {
            guard let name = value.stringValue, !Self.recommended(name) else { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "\(r.logicalId): parameter name '\(name)' is not a recommended one: names starting with 'aws' or 'ssm' are reserved for AWS, and a name is letters, digits, '_', '.', '-' in levels after one leading '/'",
                    at: at
                )
            )
        }
    }

    /// Whether `name` is a plain name or a `/`-path of such names whose first level does not
    /// start with `aws` or `ssm` (any case).
    static func recommended(_ name: String) -> Bool {
        // A regular expression's `$` also matches before one final newline.
        var text = Substring(name)
        if text.hasSuffix("\n") { text = text.dropLast() }
        let isPath = text.hasPrefix("/")
        if isPath { text = text.dropFirst() }
        let levels = text.split(separator: "/", omittingEmptySubsequences: false)
        guard let first = levels.first, isPath || levels.count == 1 else { return false }
        let head = first.prefix(3).lowercased()
        guard head != "aws", head != "ssm" else { return false }
        return levels.allSatisfy { level in !level.isEmpty && level.unicodeScalars.allSatisfy(isNameScalar) }
    }

    /// A word character (a letter, a mark, a decimal digit, a connector such as `_`), `.` or `-`.
    static func isNameScalar(_ s: Unicode.Scalar) -> Bool {
        if s == "." || s == "-" { return true }
        let p = s.properties
        if p.isAlphabetic || p.isJoinControl { return true }
        switch p.generalCategory {
        case .decimalNumber, .connectorPunctuation, .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }
}
