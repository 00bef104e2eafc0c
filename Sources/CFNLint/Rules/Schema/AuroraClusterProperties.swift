/// E3693: Aurora DB cluster with Multi-AZ cluster properties.
struct AuroraClusterProperties: ConstraintRule {
    static let info = RuleInfo(
        id: "E3693",
        title: "Aurora DB cluster with Multi-AZ cluster properties",
        description: """
            An Aurora `AWS::RDS::DBCluster` (`Engine: aurora-mysql` or `aurora-postgresql`) \
            manages its own storage and instances: `AllocatedStorage`, \
            `DBClusterInstanceClass`, `Iops` and `PubliclyAccessible` belong to Multi-AZ DB \
            clusters and are rejected, and a `StorageType` must be `aurora` or \
            `aurora-iopt1`. Reported on the property. One of the per-resource constraints \
            (E3000).
            """,
        passing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  StorageType: aurora-iopt1
            """
        ],
        failing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  AllocatedStorage: 100 # <-
            """
        ]
    )
}
