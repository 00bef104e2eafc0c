import CFNModel

/// E3049: an ECS service whose container has a dynamic host port behind a target group that
/// health-checks another port than the traffic one.
struct ServiceDynamicPortHealthCheck: Rule {
    static let info = RuleInfo(
        id: "E3049",
        title: "Dynamic host port behind a target group without traffic-port health checks",
        description: """
            When an `AWS::ECS::Service` puts a container of its task definition behind an \
            `AWS::ElasticLoadBalancingV2::TargetGroup` (`LoadBalancers`: `ContainerName`, \
            `ContainerPort`, `TargetGroupArn`) and the task definition maps that container port \
            to host port 0 (a dynamic port, chosen per task), the target group can only reach \
            the task on the port it registered: its `HealthCheckPort` must be `traffic-port` \
            (the default it takes when none is given is not assumed: cfn-lint 1.51.0 asks for it \
            written). Otherwise every task fails its health checks. Reported on the target \
            group's `HealthCheckPort` (its `Properties`, or its logical id, when there is none). \
            The task definition and the target group are those the service names by `Ref` or \
            `Fn::GetAtt`; each branch of a `Fn::If` is read, with the resources' conditions.
            """,
        passing: [
            """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: web
                      Image: nginx
                      PortMappings: [{ContainerPort: 80, HostPort: 0}]
              Targets:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties:
                  Port: 80
                  Protocol: HTTP
                  VpcId: vpc-0123456789abcdef0
                  HealthCheckPort: traffic-port
              Service:
                Type: AWS::ECS::Service
                Properties:
                  Cluster: default
                  TaskDefinition: !Ref Task
                  LoadBalancers:
                    - {ContainerName: web, ContainerPort: 80, TargetGroupArn: !Ref Targets}
            """
        ],
        failing: [
            """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  ContainerDefinitions:
                    - Name: web
                      Image: nginx
                      PortMappings: [{ContainerPort: 80, HostPort: 0}]
              Targets:
                Type: AWS::ElasticLoadBalancingV2::TargetGroup
                Properties:
                  Port: 80
                  Protocol: HTTP
                  VpcId: vpc-0123456789abcdef0
                  HealthCheckPort: "80" # <-
              Service:
                Type: AWS::ECS::Service
                Properties:
                  Cluster: default
                  TaskDefinition: !Ref Task
                  LoadBalancers:
                    - {ContainerName: web, ContainerPort: 80, TargetGroupArn: !Ref Targets}
            """
        ]
    )

    /// The resource a `Ref` or a `Fn::GetAtt` names.
    static func named(_ node: Node) -> String? {
        guard let f = node.functionValue else { return nil }
        if f.name == .ref { return f.refTarget }
        if f.name == .getAtt { return SubnetCidrOverlap.vpcKey(node) }
        return nil
    }

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let byName = Dictionary(context.template.resources.map { ($0.logicalId, $0) }, uniquingKeysWith: { a, _ in a })
        /// The resource of `type` named `name`, and the conditions with its own added (nil when they cannot hold).
        func resource(_ name: String, _ type: String, _ truth: [String: Bool]) -> (Resource, [String: Bool])? {
            guard let r = byName[name], r.type == type else { return nil }
            guard let c = r.condition else { return (r, truth) }
            guard let both = SubnetCidrOverlap.merged(truth, [c: true]), context.possible(both) else { return nil }
            return (r, both)
        }
        for service in context.template.resources where service.type == "AWS::ECS::Service" {
            var start: [String: Bool] = [:]
            if let c = service.condition { start[c] = true }
            for properties in context.reach(service.node, ["Properties"], start) {
                guard let p = properties.value else { continue }
                for task in context.reach(p, ["TaskDefinition"], properties.truth) {
                    guard let taskName = task.value.flatMap(Self.named) else { continue }
                    for balancer in items(context, p, "LoadBalancers", task.truth) {
                        guard let lb = balancer.value else { continue }
                        for name in context.reach(lb, ["ContainerName"], balancer.truth) {
                            guard let containerName = name.value?.stringValue else { continue }
                            for port in context.reach(lb, ["ContainerPort"], name.truth) {
                                guard let containerPort = port.value.flatMap(AwsVpcHostPort.port) else { continue }
                                for group in context.reach(lb, ["TargetGroupArn"], port.truth) {
                                    guard let groupName = group.value.flatMap(Self.named),
                                        let (taskDefinition, taskTruth) = resource(taskName, "AWS::ECS::TaskDefinition", group.truth)
                                    else { continue }
                                    for truth in dynamicPorts(context, taskDefinition, containerName, containerPort, taskTruth) {
                                        guard
                                            let (targets, groupTruth) = resource(
                                                groupName,
                                                "AWS::ElasticLoadBalancingV2::TargetGroup",
                                                truth
                                            )
                                        else { continue }
                                        report(context, service, containerName, targets, groupTruth, into: &findings)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The conditions under which the task definition maps the container's port to host port 0.
    private func dynamicPorts(
        _ context: LintContext,
        _ task: Resource,
        _ name: String,
        _ port: String,
        _ truth: [String: Bool]
    ) -> [[String: Bool]] {
        var out: [[String: Bool]] = []
        for properties in context.reach(task.node, ["Properties"], truth) {
            guard let p = properties.value else { continue }
            for container in items(context, p, "ContainerDefinitions", properties.truth) {
                guard let c = container.value else { continue }
                for n in context.reach(c, ["Name"], container.truth) where n.value?.stringValue == name {
                    for mapping in items(context, c, "PortMappings", n.truth) {
                        guard let m = mapping.value else { continue }
                        for cp in context.reach(m, ["ContainerPort"], mapping.truth) where cp.value.flatMap(AwsVpcHostPort.port) == port {
                            for hp in context.reach(m, ["HostPort"], cp.truth) where hp.value.flatMap(AwsVpcHostPort.port) == "0" {
                                out.append(hp.truth)
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Each item of the list under `key` (through the `Fn::If`s around the list and its items).
    private func items(_ context: LintContext, _ node: Node, _ key: String, _ truth: [String: Bool]) -> [ReachedValue] {
        context.reach(node, [key], truth).flatMap { list in
            (list.value?.listValue ?? []).flatMap { context.reach($0, [], list.truth) }
        }
    }

    private func report(
        _ context: LintContext,
        _ service: Resource,
        _ container: String,
        _ targets: Resource,
        _ truth: [String: Bool],
        into findings: inout [Finding]
    ) {
        let path = ["Resources", targets.logicalId, "Properties", "HealthCheckPort"]
        let message =
            "\(targets.logicalId) must health-check 'traffic-port': \(service.logicalId) puts container '\(container)' behind it on a dynamic host port"
        for properties in context.reach(targets.node, ["Properties"], truth) {
            guard let p = properties.value else {
                findings.append(context.finding(Self.self, message, at: properties.at ?? targets.idRange, path: path))
                continue
            }
            for check in context.reach(p, ["HealthCheckPort"], properties.truth) {
                if let v = check.value, v.stringValue == "traffic-port" || AwsVpcHostPort.port(v) == nil && v.stringValue == nil {
                    continue
                }
                let at =
                    check.at
                    ?? (check.value == nil
                        ? properties.at ?? targets.attributes[entry: "Properties"]?.keyRange
                        : p.mapValue?[entry: "HealthCheckPort"]?.keyRange)
                findings.append(context.finding(Self.self, message, at: at ?? targets.idRange, path: path))
            }
        }
    }
}
