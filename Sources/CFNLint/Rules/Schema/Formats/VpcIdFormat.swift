/// E1151: a literal that is not a VPC id where one is expected.
struct VpcIdFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1151",
        title: "Not a VPC id",
        description: """
            The property takes a VPC id (format `AWS::EC2::VPC.Id`): `vpc-` followed by 8 or 17 \
            hexadecimal digits. Values from intrinsic functions are not checked.
            """,
        passing: [
            """
            Parameters:
              Vpc:
                Type: AWS::EC2::VPC::Id
            Resources:
              AppSubnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: !Ref Vpc
                  CidrBlock: 10.0.1.0/24
              DbSubnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-0a1b2c3d4e5f67890
                  CidrBlock: 10.0.2.0/24
            """
        ],
        failing: [
            """
            Resources:
              AppSubnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-0a1b2c # <-
                  CidrBlock: 10.0.1.0/24
              DbSecurityGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: Database
                  VpcId: main-vpc # <-
            """
        ]
    )
}
