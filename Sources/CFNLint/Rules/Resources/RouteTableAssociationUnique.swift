import CFNModel

/// E3022: a subnet associated with more than one route table.
struct RouteTableAssociationUnique: Rule {
    static let info = RuleInfo(
        id: "E3022",
        title: "Subnet associated with several route tables",
        description: """
            A subnet has one route table: two `AWS::EC2::SubnetRouteTableAssociation`s of the same \
            `SubnetId` fail at deploy time (the second one finds the subnet taken). Each \
            association that can exist together with another one of the same subnet (both always, \
            or under the same condition) is reported, naming the others; each branch of a \
            `Fn::If` counts as a possible subnet.
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
        struct Association {
            var name: String
            var condition: String?
            var subnets: Set<String>
            var range: SourceRange
        }
        var all: [Association] = []
        var bySubnet: [String: [Int]] = [:]
        for r in context.template.resources where r.type == "AWS::EC2::SubnetRouteTableAssociation" {
            guard let subnet = r.node["Properties"]?[entry: "SubnetId"] else { continue }
            let subnets = Set(subnet.value.branches().map(\.0).map { String(decoding: Formatter.json($0), as: UTF8.self) })
            for s in subnets { bySubnet[s, default: []].append(all.count) }
            all.append(Association(name: r.logicalId, condition: r.node["Condition"]?.stringValue, subnets: subnets, range: subnet.keyRange))
        }
        for (k, a) in all.enumerated() {
            // Another association that exists whenever this one does takes the subnet from it.
            var others: [String] = []
            for s in a.subnets.sorted() {
                for j in bySubnet[s] ?? [] where j != k && (all[j].condition == nil || all[j].condition == a.condition) {
                    if !others.contains(all[j].name) { others.append(all[j].name) }
                }
            }
            if !others.isEmpty {
                findings.append(context.finding(Self.self, "The SubnetId of \(a.name) is also associated by \(others.joined(separator: ", "))", at: a.range))
            }
        }
    }
}
