/// E3691: DB instance engine version unknown.
struct InstanceEngineVersion: ConstraintRule {
    static let info = RuleInfo(
        id: "E3691",
        title: "DB instance engine version unknown",
        description: """
            The `EngineVersion` of an `AWS::RDS::DBInstance` must be one RDS offers for its \
            `Engine` (the lists in the schema bundle, from the RDS API). A version of a \
            function, or of an engine the lists do not have, is not judged. Reported on \
            `EngineVersion`. One of the per-resource constraints (E3000).
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
                Properties:
                  Engine: mysql
                  EngineVersion: "5.5.61" # <-
                  DBInstanceClass: db.t4g.micro
                  AllocatedStorage: "20"
                  MasterUsername: admin_user
                  ManageMasterUserPassword: true
            """
        ]
    )
}
