/// E3714: a launch template whose security group and subnet are in different VPCs.
struct LaunchTemplateVpc: ConstraintRule {
    static let info = RuleInfo(
        id: "E3714",
        title: "Launch template security group and subnet in different VPCs",
        description: """
            An instance's security groups must be in the VPC of its subnet. When an \
            `AWS::EC2::LaunchTemplate` names an `AWS::EC2::SecurityGroup` of the template in \
            `LaunchTemplateData.SecurityGroupIds` and an `AWS::EC2::Subnet` of the template in \
            a network interface's `SubnetId`, their `VpcId`s must be the same. A `VpcId` given \
            by a function (`!Ref Vpc`) is not compared. Reported on the security group's \
            `VpcId`. One of \
            the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              AppSecurityGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: app servers
                  VpcId: vpc-11111111
              AppSubnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-11111111
                  CidrBlock: 10.0.0.0/24
              AppTemplate:
                Type: AWS::EC2::LaunchTemplate
                Properties:
                  LaunchTemplateData:
                    SecurityGroupIds: [!Ref AppSecurityGroup]
                    NetworkInterfaces:
                      - DeviceIndex: 0
                        SubnetId: !Ref AppSubnet
            """
        ],
        failing: [
            """
            Resources:
              AppSecurityGroup:
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: app servers
                  VpcId: vpc-11111111 # <-
              AppSubnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-22222222
                  CidrBlock: 10.0.0.0/24
              AppTemplate:
                Type: AWS::EC2::LaunchTemplate
                Properties:
                  LaunchTemplateData:
                    SecurityGroupIds: [!Ref AppSecurityGroup]
                    NetworkInterfaces:
                      - DeviceIndex: 0
                        SubnetId: !Ref AppSubnet
            """
        ]
    )
}
