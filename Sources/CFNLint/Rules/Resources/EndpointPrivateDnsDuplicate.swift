import CFNModel

/// E3064: two interface VPC endpoints for one service in one VPC, both with private DNS.
struct EndpointPrivateDnsDuplicate: Rule {
    static let info = RuleInfo(
        id: "E3064",
        title: "Second private-DNS interface endpoint for a service in a VPC",
        description: """
            Only one `Interface` `AWS::EC2::VPCEndpoint` per service and VPC can have \
            `PrivateDnsEnabled: true`: the private DNS name is the VPC's for that service, and a \
            second endpoint that claims it fails to create. Endpoints are of one VPC and service \
            when their `VpcId` and `ServiceName` are the same literal, a `Ref` to the same name, \
            a `Fn::GetAtt` of the same resource or the same `Fn::Sub` text. Each endpoint is \
            compared with those written before it, when their conditions (the resource's \
            `Condition` and the `Fn::If` branches taken) can hold together; reported at its \
            `Properties`.
            """,
        passing: [
            """
            Resources:
              Network:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.0.0.0/16
              Queues:
                Type: AWS::EC2::VPCEndpoint
                Properties:
                  VpcEndpointType: Interface
                  PrivateDnsEnabled: true
                  VpcId: !Ref Network
                  ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs
              Topics:
                Type: AWS::EC2::VPCEndpoint
                Properties:
                  VpcEndpointType: Interface
                  PrivateDnsEnabled: true
                  VpcId: !Ref Network
                  ServiceName: !Sub com.amazonaws.${AWS::Region}.sns
            """
        ],
        failing: [
            """
            Resources:
              Network:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.0.0.0/16
              Queues:
                Type: AWS::EC2::VPCEndpoint
                Properties:
                  VpcEndpointType: Interface
                  PrivateDnsEnabled: true
                  VpcId: !Ref Network
                  ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs
              MoreQueues:
                Type: AWS::EC2::VPCEndpoint
                Properties: # <-
                  VpcEndpointType: Interface
                  PrivateDnsEnabled: true
                  VpcId: !Ref Network
                  ServiceName: !Sub com.amazonaws.${AWS::Region}.sqs
            """
        ]
    )

    /// What tells a VPC or a service apart: a literal, a `Ref`'s name, a `Fn::GetAtt`'s
    /// resource, a `Fn::Sub`'s text; nil for anything else (which is not compared).
    static func key(_ node: Node) -> String? {
        if let s = node.stringValue { return s }
        guard let f = node.functionValue else { return nil }
        switch f.name {
        case .ref: return f.refTarget.map { "Ref:" + $0 }
        case .getAtt: return SubnetCidrOverlap.vpcKey(node).map { "GetAtt:" + $0 }
        case .sub: return (f.argument.stringValue ?? f.argument.listValue?.first?.stringValue).map { "Sub:" + $0 }
        default: return nil
        }
    }

    func check(_ context: LintContext, into findings: inout [Finding]) {
        var saved: [String: [[String: Bool]]] = [:]
        for r in context.template.resources where r.type == "AWS::EC2::VPCEndpoint" {
            guard let entry = r.attributes[entry: "Properties"] else { continue }
            var start: [String: Bool] = [:]
            if let c = r.condition { start[c] = true }
            for properties in context.reach(r.node, ["Properties"], start) {
                guard let p = properties.value else { continue }
                for type in context.reach(p, ["VpcEndpointType"], properties.truth) where type.value?.stringValue == "Interface" {
                    for dns in context.reach(p, ["PrivateDnsEnabled"], type.truth) {
                        guard case .bool(true) = dns.value?.value else { continue }
                        for vpc in context.reach(p, ["VpcId"], dns.truth) {
                            guard let vpcKey = vpc.value.flatMap(Self.key) else { continue }
                            for service in context.reach(p, ["ServiceName"], vpc.truth) {
                                guard let serviceKey = service.value.flatMap(Self.key) else { continue }
                                let group = vpcKey + "\u{0}" + serviceKey
                                for other in saved[group] ?? [] {
                                    guard let both = SubnetCidrOverlap.merged(service.truth, other), context.possible(both) else {
                                        continue
                                    }
                                    findings.append(
                                        context.finding(
                                            Self.self,
                                            "\(r.logicalId) is a second interface endpoint with private DNS for this service in this VPC; it fails to create",
                                            at: properties.at ?? entry.keyRange,
                                            path: ["Resources", r.logicalId, "Properties"]
                                        )
                                    )
                                }
                                saved[group, default: []].append(service.truth)
                            }
                        }
                    }
                }
            }
        }
    }
}
