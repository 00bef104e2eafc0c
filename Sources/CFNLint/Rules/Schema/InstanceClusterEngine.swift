/// E3707: a DB instance in a cluster of the template with another engine.
struct InstanceClusterEngine: ConstraintRule {
    static let info = RuleInfo(
        id: "E3707",
        title: "DB instance engine not its cluster's",
        description: """
            An `AWS::RDS::DBInstance` whose `DBClusterIdentifier` is a `Ref` to an \
            `AWS::RDS::DBCluster` of the template joins that cluster, and its `Engine` must be \
            the cluster's (`aurora-postgresql` in an `aurora-postgresql` cluster). A cluster \
            outside the template is not known and not checked. Reported on the instance's \
            `Engine`. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-postgresql
              Writer:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: aurora-postgresql
                  DBClusterIdentifier: !Ref Cluster
                  DBInstanceClass: db.r6g.large
            """
        ],
        failing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-postgresql
              Writer:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: aurora-mysql # <-
                  DBClusterIdentifier: !Ref Cluster
                  DBInstanceClass: db.r6g.large
            """
        ]
    )
}
