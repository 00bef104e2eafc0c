import CFNModel
import CFNSchema

/// W1028: a branch of `Fn::If` that no deployment can take.
struct IfUnreachable: Rule {
    static let info = RuleInfo(
        id: "W1028",
        title: "Fn::If branch that is never taken",
        description: """
            Where an `Fn::If` sits already decides some conditions: the resource's or output's \
            own `Condition` is true there, and inside a branch of an outer `Fn::If` its condition \
            is true (first branch) or false (second). A branch whose condition cannot have the \
            value it needs together with those is dead code: `!If [IsProd, !If [IsProd, a, b], \
            c]` never gives `b`. Conditions are read as formulas over their `Fn::Equals` tests, \
            so `IsNotProd: !Not [!Condition IsProd]` is known to be false wherever `IsProd` is \
            true, and two tests of a parameter with `AllowedValues` against different values are never \
            both true (cfn-lint takes the tests of other parameters as unrelated). \
            Checked in resources' properties and outputs' values.
            """,
        passing: [
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
                Properties:
                  TopicName: !If [IsUsEast1, main, backup]
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !If [IsUsEast1, !If [IsProd, main, other], backup]
            """
        ],
        failing: [
            """
            Parameters:
              Env:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsNotProd: !Not [!Condition IsProd]
              IsDev: !Equals [!Ref Env, dev]
              Both: !And [!Condition IsProd, !Condition IsNotProd]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
                Properties:
                  QueueName: !If
                    - Both
                    - never # <-
                    - queue
              Topic:
                Type: AWS::SNS::Topic
                Condition: IsProd
                Properties:
                  TopicName: !If
                    - IsNotProd
                    - never # <-
                    - main
                  DisplayName: !If
                    - IsDev
                    - !If [IsProd, never, dev] # <-
                    - prod
            Outputs:
              Name:
                Condition: IsProd
                Value: !If
                  - IsProd
                  - !GetAtt Topic.TopicName
                  - never # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let template = context.template
        guard let conditions = template.root["Conditions"]?.mapValue, !conditions.isEmpty else { return }
        let scenarios = context.shared.scenarios(template)
        context.eachFunction { f, _, path, _ in
            guard f.name == .if, let args = f.argument.listValue, args.count == 3, let name = args[0].stringValue,
                conditions[name] != nil, path.count >= 3, path[0] == "Resources" || path[2] == "Value",
                let status = IfUnreachable.status(at: path, template, scenarios)
            else { return }
            for branch in [1, 2] {
                let value = branch == 1
                let reachable = status[name].map { $0 == value } ?? scenarios.canHold(status.merging([name: value]) { $1 })
                guard !reachable else { continue }
                findings.append(
                    context.finding(
                        Self.self,
                        status.isEmpty
                            ? "this branch of Fn::If is never taken: condition '\(name)' is never \(value)"
                            : "this branch of Fn::If is never taken: condition '\(name)' cannot be \(value) here"
                                + IfUnreachable.describe(status),
                        at: args[branch].range,
                        path: path + [String(branch)]
                    )
                )
            }
        }
    }

    /// The conditions already decided at the `Fn::If` at `path` (a resource's properties or an
    /// output's value): the resource's or output's `Condition` is true, and each `Fn::If`
    /// around it has the value of the branch it is in. A branch that cannot be taken decides
    /// nothing for what is inside it (which is still read, as cfn-lint reads it). Nil when the
    /// `Condition` itself can never be true: cfn-lint then checks nothing there.
    static func status(at path: [String], _ template: Template, _ scenarios: ConditionScenarios) -> [String: Bool]? {
        guard var node = template.root[path[0]]?[path[1]] else { return [:] }
        var status: [String: Bool] = [:]
        if let own = node["Condition"]?.stringValue {
            guard scenarios.canHold([own: true]) else { return nil }
            status[own] = true
        }
        // The path names map keys, list indices and functions; an Fn::If's argument list is
        // entered through its name, then one of its branches by index.
        var inIf: String?
        for step in path.dropFirst(2) {
            switch node.value {
            case .map(let m):
                guard let next = m[step] else { return status }
                node = next
                inIf = nil
            case .list(let items):
                guard let i = Int(step), items.indices.contains(i) else { return status }
                if let c = inIf, i == 1 || i == 2 {
                    let value = i == 1
                    if status[c] == nil, scenarios.canHold(status.merging([c: value]) { $1 }) { status[c] = value }
                }
                node = items[i]
                inIf = nil
            case .function(let g) where g.name.rawValue == step:
                inIf = g.name == .if ? g.argument.listValue?.first?.stringValue : nil
                node = g.argument
            default:
                return status
            }
        }
        return status
    }

    /// `(where 'A' is true and 'B' is false)`, or nothing when nothing is decided.
    static func describe(_ status: [String: Bool]) -> String {
        guard !status.isEmpty else { return "" }
        return " (where " + status.sorted { $0.key < $1.key }.map { "'\($0.key)' is \($0.value)" }.joined(separator: " and ") + ")"
    }
}
