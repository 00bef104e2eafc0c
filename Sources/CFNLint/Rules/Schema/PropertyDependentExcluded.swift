/// E3020: two properties that cannot be given together.
struct PropertyDependentExcluded: SchemaRule {
    static let info = RuleInfo(
        id: "E3020",
        title: "Properties that exclude each other",
        description: """
            Some properties rule others out: an instance given `NetworkInterfaces` takes its subnet \
            from them, so it cannot also have `SubnetId`; a network interface that attaches an \
            existing `NetworkInterfaceId` cannot ask for `AssociatePublicIpAddress`. Reported on \
            the key of the property that must go (on both, when each rules the other out).
            """,
        passing: [
            """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  NetworkInterfaces:
                    - DeviceIndex: "0"
                      SubnetId: subnet-0a1b2c3d4e5f67890
                      AssociatePublicIpAddress: true
            """
        ],
        failing: [
            """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  SubnetId: subnet-0a1b2c3d4e5f67890 # <-
                  NetworkInterfaces: # <-
                    - DeviceIndex: "0"
                      SubnetId: subnet-0a1b2c3d4e5f67890
              Bastion:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  NetworkInterfaces:
                    - DeviceIndex: "0"
                      NetworkInterfaceId: eni-0123456789abcdef0 # <-
                      AssociatePublicIpAddress: true # <-
            """
        ]
    )
}
