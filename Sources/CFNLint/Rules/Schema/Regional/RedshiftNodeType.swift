/// E3667: a Redshift cluster node type not offered in the region.
struct RedshiftNodeType: ConstraintRule {
    static let info = RuleInfo(
        id: "E3667",
        title: "Redshift cluster node type offered in the region",
        description: """
            An `AWS::Redshift::Cluster`'s `NodeType` must be a node type Amazon Redshift sells in \
            the region (`ra3.*`, `dc2.*`, ...). The list is the region's, from AWS's pricing data \
            as cfn-lint 1.51.0 ships it: each region of `--regions` (us-east-1 when none is given) \
            is checked against its own, and a finding names the region. A value a function gives \
            is not judged; each branch of a `Fn::If` is. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Warehouse:
                Type: AWS::Redshift::Cluster
                Properties:
                  ClusterType: single-node
                  DBName: sales
                  MasterUsername: admin
                  ManageMasterPassword: true
                  NodeType: ra3.large
            """
        ],
        failing: [
            """
            Resources:
              Warehouse:
                Type: AWS::Redshift::Cluster
                Properties:
                  ClusterType: single-node
                  DBName: sales
                  MasterUsername: admin
                  ManageMasterPassword: true
                  NodeType: ra9.large # <-
            """
        ]
    )
}
