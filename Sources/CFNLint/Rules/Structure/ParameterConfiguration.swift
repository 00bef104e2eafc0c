import CFNModel

/// E2001: every parameter is a mapping with a `Type` and only the keys its type takes, each of
/// the right kind.
struct ParameterConfiguration: Rule {
    static let info = RuleInfo(
        id: "E2001",
        title: "Parameter shape",
        description: """
            Parameters is a mapping of names (ASCII letters and digits) to parameters. A parameter \
            is a mapping with a Type and, at most, Default, AllowedValues (a list), \
            AllowedPattern, ConstraintDescription, Description, NoEcho (a boolean), and: \
            MinValue and MaxValue (numbers) for a Number; MinLength and MaxLength (integers) \
            and AllowedPattern for the other types. A Default or an allowed value is a \
            string (or a number), not a list or a mapping.
            """,
        passing: [
            """
            Parameters:
              Env:
                Type: String
                Default: dev
                AllowedValues: [dev, prod]
                MaxLength: 4
              Size:
                Type: Number
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
                AllowedValues: dev # <-
                MinValue: 1 # <-
                NoEcho: 123 # <-
              Size:
                Type: Number
                MaxLength: 4 # <-
              NoType: # <-
                Default: x
                Sensitive: true # <-
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ],
        fixes: [
            FixExample(
                before: """
                    Parameters:
                      Env:
                        Type: String
                        default: dev
                        AllowedValue: [dev, prod]
                    Resources:
                      Topic:
                        Type: AWS::SNS::Topic
                        Properties:
                          TopicName: !Ref Env
                    """,
                after: """
                    Parameters:
                      Env:
                        Type: String
                        Default: dev
                        AllowedValues: [dev, prod]
                    Resources:
                      Topic:
                        Type: AWS::SNS::Topic
                        Properties:
                          TopicName: !Ref Env
                    """,
                safety: .unsafe
            )
        ]
    )

    static let common: [String: CloudFormationType] = [
        "Type": .string, "Default": .string, "AllowedValues": .array, "ConstraintDescription": .string,
        "Description": .string, "NoEcho": .boolean,
    ]
    static let numberOnly: [String: CloudFormationType] = ["MaxValue": .number, "MinValue": .number]
    static let otherOnly: [String: CloudFormationType] = [
        "AllowedPattern": .string, "MaxLength": .integer, "MinLength": .integer,
    ]

    /// Every attribute a parameter may have, in a fixed order.
    static let attributeNames: [String] = (Array(common.keys) + Array(numberOnly.keys) + Array(otherOnly.keys)).sorted()

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard let section = context.template.root[entry: "Parameters"] else { return }
        guard let parameters = section.value.mapValue else {
            findings.append(
                context.finding(
                    Self.self,
                    "Parameters must be a mapping, not \(section.value.kindDescription)",
                    at: section.keyRange,
                    path: ["Parameters"]
                )
            )
            return
        }
        for p in parameters {
            let path = ["Parameters", p.key]
            if !isAlphanumeric(p.key) {
                findings.append(
                    context.finding(
                        Self.self,
                        "parameter name '\(p.key)' may only have letters and digits",
                        at: p.keyRange,
                        path: path
                    )
                )
                continue
            }
            guard let parameter = p.value.mapValue else {
                findings.append(
                    context.finding(
                        Self.self,
                        "parameter '\(p.key)' must be a mapping, not \(p.value.kindDescription)",
                        at: p.keyRange,
                        path: path
                    )
                )
                continue
            }
            let type = parameter["Type"]
            if type == nil || type?.isNull == true {
                findings.append(context.finding(Self.self, "parameter '\(p.key)' has no Type", at: p.keyRange, path: path))
            }
            let isNumber = type?.stringValue == "Number"
            let typeKnown = type.map { CloudFormationType.string.accepts($0) } ?? false
            for e in parameter {
                var expected = Self.common[e.key]
                if expected == nil { expected = Self.numberOnly[e.key] ?? Self.otherOnly[e.key] }
                guard let expected else {
                    // Two facts, as cfn-lint reports them: no parameter takes the key, nor does this type.
                    let fix = context.renameFix(e, to: Self.attributeNames, in: parameter)
                    var unknown = context.finding(
                        Self.self,
                        "'\(e.key)' is not a parameter attribute",
                        at: e.keyRange,
                        path: path + [e.key]
                    )
                    unknown.fix = fix
                    findings.append(unknown)
                    var notTaken = context.finding(
                        Self.self,
                        "'\(e.key)' is not among the attributes this parameter's type takes",
                        at: e.keyRange,
                        path: path + [e.key]
                    )
                    notTaken.fix = fix
                    findings.append(notTaken)
                    continue
                }
                if typeKnown && ((isNumber && Self.otherOnly[e.key] != nil) || (!isNumber && Self.numberOnly[e.key] != nil)) {
                    let kind = isNumber ? "a Number parameter" : "a parameter of type \(type?.scalarText ?? "")"
                    findings.append(
                        context.finding(Self.self, "'\(e.key)' does not apply to \(kind)", at: e.keyRange, path: path + [e.key])
                    )
                }
                if !expected.accepts(e.value) {
                    findings.append(
                        context.finding(
                            Self.self,
                            "\(e.key) must be \(expected.described), not \(e.value.kindDescription)",
                            at: e.keyRange,
                            path: path + [e.key]
                        )
                    )
                } else if e.key == "AllowedValues", let items = e.value.listValue {
                    for (i, item) in items.enumerated() where !CloudFormationType.string.accepts(item) {
                        findings.append(
                            context.finding(
                                Self.self,
                                "an allowed value must be a string, not \(item.kindDescription)",
                                at: item.range,
                                path: path + [e.key, String(i)]
                            )
                        )
                    }
                }
            }
        }
    }
}
