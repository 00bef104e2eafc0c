/// E3709: a DB instance whose `StorageEncrypted` differs from its cluster's.
struct InstanceClusterStorageEncrypted: ConstraintRule {
    static let info = RuleInfo(
        id: "E3709",
        title: "DB instance StorageEncrypted not its cluster's",
        description: """
            The storage of an Aurora instance is its cluster's: when an `AWS::RDS::DBInstance` \
            joins an `AWS::RDS::DBCluster` of the template (`DBClusterIdentifier: !Ref \
            Cluster`) and says `StorageEncrypted`, it must say what the cluster says. Reported \
            on the instance's `StorageEncrypted`. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Cluster:
                Type: AWS::RDS::DBCluster
                Properties:
                  Engine: aurora-mysql
                  StorageEncrypted: true
              Writer:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: aurora-mysql
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
                  Engine: aurora-mysql
                  StorageEncrypted: true
              Writer:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: aurora-mysql
                  DBClusterIdentifier: !Ref Cluster
                  DBInstanceClass: db.r6g.large
                  StorageEncrypted: false # <-
            """
        ]
    )
}
