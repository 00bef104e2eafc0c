import CFNModel

/// E3053: a port mapping of an `awsvpc` task definition whose host port is not its container port.
struct AwsVpcHostPort: Rule {
    static let info = RuleInfo(
        id: "E3053",
        title: "awsvpc host port differs from the container port",
        description: """
            In an `AWS::ECS::TaskDefinition` whose `NetworkMode` is `awsvpc`, each task has a \
            network interface of its own, so a port mapping's `HostPort` is left out or equals \
            its `ContainerPort`; ECS refuses any other. Reported on the `HostPort`. Each branch \
            of a `Fn::If` is read, the branches of one condition together; a port given by \
            another function is not judged.
            """,
        passing: [
            """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  NetworkMode: awsvpc
                  RequiresCompatibilities: [FARGATE]
                  Cpu: "256"
                  Memory: "512"
                  ContainerDefinitions:
                    - Name: web
                      Image: nginx
                      PortMappings:
                        - ContainerPort: 80
                          HostPort: 80
                        - ContainerPort: 443
            """
        ],
        failing: [
            """
            Resources:
              Task:
                Type: AWS::ECS::TaskDefinition
                Properties:
                  NetworkMode: awsvpc
                  RequiresCompatibilities: [FARGATE]
                  Cpu: "256"
                  Memory: "512"
                  ContainerDefinitions:
                    - Name: web
                      Image: nginx
                      PortMappings:
                        - ContainerPort: 80
                          HostPort: 8080 # <-
            """
        ]
    )

    /// A port as cfn-lint compares them: a string or a whole number, as text.
    static func port(_ node: Node) -> String? {
        switch node.value {
        case .string(let s): return s
        case .number(let n) where n.kind == .integer: return n.canonical
        default: return nil
        }
    }

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for (r, properties, _) in context.propertyValues(["AWS::ECS::TaskDefinition": [[]]]) {
            guard let modes = properties.mapValue?["NetworkMode"] else { continue }
            for (mode, whenMode) in modes.branches() where mode.stringValue == "awsvpc" {
                let mappings = SchemaCheck.reach(properties, at: properties.range, ["ContainerDefinitions", "*", "PortMappings", "*"])
                for (mapping, _) in mappings {
                    guard let map = mapping.mapValue, let host = map[entry: "HostPort"], let container = map["ContainerPort"] else {
                        continue
                    }
                    // A port given by a Fn::If is reported where cfn-lint keeps a position for it:
                    // the Fn::If key in the long form, HostPort's key for a YAML tag.
                    let f = host.value.functionValue
                    let at = f.map { $0.form == .long && $0.keyRange.isKnown ? $0.keyRange : host.keyRange } ?? host.keyRange
                    for (hostValue, whenHost) in host.value.branches() {
                        guard !CertificateValidationDomain.contradict(whenMode, whenHost), let hostPort = Self.port(hostValue) else {
                            continue
                        }
                        for (containerValue, whenContainer) in container.branches()
                        where !CertificateValidationDomain.contradict(whenMode + whenHost, whenContainer) {
                            guard let containerPort = Self.port(containerValue), containerPort != hostPort else { continue }
                            findings.append(
                                context.finding(
                                    Self.self,
                                    "\(r.logicalId): with awsvpc networking, HostPort \(hostPort) must be left out or equal ContainerPort \(containerPort)",
                                    at: at,
                                    path: ["Resources", r.logicalId, "Properties", "ContainerDefinitions"]
                                )
                            )
                        }
                    }
                }
            }
        }
    }
}
