import CFNModel

/// W3671: `Iops` on an EBS volume type that has no provisioned IOPS.
struct EbsIopsIgnored: Rule {
    static let info = RuleInfo(
        id: "W3671",
        title: "Iops given for an EBS volume type that ignores it",
        description: """
            Only `io1`, `io2` and `gp3` volumes take a number of provisioned IOPS; for `gp2`, \
            `st1`, `sc1` and `standard` (in any case) the `Iops` of a block device mapping's \
            `Ebs` is dropped without a word. The finding is at `Iops`. Block device mappings of \
            `AWS::EC2::Instance`, `AWS::EC2::LaunchTemplate`, `AWS::EC2::SpotFleet`, \
            `AWS::AutoScaling::LaunchConfiguration` and `AWS::OpsWorks::Instance` are read; a \
            `VolumeType` a function gives is not judged.
            """,
        passing: [
            """
            Resources:
              Db:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  BlockDeviceMappings:
                    - DeviceName: /dev/sdf
                      Ebs:
                        VolumeType: gp3
                        Iops: 4000
                    - DeviceName: /dev/sdg
                      Ebs:
                        VolumeType: gp2
                        VolumeSize: 100
            """
        ],
        failing: [
            """
            Resources:
              Template:
                Type: AWS::EC2::LaunchTemplate
                Properties:
                  LaunchTemplateData:
                    BlockDeviceMappings:
                      - DeviceName: /dev/sdf
                        Ebs:
                          VolumeType: st1
                          Iops: 500 # <-
            """
        ]
    )

    /// Where each type keeps its block device mappings' `Ebs` (`*`: every item).
    static let paths: [String: [String]] = [
        "AWS::EC2::Instance": ["BlockDeviceMappings", "*", "Ebs"],
        "AWS::EC2::LaunchTemplate": ["LaunchTemplateData", "BlockDeviceMappings", "*", "Ebs"],
        "AWS::EC2::SpotFleet": ["SpotFleetRequestConfigData", "LaunchSpecifications", "*", "BlockDeviceMappings", "*", "Ebs"],
        "AWS::AutoScaling::LaunchConfiguration": ["BlockDeviceMappings", "*", "Ebs"],
        "AWS::OpsWorks::Instance": ["BlockDeviceMappings", "*", "Ebs"],
    ]

    static let noIops: Set<String> = ["gp2", "st1", "sc1", "standard"]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources {
            guard let type = r.type, let path = Self.paths[type], let properties = r.node["Properties"] else { continue }
            for (ebs, _) in SchemaCheck.reach(properties, at: properties.range, path[...]) {
                guard let map = ebs.mapValue, let volume = map["VolumeType"]?.stringValue, Self.noIops.contains(volume.lowercased()),
                    let iops = map[entry: "Iops"]
                else { continue }
                findings.append(
                    context.finding(
                        Self.self,
                        "Iops is ignored: a '\(volume)' volume has no provisioned IOPS (io1, io2 and gp3 do)",
                        at: iops.keyRange
                    )
                )
            }
        }
    }
}
