import CFNModel

/// E1022: `Fn::Join` takes `[delimiter, list]`.
struct JoinArgument: Rule {
    static var usesSchemaCheck: Bool { true }

    static let info = RuleInfo(
        id: "E1022",
        title: "Fn::Join is malformed",
        description: """
            `Fn::Join` takes a list of two items: the delimiter, a string, and the list of values \
            to join (a list, or a function that gives one: `Ref`, `Fn::GetAtt`, `Fn::Split`, \
            `Fn::FindInMap`, `Fn::Cidr`, `Fn::If`). `Fn::GetAZs` is not one of them. The values of the list are checked as \
            part of the Join: a `Fn::GetAtt` of a resource that does not exist among them is \
            reported here, on the Join.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Join ['-', [logs, !Ref 'AWS::Region']]
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Join [logs, !Ref 'AWS::Region', '-'] # <-
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName:
                    Fn::Join: # <-
                      - ''
                      - [!GetAtt Missing.Arn, '-queue']
            """
        ]
    )

    /// Functions that can give the list of values.
    static let listFunctions: Set<FunctionName> = [.cidr, .findInMap, .getAtt, .if, .split, .ref]
    /// Functions that can give one value of the list.
    static let valueFunctions: Set<FunctionName> = [
        .base64, .findInMap, .getAtt, "Fn::GetStackOutput", .if, .importValue, .join, .select, .sub, .transform, .ref,
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.schemaFindings(Self.self)
        BrokenReference.report(JoinArgument.self, context, into: &findings)
        context.eachFunction { f, node, path, _ in
            guard f.name == .join else { return }
            guard let items = f.argument.listValue else {
                if case .function = f.argument.value { return }
                findings.append(
                    context.finding(
                        JoinArgument.self,
                        "Fn::Join takes a list: [delimiter, list of values]",
                        at: FunctionWalker.callRange(f, node),
                        path: path
                    )
                )
                return
            }
            guard items.count == 2 else {
                findings.append(
                    context.finding(
                        JoinArgument.self,
                        "Fn::Join takes two items, the delimiter and the list of values, not \(items.count)",
                        at: FunctionWalker.callRange(f, node),
                        path: path
                    )
                )
                return
            }
            if items[0].functionValue != nil || !items[0].isScalar {
                findings.append(
                    context.finding(JoinArgument.self, "The delimiter of Fn::Join must be a string", at: items[0].range, path: path)
                )
            }
            switch items[1].value {
            case .list(let values):
                for value in values {
                    if value.isScalar { continue }
                    if let g = FunctionWalker.calledFunction(value) {
                        if JoinArgument.valueFunctions.contains(g) { continue }
                        findings.append(
                            context.finding(JoinArgument.self, "\(g) cannot give a value to join", at: value.range, path: path)
                        )
                        continue
                    }
                    findings.append(
                        context.finding(JoinArgument.self, "Each value to join must be a string", at: value.range, path: path)
                    )
                }
            case .function(let g) where JoinArgument.listFunctions.contains(g.name): break
            default:
                findings.append(
                    context.finding(
                        JoinArgument.self,
                        "The second item of Fn::Join must be a list of values, or a function that gives one",
                        at: items[1].range,
                        path: path
                    )
                )
            }
        }
    }
}
