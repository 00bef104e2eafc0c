/// E3628: EC2 instance type offered in the region.
struct EC2InstanceTypeRegion: ConstraintRule {
    static let info = RuleInfo(
        id: "E3628",
        title: "EC2 instance type offered in the region",
        description: """
            An `AWS::EC2::Instance`'s `InstanceType` must be an instance type EC2 sells in the region. \
            The list of the resource schema (E3030) holds every type of any region; this one is the \
            region's own, so `t2.micro` passes in us-east-1 and a type only some regions have fails in \
            the others. The list is the region's, from AWS's pricing data as cfn-lint 1.51.0 ships it: \
            each region of `--regions` (us-east-1 when none is given) is checked against its own, and a \
            finding names the region. A value a function gives (`!Ref InstanceType`) is not judged here \
            (W1030 judges a parameter's default); each branch of a `Fn::If` is. One of the per-resource \
            constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Web:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  InstanceType: t3.micro
            """
        ],
        failing: [
            """
            Conditions:
              Big: !Equals [!Ref AWS::StackName, prod]
            Resources:
              Web:
                Type: AWS::EC2::Instance
                Properties:
                  ImageId: ami-0abcdef1234567890
                  InstanceType: !If [Big, m5.hyper, t3.micro] # <-
            """
        ]
    )
}
