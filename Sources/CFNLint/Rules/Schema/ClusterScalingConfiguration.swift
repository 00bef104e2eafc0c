/// E3686: a DB cluster's scaling configuration that does not go with its engine mode.
struct ClusterScalingConfiguration: ConstraintRule {
    static let info = RuleInfo(
        id: "E3686",
        title: "Scaling configuration of the other engine mode",
        description: """
            An `AWS::RDS::DBCluster` has two kinds of scaling configuration: \
            `ScalingConfiguration` for Aurora Serverless v1 (`EngineMode: serverless`) and \
            `ServerlessV2ScalingConfiguration` for Serverless v2 (a provisioned cluster). A \
            provisioned cluster (`EngineMode: provisioned`, or no `EngineMode`) must not have \
            `ScalingConfiguration`, and a serverless one must not have \
            `ServerlessV2ScalingConfiguration`. Reported on the property. One of the \
            per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-postgresql
                  ServerlessV2ScalingConfiguration:
                    MinCapacity: 0.5
                    MaxCapacity: 4
            """
        ],
        failing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-postgresql
                  ScalingConfiguration: # <-
                    MinCapacity: 2
                    MaxCapacity: 8
            """
        ]
    )
}
