import CFNModel

/// E1001: the top level of the template has only CloudFormation's sections, each of the right
/// kind, and a `Resources` section; conditions hold no null.
struct TemplateStructure: Rule {
    static let info = RuleInfo(
        id: "E1001",
        title: "Template sections",
        description: """
            A template's top level may hold only AWSTemplateFormatVersion, Description, Metadata, \
            Parameters, Rules, Mappings, Conditions, Transform, Resources and Outputs (and Globals \
            with the SAM transform). Resources is required. AWSTemplateFormatVersion, when present, \
            must be 2010-09-09; Conditions and Rules must be mappings. A null anywhere under \
            Conditions leaves CloudFormation without a value to evaluate.
            """,
        passing: [
            """
            AWSTemplateFormatVersion: "2010-09-09"
            Conditions:
              IsProd: !Equals [!Ref AWS::AccountId, "123456789012"]
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """
        ],
        failing: [
            """
            AWSTemplateFormatVersion: "2010-09-10" # <-
            Errors: {} # <-
            Conditions:
              Empty: null # <-
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            """,
            """
            AWSTemplateFormatVersion: "2010-09-09" # <-
            Description: no resources
            """,
        ],
        fixes: [
            FixExample(
                before: """
                    AWSTemplateFormatVersion: "2010-09-10"
                    resources:
                      Topic:
                        Type: AWS::SNS::Topic
                    Output:
                      TopicArn:
                        Value: !Ref Topic
                    """,
                after: """
                    AWSTemplateFormatVersion: "2010-09-09"
                    Resources:
                      Topic:
                        Type: AWS::SNS::Topic
                    Outputs:
                      TopicArn:
                        Value: !Ref Topic
                    """,
                safety: .unsafe
            )
        ]
    )

    static let sections: Set<String> = Set(Section.allCases.map(\.rawValue))

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        let sam = template.hasServerlessTransform
        let names = Section.allCases.map(\.rawValue) + (sam ? ["Globals"] : [])
        for e in template.root {
            if !Self.sections.contains(e.key) && !(sam && e.key == "Globals") {
                var finding = context.finding(Self.self, "'\(e.key)' is not a template section", at: e.keyRange, path: [e.key])
                finding.fix = context.renameFix(e, to: names, in: template.root)
                findings.append(finding)
            }
        }
        if let version = template.root[entry: "AWSTemplateFormatVersion"] {
            if version.value.stringValue == nil {
                findings.append(
                    context.finding(
                        Self.self,
                        "AWSTemplateFormatVersion must be a string, not \(version.value.kindDescription)",
                        at: version.keyRange,
                        path: [version.key]
                    )
                )
            }
            if version.value.scalarText != "2010-09-09" {
                let shown = version.value.scalarText.map { "'\($0)'" } ?? version.value.kindDescription
                var finding = context.finding(
                    Self.self,
                    "AWSTemplateFormatVersion must be 2010-09-09, not \(shown)",
                    at: version.keyRange,
                    path: [version.key]
                )
                // Safe: the one version there is, and CloudFormation takes no other.
                if version.value.stringValue != nil {
                    finding.fix = context.fix("write 2010-09-09, the one format version", .safe) {
                        $0.replaceScalar(version.value, with: "2010-09-09")
                    }
                }
                findings.append(finding)
            }
        }
        for name in ["Conditions", "Rules"] {
            guard let e = template.root[entry: name] else { continue }
            // A one-key mapping such as `Condition: ...` reads as a function; it is still a mapping.
            if e.value.mapValue == nil && e.value.functionValue == nil {
                findings.append(
                    context.finding(Self.self, "\(name) must be a mapping, not \(e.value.kindDescription)", at: e.keyRange, path: [name])
                )
            }
        }
        if template.root["Resources"] == nil || template.root["Resources"]?.isNull == true {
            findings.append(context.finding(Self.self, "the template has no Resources section", at: firstLine(template), path: []))
        }
        if let conditions = template.root["Conditions"]?.mapValue {
            for c in conditions { nulls(c.value, c.keyRange, ["Conditions", c.key], context, &findings) }
        }
    }

    private func firstLine(_ template: Template) -> SourceRange {
        if template.range.isKnown { return template.range }
        return template.root.entries.first?.keyRange ?? .unknown
    }

    private func nulls(_ node: Node, _ keyRange: SourceRange, _ path: [String], _ context: LintContext, _ findings: inout [Finding]) {
        switch node.value {
        case .null:
            let at = keyRange.isKnown ? keyRange : node.range
            findings.append(context.finding(Self.self, "a condition needs a value here, not null", at: at, path: path))
        case .list(let items):
            for (i, item) in items.enumerated() { nulls(item, item.range, path + [String(i)], context, &findings) }
        case .map(let m):
            for e in m { nulls(e.value, e.keyRange, path + [e.key], context, &findings) }
        case .function(let f):
            nulls(f.argument, f.keyRange, path + [f.name.rawValue], context, &findings)
        default:
            break
        }
    }
}
