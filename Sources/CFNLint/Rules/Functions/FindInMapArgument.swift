import CFNModel

/// E1011: `Fn::FindInMap` takes `[mapping, top-level key, second-level key]` that exist.
struct FindInMapArgument: Rule {
    static var usesSchemaCheck: Bool { true }

    static let info = RuleInfo(
        id: "E1011",
        title: "Fn::FindInMap is malformed or looks up something that does not exist",
        description: """
            `Fn::FindInMap` takes three items: the name of a mapping of the `Mappings` section, a \
            top-level key and a second-level key (each a string, `Ref` or `Fn::FindInMap`). With \
            the `AWS::LanguageExtensions` transform a fourth item, `{DefaultValue: ...}`, may \
            follow. Names written as text must exist: the mapping, its top-level key, and the \
            second-level key under it (under any top-level key when the top-level key is a \
            `Ref` to a pseudo-parameter such as `AWS::Region`). A mapping's values are strings, \
            numbers, booleans and lists, so a `Fn::FindInMap` where a property takes only an \
            object (an item of `SecurityGroupIngress`) is reported too.
            """,
        passing: [
            """
            Mappings:
              Images:
                us-east-1: {Id: ami-12345678}
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: !FindInMap [Images, !Ref 'AWS::Region', Id]
            """
        ],
        failing: [
            """
            Mappings:
              Images:
                us-east-1: {Id: ami-12345678}
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: !FindInMap [Images, !Ref 'AWS::Region', ImageId] # <-
                  KeyName: !FindInMap [Images, us-east-1] # <-
            """,
            """
            Mappings:
              Rules:
                us-east-1:
                  Web: [{CidrIp: 0.0.0.0/0, IpProtocol: tcp, FromPort: 443, ToPort: 443}]
            Resources:
              WebGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: Web servers
                  SecurityGroupIngress:
                    - !FindInMap [Rules, !Ref 'AWS::Region', Web] # <-
            """,
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.schemaFindings(Self.self)
        let template = context.template
        let extensions = template.transforms.contains("AWS::LanguageExtensions")
        let transformed = FunctionWalker.isTransformed(template)
        var mappings: [String: Node] = [:]
        for m in template.mappings { mappings[m.name] = m.node }
        context.eachFunction { f, node, path, scope in
            guard f.name == .findInMap else { return }
            let id = FunctionWalker.reportingId("E1011", scope)
            func report(_ message: String, _ range: SourceRange) {
                findings.append(
                    Finding(
                        ruleId: id,
                        severity: .error,
                        message: message,
                        file: template.path,
                        range: range,
                        path: path
                    )
                )
            }
            guard let items = f.argument.listValue else {
                if case .function = f.argument.value { return }
                report("Fn::FindInMap takes a list: [mapping, top-level key, second-level key]", FunctionWalker.callRange(f, node))
                return
            }
            let most = extensions ? 4 : 3
            guard items.count >= 3 && items.count <= most else {
                report(
                    "Fn::FindInMap takes \(extensions ? "three or four" : "three") items, not \(items.count)",
                    FunctionWalker.callRange(f, node)
                )
                return
            }
            var malformed = false
            for item in items.prefix(3) {
                switch item.value {
                case .string, .number, .bool: continue
                case .function(let g) where g.name == .ref || g.name == .findInMap || extensions: continue
                default:
                    malformed = true
                    report("Each key of Fn::FindInMap must be a string, a Ref or a Fn::FindInMap", item.range)
                }
            }
            // Existence is checked where cfn-lint checks it: not inside another function, and
            // not when a transform may add mappings or a default value stands in.
            guard !malformed, !transformed, items.count == 3, scope.enclosing.allSatisfy({ $0 == .if }) else { return }
            guard let mapName = items[0].stringValue else { return }
            guard let mapping = mappings[mapName] else {
                report("Fn::FindInMap looks in '\(mapName)', which is not a mapping of this template", items[0].range)
                return
            }
            if let top = items[1].scalarText, items[1].isScalar {
                guard let level = mapping[top] else {
                    report("Mapping '\(mapName)' has no top-level key '\(top)'", items[1].range)
                    return
                }
                if let second = items[2].scalarText, items[2].isScalar, level[second] == nil {
                    report("Mapping '\(mapName)' has no key '\(second)' under '\(top)'", items[2].range)
                }
            } else if let ref = items[1].functionValue, ref.name == .ref, let target = ref.argument.stringValue,
                target.hasPrefix("AWS::"), let second = items[2].scalarText, items[2].isScalar,
                let levels = mapping.mapValue?.entries, !levels.isEmpty,
                !levels.contains(where: { $0.value[second] != nil })
            {
                report("Mapping '\(mapName)' has no second-level key '\(second)' under any top-level key", items[2].range)
            }
        }
    }
}
