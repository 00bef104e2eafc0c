import CFNModel

/// W3698: a block device mapping with both `VirtualName` and `Ebs`, where EC2 drops the name.
struct BlockDeviceVirtualNameIgnored: Rule {
    static let info = RuleInfo(
        id: "W3698",
        title: "VirtualName beside Ebs in a block device mapping",
        description: """
            A block device mapping is either an instance store volume (`VirtualName: \
            ephemeral0`) or an EBS volume (`Ebs`). When one mapping has both, EC2 makes the EBS \
            volume and drops `VirtualName` without a word, so the template does not say what \
            gets built. Checked in the block device mappings of `AWS::EC2::Instance`, \
            `AWS::EC2::LaunchTemplate`, `AWS::EC2::SpotFleet`, \
            `AWS::AutoScaling::LaunchConfiguration` and `AWS::OpsWorks::Instance`; a mapping \
            that a `Fn::If` gives is read in each branch, and a `VirtualName` written as a \
            `Fn::If` counts as written. Reported on `VirtualName`.
            """,
        passing: [
            """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  BlockDeviceMappings:
                    - DeviceName: /dev/xvda
                      Ebs:
                        VolumeSize: 20
                    - DeviceName: /dev/sdb
                      VirtualName: ephemeral0
            """
        ],
        failing: [
            """
            Conditions:
              IsProd: !Equals [!Ref AWS::StackName, prod]
            Resources:
              Template:
                Type: AWS::EC2::LaunchTemplate
                Properties:
                  LaunchTemplateData:
                    BlockDeviceMappings:
                      - DeviceName: /dev/sdb
                        VirtualName: ephemeral0 # <-
                        Ebs:
                          VolumeSize: 20
                      - !If
                        - IsProd
                        - DeviceName: /dev/sdc
                          VirtualName: ephemeral1 # <-
                          Ebs:
                            VolumeSize: 50
                        - !Ref AWS::NoValue
            """
        ]
    )

    static let paths: [String: [[String]]] = [
        "AWS::EC2::Instance": [["BlockDeviceMappings", "*"]],
        "AWS::EC2::LaunchTemplate": [["LaunchTemplateData", "BlockDeviceMappings", "*"]],
        "AWS::EC2::SpotFleet": [["SpotFleetRequestConfigData", "LaunchSpecifications", "*", "BlockDeviceMappings", "*"]],
        "AWS::AutoScaling::LaunchConfiguration": [["BlockDeviceMappings", "*"]],
        "AWS::OpsWorks::Instance": [["BlockDeviceMappings", "*"]],
    ]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for (r, value, _) in context.propertyValues(Self.paths) {
            guard let mapping = value.mapValue, let name = mapping[entry: "VirtualName"], mapping[entry: "Ebs"] != nil
            else { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "\(r.logicalId): this block device mapping has an Ebs volume, so EC2 ignores its VirtualName",
                    at: name.keyRange
                )
            )
        }
    }
}
