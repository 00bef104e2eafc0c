/// E1152: a literal that is not an AMI id where one is expected.
struct ImageIdFormat: SchemaRule {
    static let info = RuleInfo(
        id: "E1152",
        title: "Not an AMI id",
        description: """
            The property takes an Amazon Machine Image id (format `AWS::EC2::Image.Id`): `ami-` \
            followed by 8 or 17 lowercase letters and digits. To follow the latest image, use a \
            parameter of type `AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>` rather than a name. \
            Values from intrinsic functions and `{{resolve:ssm:...}}` are not checked.
            """,
        passing: [
            """
            Parameters:
              LatestAmi:
                Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>
                Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: !Ref LatestAmi
                  InstanceType: t3.micro
              Bastion:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  InstanceType: t3.micro
            """
        ],
        failing: [
            """
            Resources:
              Server:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: al2023-ami-kernel-default-x86_64 # <-
                  InstanceType: t3.micro
              Template:
                Type: AWS::EC2::LaunchTemplate
                Properties:
                  LaunchTemplateData:
                    ImageId: ami-0abc123 # <-
                    InstanceType: t3.micro
            """
        ]
    )
}
