import CFNModel

/// E1016: `Fn::ImportValue` takes an export name: a string or a function that builds one.
struct ImportValueArgument: Rule {
    static var usesSchemaCheck: Bool { true }

    static let info = RuleInfo(
        id: "E1016",
        title: "Fn::ImportValue argument is not an export name",
        description: """
            `Fn::ImportValue` takes the name of another stack's export: a string, or a string built \
            with `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::If`, `Fn::FindInMap`, \
            `Fn::Base64` or `Ref`. A list, a mapping, or another function (`Fn::ImportValue`, \
            `Fn::GetAtt`, ...) is rejected.
            """,
        passing: [
            """
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  CidrBlock: 10.0.0.0/24
                  VpcId: !ImportValue {'Fn::Sub': '${AWS::StackName}-VpcId'}
            """
        ],
        failing: [
            """
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  CidrBlock: 10.0.0.0/24
                  VpcId:
                    Fn::ImportValue: # <-
                      - network-VpcId
            """
        ]
    )

    /// Functions that can give an export name.
    static let allowed: Set<FunctionName> = [.sub, .join, .select, .if, .findInMap, .base64, .ref]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.schemaFindings(Self.self)
        BrokenReference.report(ImportValueArgument.self, context, into: &findings)
        context.eachFunction { f, node, path, _ in
            guard f.name == .importValue else { return }
            let arg = f.argument
            switch arg.value {
            case .string:
                return
            case .function(let g):
                guard !ImportValueArgument.allowed.contains(g.name) else { return }
                findings.append(
                    context.finding(
                        ImportValueArgument.self,
                        "Fn::ImportValue takes an export name; \(g.name) cannot give one here",
                        at: FunctionWalker.callRange(f, node),
                        path: path
                    )
                )
            default:
                findings.append(
                    context.finding(
                        ImportValueArgument.self,
                        "Fn::ImportValue takes an export name: a string or a function that builds one",
                        at: FunctionWalker.callRange(f, node),
                        path: path
                    )
                )
            }
        }
    }
}
