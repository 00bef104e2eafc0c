import CFNModel

/// E1017: `Fn::Select` takes `[index, list]`.
struct SelectArgument: Rule {
    static var usesSchemaCheck: Bool { true }

    static let info = RuleInfo(
        id: "E1017",
        title: "Fn::Select is malformed",
        description: """
            `Fn::Select` takes a list of two items: the index (a number, `Ref` or `Fn::FindInMap`) and the list to pick from (a list, or a function that gives one: `Fn::GetAZs`, \
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
    /// Functions that can give the list.
    static let listFunctions: Set<FunctionName> = [.findInMap, .getAtt, .getAZs, .if, .split, .cidr, .ref]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.schemaFindings(Self.self)
        BrokenReference.report(SelectArgument.self, context, into: &findings)
        let extensions = context.template.transforms.contains("AWS::LanguageExtensions")
        context.eachFunction { f, node, path, _ in
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
            case .number: break
            case .string(let s) where Int(s) != nil: break
            case .function(let g) where g.name == .ref || g.name == .findInMap || (g.name == .length && extensions): break
            default:
                findings.append(
                    context.finding(SelectArgument.self, "The index of Fn::Select must be a whole number", at: items[0].range, path: path)
                )
            }
            switch items[1].value {
            case .list: break
            case .function(let g) where SelectArgument.listFunctions.contains(g.name): break
            case .function(let g):
                findings.append(
                    context.finding(
                        SelectArgument.self,
                        "Fn::Select picks from a list, which \(g.name) does not give",
                        at: items[1].range,
                        path: path
                    )
                )
            default:
                findings.append(
                    context.finding(SelectArgument.self, "The second item of Fn::Select must be a list", at: items[1].range, path: path)
                )
            }
        }
    }
}
