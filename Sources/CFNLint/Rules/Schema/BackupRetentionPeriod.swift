/// E3719: DB instance backup retention out of bounds.
struct BackupRetentionPeriod: ConstraintRule {
    static let info = RuleInfo(
        id: "E3719",
        title: "DB instance backup retention out of bounds",
        description: """
            An `AWS::RDS::DBInstance` keeps automated backups for at most 35 days: a \
            `BackupRetentionPeriod` above 35 is rejected on an instance of its own (not Aurora, \
            not a read replica). An instance in a cluster (`DBClusterIdentifier`) takes its \
            retention from the cluster and must not set one. Reported on \
            `BackupRetentionPeriod`. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: mysql
                  DBInstanceClass: db.t4g.micro
                  AllocatedStorage: "20"
                  MasterUsername: admin_user
                  ManageMasterUserPassword: true
                  BackupRetentionPeriod: 35
            """
        ],
        failing: [
            """
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: mysql
                  DBInstanceClass: db.t4g.micro
                  AllocatedStorage: "20"
                  MasterUsername: admin_user
                  ManageMasterUserPassword: true
                  BackupRetentionPeriod: 40 # <-
            """
        ]
    )
}
