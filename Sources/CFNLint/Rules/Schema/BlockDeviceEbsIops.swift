/// E3671: EBS settings of a block device mapping that its volume type does not take.
struct BlockDeviceEbsIops: ConstraintRule {
    static let info = RuleInfo(
        id: "E3671",
        title: "Block device mapping EBS settings fit the volume type",
        description: """
            The `Ebs` of a block device mapping (of an `AWS::EC2::Instance`, \
            `AWS::EC2::LaunchTemplate`, `AWS::AutoScaling::LaunchConfiguration`, \
            `AWS::EC2::SpotFleet` or `AWS::OpsWorks::Instance`) must give `Iops` for an `io1` \
            (100 to 64,000) or `io2` volume (100 to 256,000), and a `gp3` volume's `Iops`, when \
            given, must be 3,000 to 16,000. A `VolumeType` a `Fn::If` chooses is, as cfn-lint \
            reads it, no known type of its own, so an `io1`/`io2` branch needs `Iops` beside it. \
            One of the per-resource constraints (E3000).
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
                        VolumeType: io2
                        Iops: 10000
                        VolumeSize: 100
                    - DeviceName: /dev/sdg
                      Ebs:
                        VolumeType: gp3
                        VolumeSize: 100
            """
        ],
        failing: [
            """
            Resources:
              Db:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  BlockDeviceMappings:
                    - DeviceName: /dev/sdf
                      Ebs: # <-
                        VolumeType: io1
                        VolumeSize: 100
                    - DeviceName: /dev/sdg
                      Ebs:
                        VolumeType: gp3
                        Iops: 100 # <-
            """
        ]
    )
}
