/// E3672: dAX cluster node type offered in the region.
struct DAXNodeType: ConstraintRule {
    static let info = RuleInfo(
        id: "E3672",
        title: "DAX cluster node type offered in the region",
        description: """
            An `AWS::DAX::Cluster`'s `NodeType` must be a `dax.*` node type DynamoDB Accelerator sells \
            in the region. The list is the region's, from AWS's pricing data as cfn-lint 1.51.0 ships \
            it: each region of `--regions` (us-east-1 when none is given) is checked against its own, \
            and a finding names the region. A value a function gives (`!Ref InstanceType`) is not judged \
            here (W1030 judges a parameter's default); each branch of a `Fn::If` is. One of the \
            per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Accelerator:
                Type: AWS::DAX::Cluster
                Properties:
                  IAMRoleARN: arn:aws:iam::123456789012:role/dax
                  ReplicationFactor: 3
                  NodeType: dax.r5.large
            """
        ],
        failing: [
            """
            Resources:
              Accelerator:
                Type: AWS::DAX::Cluster
                Properties:
                  IAMRoleARN: arn:aws:iam::123456789012:role/dax
                  ReplicationFactor: 3
                  NodeType: dax.r9.large # <-
            """
        ]
    )
}
