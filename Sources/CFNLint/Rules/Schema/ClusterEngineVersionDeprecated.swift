/// W3690: DB cluster engine version deprecated.
struct ClusterEngineVersionDeprecated: ConstraintRule {
    static let info = RuleInfo(
        id: "W3690",
        title: "DB cluster engine version deprecated",
        description: """
            RDS still knows some engine versions but no longer creates clusters of them. An \
            `AWS::RDS::DBCluster` with such an `EngineVersion` (the deprecated lists of the \
            schema bundle: early Aurora MySQL 2 and 3 releases, ...) cannot be created. \
            Reported on `Properties`. \
            One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  EngineVersion: 8.0.mysql_aurora.3.08.0
            """
        ],
        failing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties: # <-
                  Engine: aurora-mysql
                  EngineVersion: 5.7.mysql_aurora.2.07.2
            """
        ]
    )
}
