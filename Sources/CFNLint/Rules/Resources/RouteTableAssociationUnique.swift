import CFNModel

/// E3022: a subnet associated with more than one route table.
struct RouteTableAssociationUnique: Rule {
    static let info = RuleInfo(
        id: "E3022",
        title: "Subnet associated with several route tables",
        description: """
            A subnet has one route table: two `AWS::EC2::SubnetRouteTableAssociation`s of the same \
            `SubnetId` fail at deploy time (the second one finds the subnet taken). Each \
            association is reported, naming the others. Associations under different resource \
            conditions, or whose `SubnetId` depends on a condition, are not compared.
            """,
        passing: [
            """
            Resources:
              PublicAssociation:
                Type: AWS::EC2::SubnetRouteTableAssociation
                Properties:
                  SubnetId: !Ref PublicSubnet
                  RouteTableId: !Ref PublicRoutes
              PrivateAssociation:
                Type: AWS::EC2::SubnetRouteTableAssociation
                Properties:
                  SubnetId: !Ref PrivateSubnet
                  RouteTableId: !Ref PrivateRoutes
            """
        ],
        failing: [
            """
            Resources:
              PublicAssociation:
                Type: AWS::EC2::SubnetRouteTableAssociation
                Properties:
                  SubnetId: !Ref Subnet # <-
                  RouteTableId: !Ref PublicRoutes
              PrivateAssociation:
                Type: AWS::EC2::SubnetRouteTableAssociation
                Properties:
                  SubnetId: !Ref Subnet # <-
                  RouteTableId: !Ref PrivateRoutes
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        // Subnet (written as the value's JSON text) -> the associations naming it.
        var bySubnet: [String: [(name: String, range: SourceRange)]] = [:]
        var order: [String] = []
        for r in context.template.resources where r.type == "AWS::EC2::SubnetRouteTableAssociation" {
            guard let subnet = r.node["Properties"]?[entry: "SubnetId"], !subnet.value.containsFunction(.if) else { continue }
            let key = (r.node["Condition"]?.stringValue ?? "") + "\u{0}" + String(decoding: Formatter.json(subnet.value), as: UTF8.self)
            if bySubnet[key] == nil { order.append(key) }
            bySubnet[key, default: []].append((r.logicalId, subnet.keyRange))
        }
        for key in order {
            guard let group = bySubnet[key], group.count > 1 else { continue }
            for a in group {
                let others = group.filter { $0.name != a.name }.map(\.name).joined(separator: ", ")
                findings.append(context.finding(Self.self, "The SubnetId of \(a.name) is also associated by \(others)", at: a.range))
            }
        }
    }
}

extension Node {
    /// Whether the node holds a call of `name` anywhere inside.
    func containsFunction(_ name: FunctionName) -> Bool {
        switch value {
        case .function(let f): return f.name == name || f.argument.containsFunction(name)
        case .list(let items): return items.contains { $0.containsFunction(name) }
        case .map(let m): return m.entries.contains { $0.value.containsFunction(name) }
        default: return false
        }
    }
}
