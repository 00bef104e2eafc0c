/// E3641: gameLift fleet instance type offered in the region.
struct GameLiftFleetInstanceType: ConstraintRule {
    static let info = RuleInfo(
        id: "E3641",
        title: "GameLift fleet instance type offered in the region",
        description: """
            An `AWS::GameLift::Fleet`'s `EC2InstanceType` must be an instance type GameLift sells in the \
            region. The list is the region's, from AWS's pricing data as cfn-lint 1.51.0 ships it: each \
            region of `--regions` (us-east-1 when none is given) is checked against its own, and a \
            finding names the region. A value a function gives (`!Ref InstanceType`) is not judged here \
            (W1030 judges a parameter's default); each branch of a `Fn::If` is. One of the per-resource \
            constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Servers:
                Type: AWS::GameLift::Fleet
                Properties:
                  Name: servers
                  EC2InstanceType: c5.large
            """
        ],
        failing: [
            """
            Resources:
              Servers:
                Type: AWS::GameLift::Fleet
                Properties:
                  Name: servers
                  EC2InstanceType: c9.large # <-
            """
        ]
    )
}
