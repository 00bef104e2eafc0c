import CFNModel

/// E1033: `Fn::GetStackOutput` takes a mapping naming the stack and the output.
struct GetStackOutputArgument: Rule {
    static var usesSchemaCheck: Bool { true }

    static let info = RuleInfo(
        id: "E1033",
        title: "Fn::GetStackOutput is not configured correctly",
        description: """
            `Fn::GetStackOutput` reads an output of another stack: its argument is a mapping \
            with `StackName` and `OutputName`, and optionally `Region` and `RoleArn` (to read a \
            stack of another region or account), nothing else. Each is a string, or a function \
            that gives one (`Ref`, `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::If`, \
            `Fn::FindInMap`, `Fn::GetAtt`, `Fn::ImportValue`, `Fn::Base64`). Its result is one \
            string, so it cannot stand where a list or a mapping is expected.
            """,
        passing: [
            """
            Resources:
              Alarms:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !GetStackOutput
                    StackName: !Sub "${AWS::StackName}-network"
                    OutputName: AlarmTopicName
                    Region: eu-west-1
            """
        ],
        failing: [
            """
            Resources:
              Alarms:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName:
                    Fn::GetStackOutput: # <-
                      StackName: network
              Audit:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName:
                    Fn::GetStackOutput:
                      StackName: network
                      OutputName: [AuditTopic] # <-
                      Account: "123456789012" # <-
              Shared:
                Type: AWS::SNS::Topic
                Properties:
                  Tags: # <-
                    Fn::GetStackOutput:
                      StackName: network
                      OutputName: SharedTags
            """
        ]
    )

    static let required = ["StackName", "OutputName"]
    static let properties: Set<String> = ["StackName", "OutputName", "Region", "RoleArn"]
    /// The functions that may give one of its properties.
    static let allowed: Set<FunctionName> = [.base64, .findInMap, .getAtt, .if, .importValue, .join, .select, .sub, .ref]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        // Where its result cannot fit (a list or a mapping is expected): from the schema check.
        findings += context.schemaFindings(Self.self)
        context.eachFunction { f, node, path, scope in
            // In an output cfn-lint reports it as the output's value (E6101); inside a
            // `Fn::Join` or `Fn::Select`, as part of that function.
            guard f.name == .getStackOutput, scope.section == "Resources" else { return }
            let id = FunctionWalker.reportingId(Self.info.id, scope)
            let at = FunctionWalker.argumentRange(f, scope)
            guard let map = f.argument.mapValue else {
                switch f.argument.value {
                case .list, .string, .number, .bool, .null:
                    findings.append(
                        context.finding(id: id, "Fn::GetStackOutput takes a mapping with StackName and OutputName", at: at, path: path)
                    )
                default: break
                }
                return
            }
            for name in Self.required where map[name] == nil {
                findings.append(context.finding(id: id, "Fn::GetStackOutput needs '\(name)'", at: at, path: path))
            }
            for entry in map {
                guard Self.properties.contains(entry.key) else {
                    findings.append(
                        context.finding(
                            id: id,
                            "Fn::GetStackOutput takes StackName, OutputName, Region and RoleArn; not '\(entry.key)'",
                            at: entry.keyRange,
                            path: path
                        )
                    )
                    continue
                }
                let fits: Bool
                switch entry.value.value {
                case .string, .number, .bool: fits = true
                case .function(let g): fits = Self.allowed.contains(g.name)
                case .list, .map, .null: fits = false
                }
                if !fits {
                    findings.append(
                        context.finding(id: id, "the '\(entry.key)' of Fn::GetStackOutput is a string", at: entry.keyRange, path: path)
                    )
                }
            }
        }
    }
}
