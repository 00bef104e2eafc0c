import CFNModel
import CFNSchema

/// W1001: a `Ref`, `Fn::GetAtt` or `Fn::Sub` variable naming a resource that may not exist where
/// it is read.
struct ConditionalReference: Rule {
    static let info = RuleInfo(
        id: "W1001",
        title: "Reference to a resource that may not exist",
        description: """
            A resource with a `Condition` exists only when that condition is true. A `Ref`, \
            `Fn::GetAtt` or `${}` variable of `Fn::Sub` naming it from a resource or an output \
            must be read only where the condition is sure to be true: the referring resource's \
            or output's own `Condition`, or the branches of `Fn::If` around the reference, must \
            imply it (a condition implies itself, and `!And [!Condition IsProd, ...]` implies \
            `IsProd`). Otherwise the stack fails to deploy when the condition is false. \
            `DependsOn` is checked by E3005.
            """,
        passing: [
            """
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsProdInUsEast1: !And [!Condition IsProd, !Equals [!Ref AWS::Region, us-east-1]]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: IsProd
              Queue:
                Type: AWS::SQS::Queue
                Condition: IsProdInUsEast1
                Properties:
                  QueueName: !GetAtt Topic.TopicName
              Other:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !If [IsProd, !Ref Topic, !Ref AWS::NoValue]
            Outputs:
              TopicArn:
                Condition: IsProd
                Value: !Ref Topic
            """
        ],
        failing: [
            """
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsUsEast1: !Equals [!Ref AWS::Region, us-east-1]
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Condition: IsProd
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !GetAtt Topic.TopicName # <-
                  Tags:
                    - Key: topic
                      Value: !Sub "${Topic}-queue" # <-
                    - Key: region
                      Value: !If
                        - IsUsEast1
                        - !Ref Topic # <-
                        - none
            Outputs:
              TopicArn:
                Value: !Ref Topic # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        var guarded: [String: String] = [:]
        for r in template.resources { if let c = r.condition { guarded[r.logicalId] = c } }
        guard !guarded.isEmpty else { return }
        // Only the resources and outputs that refer to a resource with a condition are read.
        let graph = context.graph
        var sources: Set<Int> = []
        for e in graph.edges where e.reference.kind != .dependsOn && e.reference.kind != .condition {
            let to = graph.vertices[e.to]
            if to.kind == .resource, guarded[to.name] != nil { sources.insert(e.from) }
        }
        guard !sources.isEmpty else { return }
        let scenarios = context.shared.scenarios(template)
        var walk = Walk(guarded: guarded, scenarios: scenarios, context: context)
        for source in sources.sorted() {
            let v = graph.vertices[source]
            let section: String
            switch v.kind {
            case .resource: section = "Resources"
            case .output: section = "Outputs"
            default: continue
            }
            guard let entry = template.root[section]?.mapValue?[entry: v.name], let attributes = entry.value.mapValue else { continue }
            var on: [String: Set<Bool>] = [:]
            if let own = entry.value["Condition"]?.stringValue { on[own] = [true] }
            for a in attributes.entries where a.key != "DependsOn" {
                walk.visit(a.value, at: a.keyRange, path: [section, v.name, a.key], on: on)
            }
        }
        findings += walk.found
    }

    /// The walk of one resource or output, knowing the branches of `Fn::If` it is in.
    private struct Walk {
        let guarded: [String: String]
        let scenarios: ConditionScenarios
        let context: LintContext
        var found: [Finding] = []

        /// `at`: where a reference in `node` is reported (the key it is the value of, or the
        /// list item itself, as cfn-lint places it). `on`: the values each condition has on
        /// the way here (a resource's or output's `Condition`, the `Fn::If` branches).
        mutating func visit(_ node: Node, at: SourceRange, path: [String], on: [String: Set<Bool>]) {
            switch node.value {
            case .list(let items):
                for (i, item) in items.enumerated() { visit(item, at: item.range, path: path + [String(i)], on: on) }
            case .map(let m):
                for e in m.entries where !e.key.hasPrefix("Fn::ForEach") {
                    visit(e.value, at: e.keyRange, path: path + [e.key], on: on)
                }
            case .function(let f):
                switch f.name {
                case .ref:
                    if let target = f.argument.stringValue { check("Ref", target, at: at, path: path, on: on) }
                case .getAtt:
                    if let target = f.argument.listValue?.first?.stringValue { check("Fn::GetAtt", target, at: at, path: path, on: on) }
                case .sub:
                    let items = f.argument.listValue
                    let string = items?.first ?? f.argument
                    let local = Set(items.flatMap { $0.count > 1 ? $0[1].mapValue?.keys : nil } ?? [])
                    for case .variable(let name, let attribute) in SubTemplate(string.stringValue ?? "").parts
                    where !local.contains(attribute.map { "\(name).\($0)" } ?? name) && ConditionalReference.plain(name, attribute) {
                        check(attribute == nil ? "Fn::Sub variable" : "Fn::Sub attribute", name, at: at, path: path, on: on)
                    }
                default:
                    break
                }
                // cfn-lint keeps no position for a short form's tag: what is inside it is placed
                // where the function is.
                let inner = f.form == .long && f.keyRange.isKnown ? f.keyRange : at
                let fpath = path + [f.name.rawValue]
                if f.name == .if, let args = f.argument.listValue, args.count == 3, let c = args[0].stringValue {
                    for branch in [1, 2] {
                        var next = on
                        next[c, default: []].insert(branch == 1)
                        visit(args[branch], at: args[branch].range, path: fpath + [String(branch)], on: next)
                    }
                } else if f.name != .ref {
                    visit(f.argument, at: inner, path: fpath, on: on)
                }
            default:
                break
            }
        }

        /// Reports `target` when it has a condition that the way here does not make sure of.
        mutating func check(_ kind: String, _ target: String, at: SourceRange, path: [String], on: [String: Set<Bool>]) {
            guard let needed = guarded[target] else { return }
            if let values = on[needed] {
                if values.contains(true) { return }
            } else if !on.isEmpty {
                // A condition taken both ways on the way here: cfn-lint does not say.
                guard on.values.allSatisfy({ $0.count == 1 }) else { return }
                var status = on.mapValues { $0.contains(true) }
                // A condition the template does not define: cfn-lint cannot tell.
                guard status.keys.allSatisfy(scenarios.isDefined), scenarios.isDefined(needed) else { return }
                status[needed] = false
                guard scenarios.canHold(status, everyParameter: true) else { return }
            }
            let way =
                on.isEmpty
                ? ""
                : " here, where "
                    + on.sorted { $0.key < $1.key }.map { "'\($0.key)' is \($0.value.contains(true))" }.joined(separator: " and ")
            found.append(
                context.finding(
                    ConditionalReference.self,
                    "\(kind) names resource '\(target)', which exists only when condition '\(needed)' is true; that is not sure\(way)",
                    at: at,
                    path: path
                )
            )
        }
    }

    /// Whether a `${}` variable is one cfn-lint follows: letters, digits and dots only.
    static func plain(_ name: String, _ attribute: String?) -> Bool {
        let text = attribute.map { "\(name).\($0)" } ?? name
        return !text.isEmpty
            && text.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 46 }
    }
}
