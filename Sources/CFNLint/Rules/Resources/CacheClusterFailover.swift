import CFNModel

/// E3026: a Redis replication group in cluster mode without automatic failover or replicas.
struct CacheClusterFailover: Rule {
    static let info = RuleInfo(
        id: "E3026",
        title: "Redis cluster mode without automatic failover or enough cache clusters",
        description: """
            An `AWS::ElastiCache::ReplicationGroup` whose `CacheParameterGroupName` is a `Ref` \
            to a parameter group of the template that sets `cluster-enabled: "yes"` runs Redis \
            in cluster mode, which needs automatic failover: `AutomaticFailoverEnabled` must be \
            left out or true, and, unless `NumNodeGroups` is set, `NumCacheClusters` must be \
            more than one (left out, it is one). Each problem is reported at the `Ref`. A \
            `Fn::If` in the replication group's properties or in the parameter group's \
            parameters is read once per combination of conditions that can hold together, \
            leaving out those that the `Fn::If`s around the `Ref` rule out; a \
            `cluster-enabled` that is not the string `yes` (`yes` unquoted in YAML is a \
            boolean) is not cluster mode.
            """,
        passing: [
            """
            Resources:
              ClusterParameters:
                Type: AWS::ElastiCache::ParameterGroup
                Properties:
                  Description: Redis in cluster mode
                  CacheParameterGroupFamily: redis7
                  Properties:
                    cluster-enabled: "yes"
              Sessions:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties:
                  ReplicationGroupDescription: Session store
                  Engine: redis
                  CacheNodeType: cache.r7g.large
                  CacheParameterGroupName: !Ref ClusterParameters
                  AutomaticFailoverEnabled: true
                  NumNodeGroups: 2
                  ReplicasPerNodeGroup: 1
            """
        ],
        failing: [
            """
            Parameters:
              Sharded:
                Type: String
                AllowedValues: ["yes", "no"]
            Conditions:
              IsSharded: !Equals [!Ref Sharded, "yes"]
            Resources:
              ClusterParameters:
                Type: AWS::ElastiCache::ParameterGroup
                Properties:
                  Description: Redis in cluster mode
                  CacheParameterGroupFamily: redis7
                  Properties:
                    cluster-enabled: "yes"
              PlainParameters:
                Type: AWS::ElastiCache::ParameterGroup
                Properties:
                  Description: Redis without cluster mode
                  CacheParameterGroupFamily: redis7
                  Properties:
                    cluster-enabled: "no"
              Sessions:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties:
                  ReplicationGroupDescription: Session store
                  Engine: redis
                  CacheNodeType: cache.r7g.large
                  CacheParameterGroupName: !Ref ClusterParameters # <-
                  AutomaticFailoverEnabled: false
                  NumCacheClusters: 1
              Cache:
                Type: AWS::ElastiCache::ReplicationGroup
                Properties:
                  ReplicationGroupDescription: Page cache
                  Engine: redis
                  CacheNodeType: cache.r7g.large
                  CacheParameterGroupName: !If
                    - IsSharded
                    - !Ref ClusterParameters # <-
                    - !Ref PlainParameters
                  AutomaticFailoverEnabled: !If [IsSharded, false, true]
                  NumNodeGroups: 2
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let resources = context.template.root["Resources"]?.mapValue ?? Map()
        for r in context.template.resources where r.type == "AWS::ElastiCache::ReplicationGroup" {
            guard let properties = r.node["Properties"], properties.mapValue != nil,
                let name = properties.mapValue?["CacheParameterGroupName"]
            else { continue }
            var onPath: [String: Set<Bool>] = [:]
            if let c = r.condition { onPath[c] = [true] }
            var reported: Set<String> = []
            for (ref, conditions) in refs(name, onPath) {
                guard let target = ref.functionValue?.refTarget, let group = resources[target] else { continue }
                let parameters = group["Properties"]?.mapValue?["Properties"] ?? Node(.null)
                let own = properties.ifConditions()
                let names = own + parameters.ifConditions().filter { !own.contains($0) }
                let at = ref.functionValue.map { $0.form == .long ? $0.keyRange : ref.range } ?? ref.range
                for truth in context.scenarios(of: names) {
                    // A scenario that the Fn::Ifs around the Ref rule out is not this Ref's.
                    if truth.contains(where: { name, value in conditions[name].map { !$0.contains(value) } ?? false }) { continue }
                    guard let params = parameters.resolved(truth)?.mapValue, case .string("yes") = params["cluster-enabled"]?.value,
                        let group = properties.resolved(truth)?.mapValue
                    else { continue }
                    let when = describe(truth)
                    // Each problem once, whichever scenarios show it.
                    func report(_ problem: String) {
                        let message = "\(r.logicalId) runs Redis in cluster mode (\(target) sets cluster-enabled)\(when)" + problem
                        guard reported.insert(message).inserted else { return }
                        findings.append(
                            context.finding(Self.self, message, at: at, path: ["Resources", r.logicalId, "Properties", "CacheParameterGroupName"]))
                    }
                    if let failover = group["AutomaticFailoverEnabled"], failover.isFalse {
                        report(", which needs AutomaticFailoverEnabled left out or true")
                    }
                    guard !(group["NumNodeGroups"]?.isSet ?? false) else { continue }
                    let clusters: Double?
                    switch group["NumCacheClusters"]?.value {
                    case nil: clusters = 0
                    case .number(let n)?: clusters = n.doubleValue
                    case .bool(let b)?: clusters = b ? 1 : 0
                    default: clusters = nil  // a string or a function: cfn-lint cannot compare it
                    }
                    guard let clusters, clusters <= 1 else { continue }
                    report(" without NumNodeGroups, so NumCacheClusters must be more than one")
                }
            }
        }
    }

    /// The `Ref`s that the value can be, through `Fn::If` branches and list items, each with
    /// the condition values on its way.
    private func refs(_ node: Node, _ conditions: [String: Set<Bool>]) -> [(Node, [String: Set<Bool>])] {
        switch node.value {
        case .list(let items): return items.flatMap { refs($0, conditions) }
        case .function(let f) where f.name == .ref: return [(node, conditions)]
        case .function(let f) where f.name == .if:
            guard let args = f.argument.listValue, args.count == 3, let c = args[0].stringValue else { return [] }
            var whenTrue = conditions
            whenTrue[c, default: []].insert(true)
            var whenFalse = conditions
            whenFalse[c, default: []].insert(false)
            return refs(args[1], whenTrue) + refs(args[2], whenFalse)
        default: return []
        }
    }

    private func describe(_ truth: [String: Bool]) -> String {
        guard !truth.isEmpty else { return "" }
        return " when " + truth.sorted { $0.key < $1.key }.map { "\($0.key) is \($0.value)" }.joined(separator: " and ")
    }
}

extension Node {
    /// Whether the value reads as false where CloudFormation wants a boolean, as cfn-lint
    /// compares it: `false`, or a string other than `true` (in any case).
    var isFalse: Bool {
        switch value {
        case .bool(let b): return !b
        case .string(let s): return s.lowercased() != "true"
        default: return false
        }
    }
}
