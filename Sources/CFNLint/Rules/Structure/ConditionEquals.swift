import CFNModel

/// E8003: `Fn::Equals` compares exactly two values, each a scalar or a function giving a string.
struct ConditionEquals: Rule {
    static let info = RuleInfo(
        id: "E8003",
        title: "Fn::Equals arguments",
        description: """
            Fn::Equals takes a list of exactly two values. Each is a string, number or boolean, \
            or Ref, Fn::FindInMap, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::Length or \
            Fn::ToJsonString; a list, a mapping or another function cannot be compared.
            """,
        passing: [
            """
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Condition: IsProd
            """
        ],
        failing: [
            """
            Parameters:
              Env:
                Type: String
            Conditions:
              One: !Equals [prod] # <-
              Listed: !Equals [[!Ref Env], prod] # <-
              Text:
                Fn::Equals: prod # <-
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ]
    )

    static let functions: Set<FunctionName> = [.ref, .findInMap, .sub, .join, .select, .split, .length, .toJsonString]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for s in ConditionFunctionSite.all(in: context.template) where s.function.name == .equals {
            let arg = s.function.argument
            guard let items = arg.listValue else {
                findings.append(
                    context.finding(
                        Self.self,
                        "Fn::Equals takes a list of two values, not \(arg.kindDescription)",
                        at: s.site,
                        path: s.path
                    )
                )
                continue
            }
            if items.count != 2 {
                findings.append(
                    context.finding(Self.self, "Fn::Equals takes exactly two values, not \(items.count)", at: s.site, path: s.path)
                )
            }
            for (i, item) in items.enumerated() {
                let ok: Bool
                if let f = item.functionValue {
                    ok = Self.functions.contains(f.name)
                } else {
                    ok = CloudFormationType.string.accepts(item)
                }
                if !ok {
                    findings.append(
                        context.finding(
                            Self.self,
                            "Fn::Equals compares strings, numbers or booleans, not \(item.kindDescription)",
                            at: item.range,
                            path: s.path + [String(i)]
                        )
                    )
                }
            }
        }
    }
}
