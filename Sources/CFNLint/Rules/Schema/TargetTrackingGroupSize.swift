/// E3712: a target tracking policy on an Auto Scaling group that cannot scale.
struct TargetTrackingGroupSize: ConstraintRule {
    static let info = RuleInfo(
        id: "E3712",
        title: "Target tracking on a group with MaxSize not above MinSize",
        description: """
            A target tracking `AWS::AutoScaling::ScalingPolicy` (`PolicyType: \
            TargetTrackingScaling`) moves its group between `MinSize` and `MaxSize`; when the \
            group it names (`AutoScalingGroupName: !Ref Group`, a group of the template) has a \
            `MaxSize` that is not above its `MinSize`, there is nothing to scale and the policy \
            is rejected. Reported on the group's `MaxSize`. One of the per-resource constraints \
            (E3000).
            """,
        passing: [
            """
            Resources:
              Workers:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "1"
                  MaxSize: "4"
                  VPCZoneIdentifier: [subnet-12345678]
                  LaunchTemplate:
                    LaunchTemplateId: lt-0123456789abcdef0
                    Version: "1"
              Cpu:
                Type: AWS::AutoScaling::ScalingPolicy
                Properties:
                  AutoScalingGroupName: !Ref Workers
                  PolicyType: TargetTrackingScaling
                  TargetTrackingConfiguration:
                    PredefinedMetricSpecification:
                      PredefinedMetricType: ASGAverageCPUUtilization
                    TargetValue: 50
            """
        ],
        failing: [
            """
            Resources:
              Workers:
                Type: AWS::AutoScaling::AutoScalingGroup
                Properties:
                  MinSize: "2"
                  MaxSize: "2" # <-
                  VPCZoneIdentifier: [subnet-12345678]
                  LaunchTemplate:
                    LaunchTemplateId: lt-0123456789abcdef0
                    Version: "1"
              Cpu:
                Type: AWS::AutoScaling::ScalingPolicy
                Properties:
                  AutoScalingGroupName: !Ref Workers
                  PolicyType: TargetTrackingScaling
                  TargetTrackingConfiguration:
                    PredefinedMetricSpecification:
                      PredefinedMetricType: ASGAverageCPUUtilization
                    TargetValue: 50
            """
        ]
    )
}
