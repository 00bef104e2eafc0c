/// E3682: an Aurora DB instance with a property that belongs to its cluster.
struct AuroraInstanceProperties: ConstraintRule {
    static let info = RuleInfo(
        id: "E3682",
        title: "Aurora DB instance with a cluster's property",
        description: """
            An `AWS::RDS::DBInstance` whose `Engine` is Aurora (`aurora-mysql`, \
            `aurora-postgresql`) belongs to a cluster that holds its storage and logins: \
            `AllocatedStorage`, `CopyTagsToSnapshot`, `DeletionProtection`, \
            `EnableIAMDatabaseAuthentication` and `MasterUserPassword` go on the \
            `AWS::RDS::DBCluster`, and CloudFormation rejects them on the instance. When `Engine` \
            is a function (`!Ref EngineParam`, `!FindInMap`), the engine cannot be known before \
            deployment and the rule says nothing; a `Fn::If` is read once per combination of \
            conditions that can hold together. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Parameters:
              EngineParam:
                Type: String
                AllowedValues: [mysql, postgres]
                Default: postgres
            Resources:
              Database:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: !Ref EngineParam
                  DBInstanceClass: db.t4g.micro
                  AllocatedStorage: "20"
                  MasterUsername: admin_user
                  ManageMasterUserPassword: true
              ClusterInstance:
                Type: AWS::RDS::DBInstance
                Properties:
                  Engine: aurora-postgresql
                  DBClusterIdentifier: orders-cluster
                  DBInstanceClass: db.r6g.large
            """
        ],
        failing: [
            """
            Parameters:
              UseAurora:
                Type: String
                AllowedValues: ["true", "false"]
            Conditions:
              IsAurora: !Equals [!Ref UseAurora, "true"]
            Resources:
              ClusterInstance:
                Type: AWS::RDS::DBInstance
                Properties: # <-
                  Engine: aurora-postgresql
                  DBClusterIdentifier: orders-cluster
                  DBInstanceClass: db.r6g.large
                  AllocatedStorage: "100"
              EitherInstance:
                Type: AWS::RDS::DBInstance
                Properties: # <-
                  Engine: !If [IsAurora, aurora-mysql, mysql]
                  DBInstanceClass: db.r6g.large
                  DeletionProtection: true
            """
        ]
    )
}
