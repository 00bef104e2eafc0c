import CFNModel

/// E1019: `Fn::Sub` has the shape CloudFormation takes and each `${}` variable exists.
struct SubVariables: Rule {
    static var usesSchemaCheck: Bool { true }

    static let info = RuleInfo(
        id: "E1019",
        title: "Fn::Sub is malformed or names something that does not exist",
        description: """
            `Fn::Sub` takes a string, or a list of a string and a mapping of local variables. Each \
            `${Name}` in the string must be a local variable, a parameter, a resource or a \
            pseudo-parameter, and each `${Resource.Attribute}` must name a resource of the \
            template. `${!Text}` is literal text and is not checked.
            """,
        passing: [
            """
            Parameters:
              Env: {Type: String}
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub ['${Env}-${AWS::Region}-${Suffix}', {Suffix: logs}]
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub '${Environment}-logs' # <-
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName:
                    Fn::Sub: {Name: x} # <-
            """
        ]
    )

    /// Whether a `Fn::Sub` argument is neither a string nor a list (a mapping, or a function:
    /// even `Fn::Transform` is rejected there).
    static func isMalformed(_ argument: Node) -> Bool {
        switch argument.value {
        case .string, .list: return false
        default: return true
        }
    }

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.schemaFindings(Self.self)
        BrokenReference.report(SubVariables.self, context, into: &findings)
        context.eachFunction { f, node, path, scope in
            guard f.name == .sub else { return }
            let arg = f.argument
            if SubVariables.isMalformed(arg) {
                // Given straight to Fn::Base64, the Base64 rule reports it.
                if scope.enclosing.last == .base64 { return }
                findings.append(
                    context.finding(
                        SubVariables.self,
                        "Fn::Sub takes a string, or a list of a string and a mapping of variables",
                        at: FunctionWalker.callRange(f, node),
                        path: path
                    )
                )
                return
            }
            var string = arg
            if let items = arg.listValue {
                guard items.count == 2 else {
                    findings.append(
                        context.finding(
                            SubVariables.self,
                            "Fn::Sub takes a string, or a list of exactly two items: a string and a mapping of variables",
                            at: FunctionWalker.callRange(f, node),
                            path: path
                        )
                    )
                    return
                }
                string = items[0]
                switch items[1].value {
                case .map(let m):
                    var broken = false
                    for e in m.entries {
                        switch e.value.value {
                        // cfn-lint does not take Fn::GetStackOutput in a variable.
                        case .function(let g) where g.name != .getStackOutput: break
                        case .string, .number, .bool: break
                        default:
                            broken = true
                            findings.append(
                                context.finding(
                                    SubVariables.self,
                                    "The value of the Fn::Sub variable '\(e.key)' must be a string or a function that gives one",
                                    at: e.keyRange,
                                    path: path
                                )
                            )
                        }
                    }
                    if broken { return }
                case .function: break
                default:
                    findings.append(
                        context.finding(
                            SubVariables.self,
                            "The second item of Fn::Sub must be a mapping of variable names to values",
                            at: items[1].range,
                            path: path
                        )
                    )
                }
                if case .function = string.value { return }
                guard case .string = string.value else {
                    findings.append(
                        context.finding(SubVariables.self, "The first item of Fn::Sub must be a string", at: string.range, path: path)
                    )
                    return
                }
            }
        }
    }
}
