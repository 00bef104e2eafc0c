/// E3647: elastiCache cache node type offered in the region.
struct CacheNodeTypeRegion: ConstraintRule {
    static let info = RuleInfo(
        id: "E3647",
        title: "ElastiCache cache node type offered in the region",
        description: """
            An `AWS::ElastiCache::CacheCluster`'s `CacheNodeType` must be a `cache.*` node type \
            ElastiCache sells in the region. The list is the region's, from AWS's pricing data as \
            cfn-lint 1.51.0 ships it: each region of `--regions` (us-east-1 when none is given) is \
            checked against its own, and a finding names the region. A value a function gives (`!Ref \
            InstanceType`) is not judged here (W1030 judges a parameter's default); each branch of a \
            `Fn::If` is. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Sessions:
                Type: AWS::ElastiCache::CacheCluster
                Properties:
                  Engine: redis
                  NumCacheNodes: 1
                  CacheNodeType: cache.t3.micro
            """
        ],
        failing: [
            """
            Resources:
              Sessions:
                Type: AWS::ElastiCache::CacheCluster
                Properties:
                  Engine: redis
                  NumCacheNodes: 1
                  CacheNodeType: cache.t9.micro # <-
            """
        ]
    )
}
