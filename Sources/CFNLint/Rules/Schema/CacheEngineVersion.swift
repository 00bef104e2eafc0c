/// E3695: ElastiCache engine or engine version unknown.
struct CacheEngineVersion: ConstraintRule {
    static let info = RuleInfo(
        id: "E3695",
        title: "ElastiCache engine or engine version unknown",
        description: """
            An `AWS::ElastiCache::CacheCluster`'s `Engine` is `memcached`, `redis` or `valkey`, \
            and its `EngineVersion` must be one ElastiCache offers for that engine (the list \
            in the schema bundle: `7.1` for Redis, `8.0` for Valkey, `1.6.22` for Memcached, \
            ...). Reported on the property. One of the per-resource constraints (E3000).
            """,
        passing: [
            """
            Resources:
              Cache:
                Type: AWS::ElastiCache::CacheCluster
                Properties:
                  Engine: redis
                  EngineVersion: "7.1"
                  CacheNodeType: cache.t3.micro
                  NumCacheNodes: 1
            """
        ],
        failing: [
            """
            Resources:
              Cache:
                Type: AWS::ElastiCache::CacheCluster
                Properties:
                  Engine: redis
                  EngineVersion: "3.2" # <-
                  CacheNodeType: cache.t3.micro
                  NumCacheNodes: 1
            """
        ]
    )
}
