/// E3692: Multi-AZ DB cluster properties.
struct MultiAZClusterProperties: ConstraintRule {
    static let info = RuleInfo(
        id: "E3692",
        title: "Multi-AZ DB cluster properties",
        description: """
            An `AWS::RDS::DBCluster` whose `Engine` is `mysql` or `postgres` is a Multi-AZ DB \
            cluster, not Aurora: it needs `AllocatedStorage`, `DBClusterInstanceClass`, `Iops` \
            and a `StorageType` of `io1`, `io2` or `gp3` (each missing one reported on \
            `Properties`), and the Aurora-only properties (`BacktrackWindow`, `EngineMode`, \
            `ServerlessV2ScalingConfiguration`, `GlobalClusterIdentifier`, \
            `EnableHttpEndpoint`, ...) are rejected, each reported on itself. One of the \
            per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: postgres
                  DBClusterInstanceClass: db.r6gd.large
                  AllocatedStorage: 400
                  Iops: 3000
                  StorageType: io1
                  MasterUsername: admin_user
                  ManageMasterUserPassword: true
            """
        ],
        failing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: postgres
                  DBClusterInstanceClass: db.r6gd.large
                  AllocatedStorage: 400
                  Iops: 3000
                  StorageType: io1
                  MasterUsername: admin_user
                  ManageMasterUserPassword: true
                  BacktrackWindow: 3600 # <-
            """
        ]
    )
}
