/// E3617: managed Blockchain node instance type offered in the region.
struct ManagedBlockchainInstanceType: ConstraintRule {
    static let info = RuleInfo(
        id: "E3617",
        title: "Managed Blockchain node instance type offered in the region",
        description: """
            An `AWS::ManagedBlockchain::Node`'s `NodeConfiguration.InstanceType` must be one of the \
            `bc.*` instance types Managed Blockchain sells in the region the stack goes to. The list is \
            the region's, from AWS's pricing data as cfn-lint 1.51.0 ships it: each region of \
            `--regions` (us-east-1 when none is given) is checked against its own, and a finding names \
            the region. A value a function gives (`!Ref InstanceType`) is not judged here (W1030 judges \
            a parameter's default); each branch of a `Fn::If` is. One of the per-resource constraints \
            (E3000).
            """,
        passing: [
            """
            Resources:
              Peer:
                Type: AWS::ManagedBlockchain::Node
                Properties:
                  NetworkId: n-ABCDEFGHIJKLMNOP
                  NodeConfiguration:
                    AvailabilityZone: us-east-1a
                    InstanceType: bc.t3.small
            """
        ],
        failing: [
            """
            Resources:
              Peer:
                Type: AWS::ManagedBlockchain::Node
                Properties:
                  NetworkId: n-ABCDEFGHIJKLMNOP
                  NodeConfiguration:
                    AvailabilityZone: us-east-1a
                    InstanceType: bc.t9.small # <-
            """
        ]
    )
}
