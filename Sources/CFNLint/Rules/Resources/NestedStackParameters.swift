import CFNModel

/// E3043: the parameters given to a nested stack whose template is a local file.
struct NestedStackParameters: Rule {
    static let info = RuleInfo(
        id: "E3043",
        title: "Nested stack parameters do not match its template",
        description: """
            When an `AWS::CloudFormation::Stack`'s `TemplateURL` is a local file (packaged later \
            by `aws cloudformation package`), its `Parameters` must give every parameter of that \
            template without a `Default`, and nothing it does not declare. The file is read \
            relative to the template; a `Fn::If` in `Parameters` is checked branch by branch. \
            Remote templates (`https://`, `s3://`) are not fetched, but one linted in the same \
            run, whose file name the URL ends in, is checked too (`cfntool lint` on a `cfntool \
            split --template-url-base` output).
            """,
        passing: [
            """
            Resources:
              Network:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: https://example.s3.amazonaws.com/network.yaml
                  Parameters:
                    CidrBlock: 10.0.0.0/16
            """
        ],
        failing: [
            // Read from the working folder: the repository's own templates/vpc.yaml.
            """
            Resources:
              Network:
                Type: AWS::CloudFormation::Stack
                Properties:
                  TemplateURL: templates/vpc.yaml
                  Parameters:
                    VpcCidrBlock: 10.0.0.0/16 # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let path = context.template.path
        guard path != "-", path != "<memory>" else { return }
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        for r in context.template.resources where r.type == "AWS::CloudFormation::Stack" {
            guard let properties = r.node["Properties"], let url = properties["TemplateURL"]?.stringValue, !url.isEmpty else { continue }
            // A child linted in the same run is already decoded (also one a URL names); another
            // is read from its local file.
            let linked = context.hierarchy.flatMap { h in h.child(of: context.member, stack: r.logicalId).map { h.templates[$0] } }
            let local = { () -> Template? in
                url.contains("://") ? nil : try? Template(contentsOf: url.hasPrefix("/") ? url : directory + "/" + url)
            }
            guard let child = linked ?? local() else { continue }
            var declared: [String: Bool] = [:]  // name -> has a default
            for p in child.parameters { declared[p.name] = p.node["Default"] != nil }
            guard let given = properties[entry: "Parameters"] else {
                for (name, hasDefault) in declared.sorted(by: { $0.key < $1.key }) where !hasDefault {
                    findings.append(context.finding(Self.self, "The nested stack's parameter '\(name)' is not given", at: r.idRange))
                }
                continue
            }
            let branches = given.value.branches()
            for (value, scenario) in branches {
                guard let map = value.mapValue else { continue }
                let when = scenario.isEmpty ? "" : " when " + scenario.joined(separator: " and ")
                for e in map.entries where declared[e.key] == nil {
                    findings.append(
                        context.finding(
                            Self.self,
                            "'\(e.key)' is not a parameter of the nested stack's template\(when)",
                            at: scenario.isEmpty ? e.keyRange : given.keyRange
                        )
                    )
                }
                for (name, hasDefault) in declared.sorted(by: { $0.key < $1.key }) where !hasDefault && map[name] == nil {
                    findings.append(
                        context.finding(Self.self, "The nested stack's parameter '\(name)' is not given\(when)", at: given.keyRange)
                    )
                }
            }
        }
    }
}
