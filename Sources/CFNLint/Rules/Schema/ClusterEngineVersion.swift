/// E3690: DB cluster engine version unknown.
struct ClusterEngineVersion: ConstraintRule {
    static let info = RuleInfo(
        id: "E3690",
        title: "DB cluster engine version unknown",
        description: """
            The `EngineVersion` of an `AWS::RDS::DBCluster` must be one RDS offers for its \
            `Engine` (the lists in the schema bundle, from the RDS API). A version of a \
            function, or of an engine the lists do not have, is not judged. Reported on \
            `EngineVersion`. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-postgresql
                  EngineVersion: "16.6"
            """
        ],
        failing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-postgresql
                  EngineVersion: "9.9.9" # <-
            """
        ]
    )
}
