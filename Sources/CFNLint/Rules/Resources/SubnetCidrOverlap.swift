import CFNModel

/// E3060: two subnets of one VPC whose CIDR blocks overlap.
struct SubnetCidrOverlap: Rule {
    static let info = RuleInfo(
        id: "E3060",
        title: "Subnets of one VPC with overlapping CIDR blocks",
        description: """
            The `CidrBlock`s (and the `Ipv6CidrBlock`s) of the `AWS::EC2::Subnet`s of one VPC \
            must not overlap: the second subnet fails to create. Subnets are of one VPC when \
            their `VpcId` is the same literal, a `Ref` to the same name, or a `Fn::GetAtt` of \
            the same resource; a subnet is compared with those written before it, and reported \
            at its `Properties`. A block that is not a network address (`10.0.0.1/24` has host \
            bits set) is not compared. A `Fn::If` in `VpcId` or in a block is followed into each \
            branch, and two blocks are compared only when their conditions (a subnet's \
            `Condition` included) can hold together.
            """,
        passing: [
            """
            Resources:
              Network:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.0.0.0/16
              PublicSubnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: !Ref Network
                  CidrBlock: 10.0.0.0/24
              PrivateSubnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: !Ref Network
                  CidrBlock: 10.0.1.0/24
            """
        ],
        failing: [
            """
            Parameters:
              Stage:
                Type: String
                AllowedValues: [prod, dev]
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              Network:
                Type: AWS::EC2::VPC
                Properties:
                  CidrBlock: 10.0.0.0/16
              PublicSubnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: !Ref Network
                  CidrBlock: 10.0.0.0/23
                  Ipv6CidrBlock: 2001:db8:1234:1a00::/64
              PrivateSubnet:
                Type: AWS::EC2::Subnet
                Properties: # <-
                  VpcId: !GetAtt Network.VpcId
                  CidrBlock: !If [IsProd, 10.0.1.0/24, 10.0.4.0/24]
              SpareSubnet:
                Type: AWS::EC2::Subnet
                Properties: # <-
                  VpcId: !Ref Network
                  CidrBlock: 10.0.8.0/24
                  Ipv6CidrBlock: 2001:db8:1234:1a00::/56
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        var saved: [String: [(network: IPNetwork, text: String, subnet: String, truth: [String: Bool])]] = [:]
        for r in context.template.resources where r.type == "AWS::EC2::Subnet" {
            let entry = r.attributes[entry: "Properties"]
            guard let properties = entry?.value ?? Node(.map(Map())) as Node?, properties.mapValue != nil else { continue }
            let at = entry?.keyRange ?? r.idRange
            var start: [String: Bool] = [:]
            if let c = r.condition { start[c] = true }
            var reported: Set<String> = []
            vpcs: for vpc in context.reach(properties, ["VpcId"], start) {
                guard let vpcId = vpc.value, let key = Self.vpcKey(vpcId) else { break vpcs }
                for name in ["CidrBlock", "Ipv6CidrBlock"] {
                    for block in context.reach(properties, [name], vpc.truth) {
                        guard let text = block.value?.stringValue, let network = IPNetwork(text) else { continue }
                        for other in saved[key] ?? [] {
                            guard let both = Self.merged(block.truth, other.truth), context.possible(both),
                                network.overlaps(other.network)
                            else { continue }
                            guard reported.insert("\(network) \(other.network)").inserted else { continue }
                            findings.append(
                                context.finding(
                                    Self.self,
                                    "\(r.logicalId)'s \(name) \(text) overlaps \(other.text) of \(other.subnet), a subnet of the same VPC",
                                    at: at,
                                    path: ["Resources", r.logicalId, "Properties", name]
                                )
                            )
                        }
                        saved[key, default: []].append((network, text, r.logicalId, block.truth))
                    }
                }
            }
        }
    }

    /// What tells the VPC: a literal id, a `Ref`'s name or a `Fn::GetAtt`'s resource; nil for
    /// anything else (which ends the subnet's check, as it does cfn-lint's).
    static func vpcKey(_ node: Node) -> String? {
        if let s = node.stringValue { return s }
        guard let f = node.functionValue else { return nil }
        switch f.name {
        case .ref: return f.refTarget
        case .getAtt:
            guard let first = f.argument.listValue?.first?.stringValue ?? f.argument.stringValue else { return nil }
            return String(first.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        default: return nil
        }
    }

    /// Both sets of condition values, nil when they disagree on one.
    static func merged(_ a: [String: Bool], _ b: [String: Bool]) -> [String: Bool]? {
        var out = a
        for (name, value) in b {
            if let set = out[name], set != value { return nil }
            out[name] = value
        }
        return out
    }
}

/// An IPv4 or IPv6 network (`10.0.0.0/16`, `2001:db8::/56`, or one address), read strictly: the
/// bits past the prefix must be zero, an IPv4 part has no leading zero.
struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    var isV6: Bool
    var address: UInt128
    var prefix: Int

    init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let host = String(parts[0])
        if let v4 = Self.ipv4(host) {
            isV6 = false
            address = UInt128(v4)
        } else if let v6 = Self.ipv6(host) {
            isV6 = true
            address = v6
        } else {
            return nil
        }
        let width = isV6 ? 128 : 32
        if parts.count == 2 {
            let p = parts[1]
            guard !p.isEmpty, p.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(p), n <= width else { return nil }
            prefix = n
        } else {
            prefix = width
        }
        guard address & ~mask == 0 else { return nil }
    }

    private var width: Int { isV6 ? 128 : 32 }

    /// The network's bits.
    private var mask: UInt128 {
        let all: UInt128 = isV6 ? ~0 : UInt128(UInt32.max)
        guard prefix > 0 else { return 0 }
        return (all >> (width - prefix)) << (width - prefix)
    }

    private var last: UInt128 { address | (~mask & (isV6 ? ~0 : UInt128(UInt32.max))) }

    /// Whether the two share an address (an IPv4 and an IPv6 network never do).
    func overlaps(_ other: IPNetwork) -> Bool {
        isV6 == other.isV6 && address <= other.last && other.address <= last
    }

    var description: String { "\(isV6 ? "v6" : "v4"):\(address)/\(prefix)" }

    static func ipv4(_ s: String) -> UInt32? {
        let octets = s.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for o in octets {
            guard (1...3).contains(o.count), o.allSatisfy({ $0.isASCII && $0.isNumber }), o == "0" || !o.hasPrefix("0"),
                let n = UInt32(o), n <= 255
            else { return nil }
            value = value << 8 | n
        }
        return value
    }

    static func ipv6(_ s: String) -> UInt128? {
        guard s.contains(":") else { return nil }
        var groups: [UInt16] = []
        var tail = s[...]
        var v4: UInt32?
        if let lastColon = s.lastIndex(of: ":"), s[s.index(after: lastColon)...].contains(".") {
            guard let a = ipv4(String(s[s.index(after: lastColon)...])) else { return nil }
            v4 = a
            tail = s[...lastColon]
            // Keep a `::` that ends right before the IPv4 part; drop a single separating colon.
            if !tail.hasSuffix("::") { tail = tail.dropLast() }
        }
        // Split at `::` (at most one): the zero groups it stands for go between the halves.
        var halves: [String] = []
        var current = ""
        var i = tail.startIndex
        while i < tail.endIndex {
            let next = tail.index(after: i)
            if tail[i] == ":", next < tail.endIndex, tail[next] == ":" {
                halves.append(current)
                current = ""
                i = tail.index(after: next)
                continue
            }
            current.append(tail[i])
            i = next
        }
        halves.append(current)
        guard halves.count <= 2 else { return nil }
        func hextets(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            for h in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(h.count), h.allSatisfy(\.isHexDigit), let n = UInt16(h, radix: 16) else { return nil }
                out.append(n)
            }
            return out
        }
        let needed = v4 == nil ? 8 : 6
        guard let head = hextets(halves[0]) else { return nil }
        if halves.count == 2 {
            guard let rest = hextets(halves[1]), head.count + rest.count < needed else { return nil }
            groups = head + Array(repeating: 0, count: needed - head.count - rest.count) + rest
        } else {
            guard head.count == needed else { return nil }
            groups = head
        }
        var value: UInt128 = 0
        for g in groups { value = value << 16 | UInt128(g) }
        if let v4 { value = value << 32 | UInt128(v4) }
        return value
    }
}
