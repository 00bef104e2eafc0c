import CFNModel

/// E2900: the values a deployment or parameter file gives do not fit the template's parameters.
struct DeploymentFileParameters: Rule {
    static let info = RuleInfo(
        id: "E2900",
        title: "Deployment values do not fit the template's parameters",
        description: """
            With `--deployment-files` or `--parameter-files`, each file's values are checked \
            against the template's `Parameters`, as CloudFormation checks them when it deploys: \
            a name the template has no parameter for; a parameter without a `Default` that the \
            file gives no value; a list given to a parameter that takes one value, or a mapping \
            or nested list given to a list parameter; a value (each item of a list parameter's \
            value) that is not one of the parameter's `AllowedValues`. The finding is in the \
            deployment or parameter file, at the parameter's name (a missing one at line 1). \
            An SSM parameter type takes the name of an SSM parameter, one text; a list \
            parameter takes a list or comma-separated text. Differences from cfn-lint 1.51.0, \
            which has bugs here: it asks only for the last parameter without a `Default`, checks \
            nothing for a template without a `Parameters` section, and refuses comma-separated \
            text for a list parameter.
            """,
        passing: [
            """
            Parameters:
              Env:
                Type: String
                AllowedValues: [dev, prod]
              Subnets:
                Type: List<AWS::EC2::Subnet::Id>
              Size:
                Type: Number
                Default: 1
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Sub "${Env}-${Size}"
            Outputs:
              Subnets:
                Value: !Join [",", !Ref Subnets]
            --- # deployment file deploy.yaml
            template-file-path: example.yaml
            parameters:
              Env: prod
              Subnets: [subnet-0a1b2c3d, subnet-4e5f6a7b]
            """,
            """
            Parameters:
              Env:
                Type: String
                AllowedValues: [dev, prod]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Ref Env
            --- # parameter file params.json
            [{"ParameterKey": "Env", "ParameterValue": "dev"}]
            """,
        ],
        failing: [
            """
            Parameters:
              Env:
                Type: String
                AllowedValues: [dev, prod]
              Name:
                Type: String
              Size:
                Type: Number
                Default: 1
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Sub "${Env}-${Name}-${Size}"
            --- # deployment file deploy.yaml
            template-file-path: example.yaml # <-
            parameters:
              Env: test # <-
              Size: [1, 2] # <-
              Owner: me # <-
            """,
            """
            Parameters:
              Env:
                Type: String
                AllowedValues: [dev, prod]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  TopicName: !Ref Env
            --- # parameter file params.json
            [
              {"ParameterKey": "Env", "ParameterValue": "test"} # <-
            ]
            """,
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard !context.parameterSets.isEmpty else { return }
        let parameters = context.written.parameters
        var byName: [String: Parameter] = [:]
        for p in parameters where byName[p.name] == nil { byName[p.name] = p }
        for set in context.parameterSets {
            func report(_ message: String, at range: SourceRange, _ name: String?) {
                findings.append(
                    Finding(
                        ruleId: Self.info.id,
                        severity: Self.info.severity,
                        message: message,
                        file: set.file,
                        range: range,
                        path: name.map { ["parameters", $0] } ?? []
                    )
                )
            }
            for v in set.values {
                guard let p = byName[v.name] else {
                    let known = parameters.isEmpty ? "it has none" : "it has " + parameters.map(\.name).joined(separator: ", ")
                    report("'\(v.name)' is not a parameter of \(context.written.path) (\(known))", at: v.range, v.name)
                    continue
                }
                for problem in problems(v.value, p) { report("parameter '\(v.name)': \(problem)", at: v.range, v.name) }
            }
            let given = Set(set.values.map(\.name))
            let start = SourcePosition(line: 1, column: 1, offset: 0)
            for p in parameters where p.node["Default"] == nil && !given.contains(p.name) && p.node.mapValue != nil {
                report(
                    "parameter '\(p.name)' has no Default and this file gives it no value",
                    at: SourceRange(start: start, end: start),
                    nil
                )
            }
        }
    }

    /// What is wrong with `value` for the parameter `p`.
    private func problems(_ value: Node, _ p: Parameter) -> [String] {
        guard let type = p.node["Type"]?.stringValue else { return [] }
        let isList = type.contains("List") && !type.hasPrefix("AWS::SSM::Parameter::")
        var items: [Node]
        if isList {
            if let list = value.listValue {
                if let bad = list.first(where: { !$0.isScalar }) {
                    return ["a list parameter (\(type)) takes texts, and an item is \(bad.listValue != nil ? "a list" : "a mapping")"]
                }
                items = list
            } else {
                // CloudFormation takes a list parameter's value as comma-separated text too.
                let text = value.scalarText ?? ""
                items = text.split(separator: ",", omittingEmptySubsequences: false).map {
                    Node(.string($0.trimmingCharacters(in: " \t")))
                }
            }
        } else {
            guard value.isScalar else { return ["\(type) takes one value, not a list"] }
            items = [value]
        }
        guard let allowed = p.node["AllowedValues"]?.listValue, !allowed.isEmpty else { return [] }
        let texts = allowed.compactMap(\.scalarText)
        let shown = texts.prefix(12).joined(separator: ", ") + (texts.count > 12 ? ", …" : "")
        return items.compactMap { item in
            guard let text = item.scalarText, !texts.contains(text) else { return nil }
            return "'\(text)' is not one of its AllowedValues (\(shown))"
        }
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var t = self
        while let c = t.first, set.contains(c) { t.removeFirst() }
        while let c = t.last, set.contains(c) { t.removeLast() }
        return String(t)
    }
}
