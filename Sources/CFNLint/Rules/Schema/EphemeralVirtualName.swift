/// E3715: an instance store block device mapping whose `VirtualName` is not `ephemeral0`-`ephemeral23`.
struct EphemeralVirtualName: ConstraintRule {
    static let info = RuleInfo(
        id: "E3715",
        title: "Instance store VirtualName not ephemeral0-23",
        description: """
            A block device mapping without `Ebs` that names a `VirtualName` maps an instance \
            store volume, named `ephemeral0` to `ephemeral23`; any other name is rejected. \
            Checked in the block device mappings of `AWS::EC2::Instance`, \
            `AWS::EC2::LaunchTemplate`, `AWS::EC2::SpotFleet`, \
            `AWS::AutoScaling::LaunchConfiguration` and `AWS::OpsWorks::Instance`. Reported on \
            `VirtualName`. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  BlockDeviceMappings:
                    - DeviceName: /dev/sdb
                      VirtualName: ephemeral23
            """
        ],
        failing: [
            """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  BlockDeviceMappings:
                    - DeviceName: /dev/sdb
                      VirtualName: ephemeral24 # <-
                    - DeviceName: /dev/sdc
                      VirtualName: scratch # <-
            """
        ]
    )
}
