import CFNModel

/// W3010: an availability zone written into a resource's properties.
struct AvailabilityZoneHardcoded: Rule {
    static let info = RuleInfo(
        id: "W3010",
        title: "Availability zone hardcoded",
        description: """
            A zone name such as us-east-1a ties the template to one region and one account: zone \
            names are mapped to physical zones per account, and not every account has every \
            zone. Take zones from !GetAZs or a parameter of type AWS::EC2::AvailabilityZone::Name. \
            Checked in the zone properties of subnets, instances, volumes, hosts, launch \
            templates, spot fleets, Auto Scaling groups, classic load balancers, target groups, \
            RDS, DAX, DMS, EMR, Glue and OpsWorks; the value `all` and anything under an \
            intrinsic function are left alone, and so are templates made by the CDK (they carry \
            an AWS::CDK::Metadata resource).
            """,
        passing: [
            """
            Parameters:
              Zone:
                Type: AWS::EC2::AvailabilityZone::Name
            Resources:
              Volume:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: !Ref Zone
                  Size: 10
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "2"
                  AvailabilityZones: !GetAZs ""
                  LaunchConfigurationName: config
            """
        ],
        failing: [
            """
            Resources:
              Volume:
                Type: AWS::EC2::Volume
                Properties:
                  AvailabilityZone: us-east-1a # <-
                  Size: 10
              Group:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "2"
                  AvailabilityZones:
                    - us-east-1a # <-
                    - !Select [1, !GetAZs ""]
                  LaunchConfigurationName: config
            """
        ]
    )

    /// The property paths that hold zones, by resource type (`*` is every item of a list).
    static let paths: [String: [[String]]] = [
        "AWS::AutoScaling::AutoScalingGroup": [["AvailabilityZones", "*"]],
        "AWS::DAX::Cluster": [["AvailabilityZones", "*"]],
        "AWS::DMS::ReplicationInstance": [["AvailabilityZone"]],
        "AWS::EC2::Host": [["AvailabilityZone"]],
        "AWS::EC2::Instance": [["AvailabilityZone"]],
        "AWS::EC2::LaunchTemplate": [["LaunchTemplateData", "Placement", "AvailabilityZone"]],
        "AWS::EC2::SpotFleet": [
            ["SpotFleetRequestConfigData", "LaunchSpecifications", "*", "Placement", "AvailabilityZone"],
            ["SpotFleetRequestConfigData", "LaunchTemplateConfigs", "*", "Overrides", "*", "AvailabilityZone"],
        ],
        "AWS::EC2::Subnet": [["AvailabilityZone"]],
        "AWS::EC2::Volume": [["AvailabilityZone"]],
        "AWS::ElasticLoadBalancing::LoadBalancer": [["AvailabilityZones", "*"]],
        "AWS::ElasticLoadBalancingV2::TargetGroup": [["Targets", "*", "AvailabilityZone"]],
        "AWS::EMR::Cluster": [["Instances", "Placement", "AvailabilityZone"]],
        "AWS::Glue::Connection": [["ConnectionInput", "PhysicalConnectionRequirements", "AvailabilityZone"]],
        "AWS::OpsWorks::Instance": [["AvailabilityZone"]],
        "AWS::RDS::DBCluster": [["AvailabilityZones", "*"]],
        "AWS::RDS::DBInstance": [["AvailabilityZone"]],
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let resources = context.template.resources
        if resources.contains(where: { $0.type == "AWS::CDK::Metadata" }) { return }
        for r in resources {
            guard let type = r.type, let paths = Self.paths[type], let properties = r.node["Properties"] else { continue }
            for path in paths { visit(properties, path[...], keyRange: nil, context, &findings) }
        }
    }

    /// Follows `path` through plain maps and lists only: a zone chosen by a function is not
    /// hardcoded, whatever literal sits inside it.
    private func visit(
        _ node: Node,
        _ path: ArraySlice<String>,
        keyRange: SourceRange?,
        _ context: LintContext,
        _ findings: inout [Finding]
    ) {
        guard let step = path.first else {
            if let zone = node.stringValue {
                report(zone, keyRange ?? node.range, context, &findings)
            } else if let items = node.listValue {
                // One value that is a list: each zone in it is reported where the value is.
                for item in items { if let zone = item.stringValue { report(zone, keyRange ?? item.range, context, &findings) } }
            }
            return
        }
        if step == "*" {
            for item in node.listValue ?? [] { visit(item, path.dropFirst(), keyRange: nil, context, &findings) }
        } else if let e = node.mapValue?[entry: step] {
            visit(e.value, path.dropFirst(), keyRange: e.keyRange, context, &findings)
        }
    }

    private func report(_ zone: String, _ range: SourceRange, _ context: LintContext, _ findings: inout [Finding]) {
        if zone == "all" { return }
        findings.append(
            context.finding(Self.self, "the availability zone '\(zone)' is hardcoded: take it from !GetAZs or a parameter", at: range)
        )
    }
}
