import CFNModel

/// E1021: `Fn::Base64` takes a string, or a function that gives one.
struct Base64Argument: Rule {
    static var usesSchemaCheck: Bool { true }

    static let info = RuleInfo(
        id: "E1021",
        title: "Fn::Base64 argument is not a string",
        description: """
            `Fn::Base64` encodes a string: its argument is a string or a function that gives one \
            (`Fn::Sub`, `Fn::Join`, `Ref`, ...). A mapping, a list, or a function CloudFormation \
            does not know is rejected. A `Fn::Sub` given directly to it is checked as part of the \
            Base64: a Sub whose argument is neither a string nor a list is reported here.
            """,
        passing: [
            """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  UserData: !Base64 |
                    #!/bin/bash
                    echo hello
            """
        ],
        failing: [
            """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  UserData:
                    Fn::Base64: # <-
                      Script: echo hello
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.schemaFindings(Self.self)
        BrokenReference.report(Base64Argument.self, context, into: &findings)
        context.eachFunction { f, node, path, _ in
            guard f.name == .base64 else { return }
            let arg = f.argument
            switch arg.value {
            case .string, .number, .bool:
                return
            case .function(let g):
                if g.name == .getStackOutput {
                    // cfn-lint does not take Fn::GetStackOutput here.
                    findings.append(
                        context.finding(
                            Base64Argument.self,
                            "Fn::Base64 takes a string, or a function that gives one; not Fn::GetStackOutput",
                            at: FunctionWalker.callRange(f, node),
                            path: path
                        )
                    )
                } else if !g.name.isKnown {
                    findings.append(
                        context.finding(
                            Base64Argument.self,
                            "Fn::Base64 takes a string; \(g.name) is not a CloudFormation function",
                            at: arg.range,
                            path: path
                        )
                    )
                } else if g.name == .sub, SubVariables.isMalformed(g.argument) {
                    findings.append(
                        context.finding(
                            Base64Argument.self,
                            "The Fn::Sub inside Fn::Base64 takes a string, or a list of a string and a mapping of variables",
                            at: FunctionWalker.callRange(g, arg),
                            path: path
                        )
                    )
                }
            default:
                findings.append(
                    context.finding(
                        Base64Argument.self,
                        "Fn::Base64 takes a string, or a function that gives one",
                        at: FunctionWalker.callRange(f, node),
                        path: path
                    )
                )
            }
        }
    }
}
