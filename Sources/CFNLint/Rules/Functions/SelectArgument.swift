import CFNModel

/// E1017: `Fn::Select` takes `[index, list]`.
struct SelectArgument: Rule {
    static let info = RuleInfo(
        id: "E1017",
        title: "Fn::Select is malformed",
        description: """
            `Fn::Select` takes a list of two items: the index (a number, or a function that gives \
            one) and the list to pick from (a list, or a function that gives one: `Fn::GetAZs`, \
            `Fn::Split`, `Fn::FindInMap`, `Ref` to a list parameter, ...). A string-valued \
            function (`Fn::Join`, `Fn::Sub`, `Fn::Base64`) or a plain string in the list's place \
            is rejected.
            """,
        passing: [
            """
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-123
                  CidrBlock: !Select [1, !Split [',', '10.0.0.0/24,10.0.1.0/24']]
            """
        ],
        failing: [
            """
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: !Select [a, [vpc-1, vpc-2]] # <-
                  CidrBlock: !Select [0, '10.0.0.0/24'] # <-
            """
        ]
    )

    /// Functions whose result is a string, never a list.
    static let stringFunctions: Set<FunctionName> = [.join, .sub, .base64, .toJsonString]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        BrokenReference.report(SelectArgument.self, context, into: &findings)
        FunctionWalker.functions(context.template) { f, node, path, _ in
            guard f.name == .select else { return }
            guard let items = f.argument.listValue else {
                if case .function = f.argument.value { return }
                findings.append(
                    context.finding(
                        SelectArgument.self,
                        "Fn::Select takes a list: [index, list]",
                        at: FunctionWalker.callRange(f, node),
                        path: path
                    )
                )
                return
            }
            if items.count != 2 {
                findings.append(
                    context.finding(
                        SelectArgument.self,
                        "Fn::Select takes exactly two items, the index and the list, not \(items.count)",
                        at: FunctionWalker.callRange(f, node),
                        path: path
                    )
                )
            }
            guard items.count >= 2 else { return }
            switch items[0].value {
            case .number, .function: break
            case .string(let s) where Int(s) != nil: break
            default:
                findings.append(
                    context.finding(SelectArgument.self, "The index of Fn::Select must be a whole number", at: items[0].range, path: path)
                )
            }
            switch items[1].value {
            case .list: break
            case .function(let g):
                if SelectArgument.stringFunctions.contains(g.name) {
                    findings.append(
                        context.finding(
                            SelectArgument.self,
                            "Fn::Select picks from a list, but \(g.name) gives a string",
                            at: items[1].range,
                            path: path
                        )
                    )
                }
            default:
                findings.append(
                    context.finding(SelectArgument.self, "The second item of Fn::Select must be a list", at: items[1].range, path: path)
                )
            }
        }
    }
}
