/// W3693: Performance Insights on an Aurora Serverless v1 cluster.
struct ServerlessClusterInsights: ConstraintRule {
    static let info = RuleInfo(
        id: "W3693",
        title: "Performance Insights on an Aurora Serverless v1 cluster",
        description: """
            Aurora Serverless v1 (`EngineMode: serverless` with an Aurora engine) has no \
            Performance Insights: `PerformanceInsightsEnabled`, \
            `PerformanceInsightsKmsKeyId` and `PerformanceInsightsRetentionPeriod` on such an \
            `AWS::RDS::DBCluster` do nothing. Reported on the property. One of the \
            per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  PerformanceInsightsEnabled: true
            """
        ],
        failing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  EngineMode: serverless
                  PerformanceInsightsEnabled: true # <-
            """
        ]
    )
}
