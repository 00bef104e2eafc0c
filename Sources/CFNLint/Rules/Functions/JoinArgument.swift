import CFNModel

/// E1022: `Fn::Join` takes `[delimiter, list]`.
struct JoinArgument: Rule {
    static let info = RuleInfo(
        id: "E1022",
        title: "Fn::Join is malformed",
        description: """
            `Fn::Join` takes a list of two items: the delimiter, a string, and the list of values \
            to join (a list, or a function that gives one). The values of the list are checked as \
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

    func check(_ context: LintContext, into findings: inout [Finding]) {
        BrokenReference.report(JoinArgument.self, context, into: &findings)
        FunctionWalker.functions(context.template) { f, node, path, _ in
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
            switch items[0].value {
            case .string, .function: break
            default:
                findings.append(
                    context.finding(JoinArgument.self, "The delimiter of Fn::Join must be a string", at: items[0].range, path: path)
                )
            }
            switch items[1].value {
            case .list: break
            case .function(let g) where !SelectArgument.stringFunctions.contains(g.name): break
            default:
                findings.append(
                    context.finding(
                        JoinArgument.self,
                        "The second item of Fn::Join must be a list of values",
                        at: items[1].range,
                        path: path
                    )
                )
            }
        }
    }
}
