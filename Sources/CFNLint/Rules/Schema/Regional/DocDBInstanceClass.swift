/// E3620: documentDB instance class offered in the region.
struct DocDBInstanceClass: ConstraintRule {
    static let info = RuleInfo(
        id: "E3620",
        title: "DocumentDB instance class offered in the region",
        description: """
            An `AWS::DocDB::DBInstance`'s `DBInstanceClass` must be an instance class Amazon DocumentDB \
            sells in the region. The list is the region's, from AWS's pricing data as cfn-lint 1.51.0 \
            ships it: each region of `--regions` (us-east-1 when none is given) is checked against its \
            own, and a finding names the region. A value a function gives (`!Ref InstanceType`) is not \
            judged here (W1030 judges a parameter's default); each branch of a `Fn::If` is. One of the \
            per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Reader:
                Type: AWS::DocDB::DBInstance
                Properties:
                  DBClusterIdentifier: docs
                  DBInstanceClass: db.r5.large
            """
        ],
        failing: [
            """
            Resources:
              Reader:
                Type: AWS::DocDB::DBInstance
                Properties:
                  DBClusterIdentifier: docs
                  DBInstanceClass: db.r9.large # <-
            """
        ]
    )
}
