/// E3621: appStream fleet instance type offered in the region.
struct AppStreamFleetInstanceType: ConstraintRule {
    static let info = RuleInfo(
        id: "E3621",
        title: "AppStream fleet instance type offered in the region",
        description: """
            An `AWS::AppStream::Fleet`'s `InstanceType` must be a `stream.*` instance type AppStream 2.0 \
            sells in the region. The list is the region's, from AWS's pricing data as cfn-lint 1.51.0 \
            ships it: each region of `--regions` (us-east-1 when none is given) is checked against its \
            own, and a finding names the region. A value a function gives (`!Ref InstanceType`) is not \
            judged here (W1030 judges a parameter's default); each branch of a `Fn::If` is. One of the \
            per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Desktops:
                Type: AWS::AppStream::Fleet
                Properties:
                  Name: desktops
                  ComputeCapacity:
                    DesiredInstances: 2
                  InstanceType: stream.standard.medium
            """
        ],
        failing: [
            """
            Resources:
              Desktops:
                Type: AWS::AppStream::Fleet
                Properties:
                  Name: desktops
                  ComputeCapacity:
                    DesiredInstances: 2
                  InstanceType: stream.standard.huge # <-
            """
        ]
    )
}
