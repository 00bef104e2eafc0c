/// E1154: a literal that is not a subnet id where one is expected.
struct SubnetIdFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1154",
        title: "Not a subnet id",
        description: """
            The property takes a subnet id (format `AWS::EC2::Subnet.Id`): `subnet-` followed by 8 \
            or 17 hexadecimal digits. Values from intrinsic functions are not checked.
            """,
        passing: [
            """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  SubnetId: subnet-0a1b2c3d4e5f67890
              Nat:
                Type: AWS::EC2::NatGateway
                Properties:
                  SubnetId: !ImportValue network-PublicSubnetA
            """
        ],
        failing: [
            """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  SubnetId: subnet-0a1b2c3d4e5f6 # <-
              Nat:
                Type: AWS::EC2::NatGateway
                Properties:
                  SubnetId: public-a # <-
            """
        ]
    )
}
