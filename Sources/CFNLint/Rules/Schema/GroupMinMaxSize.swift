/// E3706: an Auto Scaling group whose `MaxSize` is below its `MinSize`.
struct GroupMinMaxSize: ConstraintRule {
    static let info = RuleInfo(
        id: "E3706",
        title: "Auto Scaling group MaxSize below MinSize",
        description: """
            An `AWS::AutoScaling::AutoScalingGroup` keeps between `MinSize` and `MaxSize` \
            instances; a `MaxSize` smaller than `MinSize` is rejected. Sizes are read as \
            numbers whether written as numbers or strings; a size given by a function is not \
            judged, and of a `Fn::If` the first branch is read. Reported on `MaxSize`. One of \
            the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Workers:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "2"
                  MaxSize: "6"
                  VPCZoneIdentifier: [subnet-12345678]
                  LaunchTemplate:
                    LaunchTemplateId: lt-0123456789abcdef0
                    Version: "1"
            """
        ],
        failing: [
            """
            Resources:
              Workers:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "4"
                  MaxSize: "2" # <-
                  VPCZoneIdentifier: [subnet-12345678]
                  LaunchTemplate:
                    LaunchTemplateId: lt-0123456789abcdef0
                    Version: "1"
            """
        ]
    )
}
