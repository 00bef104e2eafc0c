import CFNModel

/// E3059: a subnet whose CIDR block is outside every CIDR block of its VPC.
struct SubnetCidrInVpc: Rule {
    static let info = RuleInfo(
        id: "E3059",
        title: "Subnet CIDR block outside its VPC's",
        description: """
            An `AWS::EC2::Subnet`'s `CidrBlock` must lie inside one of its VPC's IPv4 blocks (the \
            `AWS::EC2::VPC`'s `CidrBlock` and those of its `AWS::EC2::VPCCidrBlock`s), and its \
            `Ipv6CidrBlock` inside one of the VPC's IPv6 blocks (a VPC without any has no room \
            for one); EC2 refuses the subnet otherwise. The subnets and extra blocks of a VPC \
            are the ones that refer to it. Nothing is judged for a VPC whose blocks are not \
            all written out (an IPAM pool, an Amazon-provided IPv6 block, a function), nor a \
            block that is not a network address (`10.0.0.1/24`). Reported at the subnet's \
            block; each branch of a `Fn::If` is read.
            """,
        passing: [
            """
            Resources:
              Network:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.0.0.0/16
              More:
                Type: AWS::EC2::VPCCidrBlock
                Properties:
                  VpcId: !Ref Network
                  CidrBlock: 10.1.0.0/16
              Public:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: !Ref Network
                  CidrBlock: 10.1.0.0/24
            """
        ],
        failing: [
            """
            Resources:
              Network:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.0.0.0/16
              Public:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: !Ref Network
                  CidrBlock: 10.2.0.0/24 # <-
                  Ipv6CidrBlock: 2001:db8::/64 # <-
            """
        ]
    )

    static let dynamicKeys = ["Ipv4IpamPoolId", "Ipv6IpamPoolId", "Ipv6Pool", "AmazonProvidedIpv6CidrBlock"]
    static let blockKeys = ["CidrBlock", "Ipv6CidrBlock"]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let byName = Dictionary(context.template.resources.map { ($0.logicalId, $0) }, uniquingKeysWith: { a, _ in a })
        vpcs: for vpc in context.template.resources where vpc.type == "AWS::EC2::VPC" {
            guard let index = context.graph.index(of: .resource, vpc.logicalId), vpc.attributes["Properties"] != nil else { continue }
            for properties in context.reach(vpc.node, ["Properties"], [:]) {
                guard let value = properties.value else { continue }
                var v4: [(network: IPNetwork, text: String)] = []
                var v6: [(network: IPNetwork, text: String)] = []
                // A block that is not written out leaves the VPC unjudged (as in cfn-lint).
                for key in Self.dynamicKeys where context.reach(value, [key], properties.truth).contains(where: { $0.value != nil }) {
                    continue vpcs
                }
                for key in Self.blockKeys {
                    for block in context.reach(value, [key], properties.truth) {
                        guard let node = block.value else { continue }
                        guard let text = node.stringValue, let network = IPNetwork(text) else { continue vpcs }
                        // A VPC's own blocks are IPv4 (IPv6 ones come from VPCCidrBlocks).
                        if !network.isV6 { v4.append((network, text)) }
                    }
                }
                var seen: Set<String> = []
                let sources = context.graph.dependents(of: index).compactMap { edge -> Resource? in
                    let vertex = context.graph.vertices[edge.from]
                    guard vertex.kind == .resource, seen.insert(vertex.name).inserted else { return nil }
                    return byName[vertex.name]
                }
                var dynamic = false
                for source in sources where source.type == "AWS::EC2::VPCCidrBlock" {
                    for props in context.reach(source.node, ["Properties"], [:]) {
                        guard let p = props.value else { continue }
                        for key in Self.dynamicKeys where context.reach(p, [key], props.truth).contains(where: { $0.value != nil }) {
                            dynamic = true
                        }
                        for key in Self.blockKeys {
                            for block in context.reach(p, [key], props.truth) {
                                guard let node = block.value else { continue }
                                guard let text = node.stringValue, let network = IPNetwork(text) else {
                                    dynamic = true
                                    continue
                                }
                                if network.isV6 { v6.append((network, text)) } else { v4.append((network, text)) }
                            }
                        }
                    }
                }
                if dynamic { continue }
                for subnet in sources where subnet.type == "AWS::EC2::Subnet" {
                    for props in context.reach(subnet.node, ["Properties"], [:]) {
                        guard let p = props.value else { continue }
                        for key in Self.blockKeys {
                            for block in context.reach(p, [key], props.truth) {
                                guard let text = block.value?.stringValue, let network = IPNetwork(text) else { continue }
                                let room = network.isV6 ? v6 : v4
                                if room.contains(where: { network.isInside($0.network) }) { continue }
                                if !network.isV6 && v4.isEmpty { continue }
                                let at = block.at ?? p.mapValue?[entry: key]?.keyRange ?? subnet.idRange
                                let message =
                                    room.isEmpty
                                    ? "\(subnet.logicalId)'s \(key) \(text) is on VPC \(vpc.logicalId), which has no IPv6 block"
                                    : "\(subnet.logicalId)'s \(key) \(text) is outside every block of VPC \(vpc.logicalId) (\(room.map(\.text).joined(separator: ", ")))"
                                findings.append(
                                    context.finding(Self.self, message, at: at, path: ["Resources", subnet.logicalId, "Properties", key])
                                )
                            }
                        }
                    }
                }
            }
        }
    }
}

extension IPNetwork {
    /// Whether every address of the network is one of `other`'s (blocks nest or are apart).
    func isInside(_ other: IPNetwork) -> Bool {
        isV6 == other.isV6 && prefix >= other.prefix && overlaps(other)
    }
}
