/// W3691: DB instance engine version deprecated.
struct InstanceEngineVersionDeprecated: ConstraintRule {
    static let info = RuleInfo(
        id: "W3691",
        title: "DB instance engine version deprecated",
        description: """
            RDS still knows some engine versions but no longer creates instances of them. An \
            `AWS::RDS::DBInstance` with such an `EngineVersion` (the deprecated lists of the \
            schema bundle: MySQL 5.7, PostgreSQL 10, ...) cannot be created. Reported on \
            `Properties`. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: mysql
                  EngineVersion: "8.0.40"
                  DBInstanceClass: db.t4g.micro
                  AllocatedStorage: "20"
                  MasterUsername: admin_user
                  ManageMasterUserPassword: true
            """
        ],
        failing: [
            """
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties: # <-
                  Engine: mysql
                  EngineVersion: "5.7.44"
                  DBInstanceClass: db.t4g.micro
                  AllocatedStorage: "20"
                  MasterUsername: admin_user
                  ManageMasterUserPassword: true
            """
        ]
    )
}
