import CFNModel

/// E2011: a parameter's name or one of its texts is longer than CloudFormation takes.
struct ParameterLengths: Rule {
    static let info = RuleInfo(
        id: "E2011",
        title: "Parameter name or text too long",
        description: """
            CloudFormation takes a parameter name of at most 255 characters, a `Default` and \
            each `AllowedValues` entry of at most 4,096, and a `Description` of at most 4,000. \
            Longer ones fail when the stack is created. Numbers and values given by functions \
            are not measured.
            """,
        passing: [
            """
            Parameters:
              Stage:
                Type: String
                Description: the deployment stage
                Default: prod
                AllowedValues: [dev, prod]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Ref Stage
            """
        ],
        failing: [
            """
            Parameters:
              \(String(repeating: "Stage", count: 52)): # <-
                Type: String
              Banner:
                Type: String
                Default: \(String(repeating: "x", count: 4097)) # <-
            Resources:
              Topic:
                Type: AWS::SNS::Topic
            """
        ]
    )

    static let maxName = 255
    /// The longest text of each attribute measured.
    static let maxText: [String: Int] = ["Default": 4096, "Description": 4000]
    static let maxAllowedValue = 4096

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for p in context.template.parameters {
            let path = ["Parameters", p.name]
            let nameLength = p.name.unicodeScalars.count
            if nameLength > Self.maxName {
                findings.append(
                    context.finding(
                        Self.self,
                        "parameter name is \(nameLength) characters; CloudFormation takes at most \(Self.maxName)",
                        at: p.nameRange,
                        path: path
                    )
                )
            }
            // The attributes are read only of a parameter whose name is letters and digits
            // (another name is E2001's), as cfn-lint does.
            guard p.name.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) }),
                let attributes = p.node.mapValue
            else { continue }
            for e in attributes {
                if let limit = Self.maxText[e.key], let s = e.value.stringValue, s.unicodeScalars.count > limit {
                    findings.append(
                        context.finding(
                            Self.self,
                            "\(e.key) of parameter '\(p.name)' is \(s.unicodeScalars.count) characters; at most \(limit)",
                            at: e.keyRange,
                            path: path + [e.key]
                        )
                    )
                } else if e.key == "AllowedValues", let items = e.value.listValue {
                    for item in items {
                        guard let s = item.stringValue, s.unicodeScalars.count > Self.maxAllowedValue else { continue }
                        findings.append(
                            context.finding(
                                Self.self,
                                "an allowed value of parameter '\(p.name)' is \(s.unicodeScalars.count) characters; at most \(Self.maxAllowedValue)",
                                at: item.range,
                                path: path + [e.key]
                            )
                        )
                    }
                }
            }
        }
    }
}
