import CFNModel

/// W2010: a `NoEcho` parameter's value written where CloudFormation shows it in clear.
struct NoEchoExposed: Rule {
    static let info = RuleInfo(
        id: "W2010",
        title: "NoEcho parameter shown in Metadata or Outputs",
        description: """
            `NoEcho` masks a parameter's value in the console, the CLI and the API, but not \
            where the template itself copies it: a resource's `Metadata` and the stack's \
            `Outputs` are shown as they are. A `Ref` to the parameter there, or a `${Name}` in a \
            `Fn::Sub`, publishes the secret. Pass it to the resources that need it, or keep it in \
            Secrets Manager or SSM and use a dynamic reference.
            """,
        passing: [
            """
            Parameters:
              DbPassword:
                Type: String
                NoEcho: true
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Metadata:
                  Owner: data-team
                Properties:
                  Engine: postgres
                  DBInstanceClass: db.t3.micro
                  AllocatedStorage: "20"
                  MasterUsername: admin
                  MasterUserPassword: !Ref DbPassword
            Outputs:
              Endpoint:
                Value: !GetAtt Database.Endpoint.Address
            """
        ],
        failing: [
            """
            Parameters:
              ApiToken:
                Type: String
                NoEcho: "true"
            Resources:
              Hook:
                Type: AWS::SNS::Topic
                Metadata:
                  Token: !Ref ApiToken # <-
                  Url: !Sub "https://hooks.example.com/?token=${ApiToken}" # <-
            Outputs:
              Token:
                Value: !Ref ApiToken # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        var secret: Set<String> = []
        for p in template.parameters {
            switch p.node["NoEcho"]?.value {
            case .bool(true)?: secret.insert(p.name)
            case .string(let s)? where ["true", "True", "TRUE"].contains(s): secret.insert(p.name)
            default: break
            }
        }
        guard !secret.isEmpty else { return }
        var seen: Set<SourceRange> = []
        func report(_ name: String, _ place: String, at range: SourceRange, _ path: [String]) {
            guard seen.insert(range).inserted else { return }
            findings.append(
                context.finding(
                    Self.self,
                    "NoEcho parameter \(name) is shown in clear in \(place)",
                    at: range,
                    path: path
                )
            )
        }
        func visit(_ f: Intrinsic, _ path: [String], _ scope: FunctionScope, _ place: String) {
            for name in Self.parameters(f) where secret.contains(name) {
                report(name, place, at: FunctionWalker.argumentRange(f, scope), path)
            }
        }
        for r in template.resources {
            guard let metadata = r.node[entry: "Metadata"] else { continue }
            var path = ["Resources", r.logicalId, "Metadata"]
            var scope = FunctionScope(section: "Resources", resourceType: r.type)
            scope.anchor = metadata.keyRange
            FunctionWalker.walk(metadata.value, &path, &scope) { node, path, scope in
                if let f = node.functionValue { visit(f, path, scope, "the Metadata of \(r.logicalId)") }
            }
        }
        context.eachFunction { f, _, path, scope in
            // An output's Description and Condition take no function; its Value and Export do.
            guard scope.section == "Outputs", path.count > 2, path[2] == "Value" || path[2] == "Export" else { return }
            visit(f, path, scope, "the output \(path[1])")
        }
    }

    /// The parameters a function reads directly: a `Ref`'s target, a `Fn::Sub` string's
    /// `${Name}`s that its own variables do not define.
    static func parameters(_ f: Intrinsic) -> [String] {
        switch f.name {
        case .ref:
            return f.refTarget.map { [$0] } ?? []
        case .sub:
            let items = f.argument.listValue
            guard let text = (items?.first ?? f.argument).stringValue else { return [] }
            let locals = Set(items.flatMap { $0.count > 1 ? $0[1].mapValue?.keys : nil } ?? [])
            return SubTemplate(text).variables.filter { $0.attribute == nil && !locals.contains($0.name) }.map(\.name)
        default:
            return []
        }
    }
}
