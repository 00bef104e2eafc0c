import CFNModel

/// E3051: an SSM document's `Content` without a known `schemaVersion`, or with its top-level
/// fields of the wrong type.
struct SSMDocumentContent: Rule {
    static let info = RuleInfo(
        id: "E3051",
        title: "SSM document content malformed",
        description: """
            The `Content` of an `AWS::SSM::Document` is the document itself (a mapping, or JSON or \
            YAML text): it needs a `schemaVersion` of `0.3`, `1.0`, `1.2`, `2.0` or `2.2`, \
            written as text (`"2.2"`, not the number 2.2), and its `description` and \
            `assumeRole`, when given, are text too. SSM refuses other documents. Each branch of a \
            `Fn::If` is read; a value given by another function is not judged. A problem in a \
            document written as text is reported at `Content`. (cfn-lint 1.51.0 reports every \
            document written as text as unreadable; cfntool reads it.)
            """,
        passing: [
            """
            Resources:
              Patch:
                Type: AWS::SSM::Document
                Properties:
                  DocumentType: Command
                  Content:
                    schemaVersion: "2.2"
                    description: Install the latest patches
                    mainSteps:
                      - action: aws:runShellScript
                        name: patch
                        inputs: {runCommand: [yum update -y]}
            """
        ],
        failing: [
            """
            Resources:
              Patch:
                Type: AWS::SSM::Document
                Properties:
                  DocumentType: Command
                  Content:
                    schemaVersion: 2.2 # <-
                    description: [patches] # <-
              Other:
                Type: AWS::SSM::Document
                Properties:
                  DocumentType: Command
                  Content: # <-
                    mainSteps: []
            """
        ]
    )

    static let versions = ["0.3", "1.0", "1.2", "2.0", "2.2"]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources where r.type == "AWS::SSM::Document" {
            guard let content = r.node["Properties"]?.mapValue?[entry: "Content"] else { continue }
            let path = ["Resources", r.logicalId, "Properties", "Content"]
            var problems: [(String, SourceRange)] = []
            if let text = content.value.stringValue {
                // Text is read as JSON or YAML; its problems are placed at Content.
                guard let parsed = try? Template(text: text, path: "document") else {
                    findings.append(
                        context.finding(Self.self, "\(r.logicalId): Content is neither JSON nor YAML", at: content.keyRange, path: path)
                    )
                    continue
                }
                Self.problems(parsed.rootNode, at: content.keyRange, into: &problems)
                problems = problems.map { ($0.0, content.keyRange) }
            } else {
                for (document, at) in SchemaCheck.reach(content.value, at: content.keyRange, []) {
                    Self.problems(document, at: at, into: &problems)
                }
            }
            for (message, at) in problems { findings.append(context.finding(Self.self, "\(r.logicalId): \(message)", at: at, path: path)) }
        }
    }

    /// What is wrong with one document (each `Fn::If` branch of a field read).
    static func problems(_ document: Node, at: SourceRange, into out: inout [(String, SourceRange)]) {
        if document.functionValue != nil { return }
        guard let map = document.mapValue else {
            out.append(("Content must be a mapping, not \(document.kindDescription)", at))
            return
        }
        if map["schemaVersion"] == nil { out.append(("the document has no schemaVersion", at)) }
        for name in ["schemaVersion", "description", "assumeRole"] {
            guard let entry = map[entry: name] else { continue }
            for (value, place) in SchemaCheck.reach(entry.value, at: entry.keyRange, []) {
                if value.functionValue != nil { continue }
                guard let text = value.stringValue, value.isString else {
                    out.append(("\(name) must be text, not \(value.kindDescription)", place))
                    continue
                }
                if name == "schemaVersion", !versions.contains(text) {
                    out.append(("schemaVersion '\(text)' is none of \(versions.joined(separator: ", "))", place))
                }
            }
        }
    }
}

extension Node {
    /// Whether the value is text as written (not a number or a boolean YAML would read as one).
    fileprivate var isString: Bool {
        if case .string = value { return true }
        return false
    }
}
