import CFNModel

/// I1022: a `Fn::Join` with an empty delimiter that a `Fn::Sub` would say more plainly.
struct JoinPreferSub: Rule {
    static let info = RuleInfo(
        id: "I1022",
        title: "Fn::Sub reads better than Fn::Join with no delimiter",
        description: """
            A `Fn::Join` whose delimiter is the empty string and whose values are all plain \
            values, `Ref`s, `Fn::GetAtt`s or `Fn::Sub`s of one string can be written as one \
            `Fn::Sub` string (`!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'`), which is shorter \
            and shows the result at a glance. A join of a function's list (`!Split`, \
            `!FindInMap`), or with any other function among the values (`!Select`, `!If`, a \
            `Fn::Sub` with its own variables), is left alone, and so are templates the CDK made \
            (they carry an `AWS::CDK::Metadata` resource). Read in resources' properties and \
            metadata (cfn-init files and commands), outputs and conditions. Reported on the \
            delimiter.
            """,
        passing: [
            """
            Parameters:
              Stage:
                Type: String
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Join ['-', [orders, !Ref Stage]]
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Join ['', [orders, !Select [0, !Split ['-', !Ref Stage]]]]
            """
        ],
        failing: [
            """
            Parameters:
              Stage:
                Type: String
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !Join ['', [orders-, !Ref Stage]] # <-
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName:
                    Fn::Join:
                      - '' # <-
                      - - !GetAtt Queue.QueueName
                        - !Sub '-${AWS::Region}'
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard !context.template.resources.contains(where: { $0.type == "AWS::CDK::Metadata" }) else { return }
        context.eachFunction { f, _, path, _ in check(f, path, context, &findings) }
        // cfn-lint reads the functions of a resource's Metadata too (cfn-init's files and
        // commands are often joined), which the shared walk leaves out.
        for r in context.template.resources {
            guard let entry = r.node.mapValue?[entry: "Metadata"] else { continue }
            var scope = FunctionScope(section: "Resources", resourceType: r.type)
            scope.anchor = entry.keyRange
            var path = ["Resources", r.logicalId, "Metadata"]
            FunctionWalker.walk(entry.value, &path, &scope) { node, path, _ in
                if case .function(let f) = node.value { check(f, path, context, &findings) }
            }
        }
    }

    private func check(_ f: Intrinsic, _ path: [String], _ context: LintContext, _ findings: inout [Finding]) {
        guard f.name == .join, let items = f.argument.listValue, items.count >= 2,
            case .string(let delimiter) = items[0].value, delimiter.isEmpty,
            let values = items[1].listValue, values.allSatisfy(Self.fitsSub)
        else { return }
        findings.append(
            context.finding(
                Self.self,
                "Fn::Join with an empty delimiter: one Fn::Sub string says the same more plainly",
                at: items[0].range,
                path: path
            )
        )
    }

    /// Whether a value of the join can go into a `Fn::Sub` string as it is: a plain value, a
    /// `Ref`, a `Fn::GetAtt`, or a `Fn::Sub` of one string. A one-key mapping of anything else
    /// (another function) cannot; a mapping of several keys is no function and does not count.
    static func fitsSub(_ value: Node) -> Bool {
        switch value.value {
        case .function(let g):
            if g.name == .ref || g.name == .getAtt { return true }
            if g.name == .sub { return g.argument.stringValue != nil }
            return false
        case .map(let m):
            return m.count != 1
        default:
            return true
        }
    }
}
