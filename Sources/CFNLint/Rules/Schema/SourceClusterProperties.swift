/// W3689: Properties a cloned or replicated cluster ignores.
struct SourceClusterProperties: ConstraintRule {
    static let info = RuleInfo(
        id: "W3689",
        title: "Properties a cloned or replicated cluster ignores",
        description: """
            An `AWS::RDS::DBCluster` made from another one (`SourceDBClusterIdentifier`: a \
            point-in-time restore or a clone) takes the source's master user and encryption: \
            `MasterUsername`, `MasterUserPassword` and `StorageEncrypted` beside it are \
            ignored. Reported once per cluster, on the first of them in that order. One of the per-resource \
            constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Clone:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  SourceDBClusterIdentifier: orders
                  RestoreType: copy-on-write
            """
        ],
        failing: [
            """
            Resources:
              Clone:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  SourceDBClusterIdentifier: orders
                  RestoreType: copy-on-write
                  StorageEncrypted: true
                  MasterUsername: admin_user # <-
            """
        ]
    )
}
