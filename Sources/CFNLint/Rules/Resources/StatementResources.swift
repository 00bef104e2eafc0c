import CFNModel

/// I3510: an identity policy statement whose actions act on resources none of its ARNs is.
struct StatementResources: Rule {
    static let info = RuleInfo(
        id: "I3510",
        title: "IAM statement resources do not fit its actions",
        description: """
            An action acts on resources of given types (`sqs:SendMessage` on queues, \
            `s3:GetObject` on objects). In an identity policy (as E3510 reads them), a \
            statement that lists ARNs of other kinds only grants such an action nothing. For \
            each `Action` IAM knows (no wildcards) that acts on resource types, at least one of \
            the statement's `Resource` and `NotResource` ARNs written as text must fit the ARN \
            form of one of those types (partition, region and account taken as given; `*` fits \
            anything). A statement with a `*` resource, a dynamic reference or a `Ref` to a \
            parameter is not judged, nor are the actions when an ARN is given by a function. The \
            data and the comparison are cfn-lint 1.51.0's (one ARN form per resource type, the \
            last it lists).
            """,
        passing: [
            """
            Resources:
              Sender:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: [sqs:SendMessage, s3:GetObject]
                        Resource: [arn:aws:sqs:us-east-1:123456789012:jobs, arn:aws:s3:::site/*]
                      - Effect: Allow
                        Action: sqs:SendMessage
                        Resource: !Sub arn:${AWS::Partition}:sqs:${AWS::Region}:${AWS::AccountId}:jobs
            """
        ],
        failing: [
            """
            Resources:
              Sender:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Statement:
                      - Effect: Allow
                        Action: [s3:GetObject, sqs:SendMessage]
                        Resource: arn:aws:s3:::site/* # <-
            """
        ]
    )

    /// Each service prefix's line of the data, after the prefix.
    static let services: [String: Substring] = {
        var out: [String: Substring] = [:]
        for line in IAMResourcesData.text.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            out[String(line[..<space])] = line[line.index(after: space)...]
        }
        return out
    }()

    /// The ARN format of each resource type `permission` of `service` acts on (lower case); nil
    /// when the action is unknown or acts on no resource type.
    static func formats(_ service: String, _ permission: String) -> [String]? {
        guard let line = services[service], let bar = line.firstRange(of: " | ") else { return nil }
        let formats = line[..<bar.lowerBound].split(separator: " ", omittingEmptySubsequences: false)
        let wanted = permission + "="
        for entry in line[bar.upperBound...].split(separator: " ") where entry.hasPrefix(wanted) {
            return entry.dropFirst(wanted.count).split(separator: ",").compactMap { Int($0) }.filter { $0 < formats.count }
                .map { String(formats[$0]) }
        }
        return nil
    }

    /// Whether the template's ARN `arn` fits the data's ARN form `format` (`${Partition}`,
    /// `${Region}` and `${Account}` fit anything; in the resource part, a `*` in the ARN or
    /// `.*` in the form ends the comparison), as cfn-lint compares them.
    static func fits(_ arn: String, _ format: String) -> Bool {
        func parts(_ s: String) -> [Substring] {
            var p = s.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
            while p.count < 6 { p.append("*") }
            return p
        }
        let a = parts(arn)
        let f = parts(format)
        for i in 0..<5 {
            if a[i] == "*" || ["${Partition}", "${Region}", "${Account}"].contains(f[i]) { continue }
            if a[i] != f[i] { return false }
        }
        if a[5] == "*" { return true }
        let delimiter: Character
        if f[5].contains(":") {
            delimiter = ":"
        } else if f[5].contains("/") {
            delimiter = "/"
        } else {
            return true
        }
        let xs = a[5].split(separator: delimiter, omittingEmptySubsequences: false)
        let ys = f[5].split(separator: delimiter, omittingEmptySubsequences: false)
        for (x, y) in zip(xs, ys) {
            if x == y { continue }
            if x.hasPrefix("*") || y.isEmpty || y == ".*" { return true }
            if x.hasPrefix(y) && x.contains("*") { return true }
            return false
        }
        return true
    }

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let parameters = Set((context.template.root["Parameters"]?.mapValue ?? Map()).entries.map(\.key))
        var seen: Set<String> = []
        for (r, path, document, at, isText) in context.shared.policies(context.template) {
            guard let type = r.type, PolicySchema.kind(type, path) == .identity else { continue }
            for (statements, statementsKey) in SchemaCheck.reach(document, at: at, ["Statement"]) {
                for item in statements.listValue ?? [statements] {
                    for (statement, _) in item.branches() where statement.mapValue != nil {
                        for (message, found) in Self.problems(statement, parameters: parameters, fallback: statementsKey) {
                            let place = isText ? at : found
                            guard seen.insert("\(place.start.offset)|\(message)").inserted else { continue }
                            findings.append(
                                context.finding(Self.self, message, at: place, path: ["Resources", r.logicalId, "Properties"] + path)
                            )
                        }
                    }
                }
            }
        }
    }

    /// What is wrong with one statement: each action with the place to report it (its
    /// `Resource` key, or `fallback` when it has none).
    static func problems(_ statement: Node, parameters: Set<String>, fallback: SourceRange) -> [(String, SourceRange)] {
        var arns: [String] = []
        var byFunction = false
        for key in ["Resource", "NotResource"] {
            for (value, _) in SchemaCheck.reach(statement, at: fallback, [key]) {
                for item in value.listValue ?? [value] {
                    if let s = item.stringValue {
                        if s == "*" || s.containsBytes("{{resolve:") { return [] }
                        if !arns.contains(s) { arns.append(s) }
                    } else if let f = item.functionValue {
                        if f.name == .ref, let target = f.argument.stringValue, parameters.contains(target) { return [] }
                        byFunction = true
                    }
                }
            }
        }
        // At the `Resource` key (a `Fn::If` under it included).
        let place = statement.mapValue?[entry: "Resource"]?.keyRange
        var out: [(String, SourceRange)] = []
        for (actions, _) in SchemaCheck.reach(statement, at: fallback, ["Action"]) {
            for item in actions.listValue ?? [actions] {
                guard let action = item.stringValue, !action.contains("*"), !action.contains("?"),
                    let colon = action.firstIndex(of: ":")
                else { continue }
                let service = action[..<colon].lowercased()
                let permission = action[action.index(after: colon)...].lowercased()
                guard let formats = formats(service, permission), !byFunction else { continue }
                if formats.contains(where: { format in arns.contains { fits($0, format) } }) { continue }
                let shown = formats.count == 1 ? formats[0] : formats.joined(separator: " or ")
                out.append(("'\(action)' acts on resources of the form \(shown): no resource of the statement is one", place ?? fallback))
            }
        }
        return out
    }
}
