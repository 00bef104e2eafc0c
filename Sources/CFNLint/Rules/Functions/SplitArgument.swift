import CFNModel

/// E1018: `Fn::Split` takes `[delimiter, string]`.
struct SplitArgument: Rule {
    static var usesSchemaCheck: Bool { true }

    static let info = RuleInfo(
        id: "E1018",
        title: "Fn::Split is malformed",
        description: """
            `Fn::Split` takes two items: the delimiter, a string, and the string to split (or a \
            function that gives one: `Ref`, `Fn::GetAtt`, `Fn::Join`, `Fn::Sub`, `Fn::Select`, \
            `Fn::FindInMap`, `Fn::ImportValue`, `Fn::If`, `Fn::GetAZs`, `Fn::Base64`). A list \
            or a mapping in either place is rejected. Inside a `Fn::Select` or \
            `Fn::Join` the problem is reported as theirs (E1017, E1022).
            """,
        passing: [
            """
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-123
                  CidrBlock: !Select [0, !Split [',', '10.0.0.0/24,10.0.1.0/24']]
            """
        ],
        failing: [
            """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-12345678
                  SecurityGroupIds:
                    Fn::Split:
                      - ','
                      - [sg-1, sg-2] # <-
            """
        ]
    )

    /// Functions that can give the string to split.
    static let sources: Set<FunctionName> = [
        .base64, .findInMap, .getAtt, .getAZs, .if, .importValue, .join, .select, .sub, .ref,
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.schemaFindings(Self.self)
        let template = context.template
        context.eachFunction { f, node, path, scope in
            guard f.name == .split else { return }
            let id = FunctionWalker.reportingId("E1018", scope)
            func report(_ message: String, _ range: SourceRange) {
                findings.append(context.finding(id: id, message, at: range, path: path))
            }
            guard let items = f.argument.listValue else {
                if case .function = f.argument.value { return }
                report("Fn::Split takes a list: [delimiter, string]", FunctionWalker.callRange(f, node))
                return
            }
            guard items.count == 2 else {
                report("Fn::Split takes two items, the delimiter and the string, not \(items.count)", FunctionWalker.callRange(f, node))
                return
            }
            if !items[0].isScalar || items[0].functionValue != nil {
                report("The delimiter of Fn::Split must be a string", items[0].range)
            }
            switch items[1].value {
            case .string, .number, .bool: break
            case .function(let g) where SplitArgument.sources.contains(g.name): break
            default: report("Fn::Split splits a string, or a function that gives one", items[1].range)
            }
        }
    }
}
