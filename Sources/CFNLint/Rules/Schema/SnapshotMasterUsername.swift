/// W3688: MasterUsername on a cluster restored from a snapshot.
struct SnapshotMasterUsername: ConstraintRule {
    static let info = RuleInfo(
        id: "W3688",
        title: "MasterUsername on a cluster restored from a snapshot",
        description: """
            An `AWS::RDS::DBCluster` restored from a snapshot (`SnapshotIdentifier`) keeps the \
            snapshot's master user: a `MasterUsername` beside it is ignored. Reported on \
            `MasterUsername`. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Restored:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  SnapshotIdentifier: orders-before-migration
            """
        ],
        failing: [
            """
            Resources:
              Restored:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  SnapshotIdentifier: orders-before-migration
                  MasterUsername: admin_user # <-
            """
        ]
    )
}
