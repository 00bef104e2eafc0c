/// E3674: an instance's primary private IP given twice.
struct InstancePrivateIpPrimary: ConstraintRule {
    static let info = RuleInfo(
        id: "E3674",
        title: "Primary private IP given twice",
        description: """
            An `AWS::EC2::Instance` with `PrivateIpAddress` has its primary private address \
            there; none of its `NetworkInterfaces` may then give a `PrivateIpAddress` of its \
            own, and no `PrivateIpAddresses` entry (the instance's or an interface's) may be \
            `Primary: true`. EC2 rejects the instance otherwise. One of the per-resource \
            constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  PrivateIpAddress: 10.0.0.5
                  NetworkInterfaces:
                    - DeviceIndex: "0"
                      SubnetId: subnet-12345678
            """
        ],
        failing: [
            """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  PrivateIpAddress: 10.0.0.5
                  NetworkInterfaces:
                    - DeviceIndex: "0"
                      SubnetId: subnet-12345678
                      PrivateIpAddress: 10.0.0.6 # <-
            """
        ]
    )
}
