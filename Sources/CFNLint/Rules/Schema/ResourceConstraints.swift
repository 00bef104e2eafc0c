import CFNSchema

/// E3000: the per-resource constraints of the schema bundle (cfn-lint's extension schemas), each
/// reported under its own rule id.
struct ResourceConstraints: Rule {
    static var usesSchemaCheck: Bool { true }

    static let info = RuleInfo(
        id: "E3000",
        title: "Per-resource constraints",
        description: """
            Constraints AWS's resource schemas cannot say on their own, kept in the schema bundle \
            as schemas applied at a path of one resource type (cfn-lint's extension schemas): \
            ICMP rules need ports -1, a Fargate task definition needs `awsvpc`, `Cpu` and \
            `Memory`, an instance family must match its engine, and about eighty more. Each is \
            reported under its own id (E3016, E3023, ..., E3721, W3663, ...): `--ignore-checks` \
            takes those ids, and this one turns them all off. Many have a page of their own \
            here (E3633, E3687, E3706, ...). Some read other resources of the template too \
            (an instance's cluster, a method's authorizer): those report on the other \
            resource's property when that is where the problem is. \
            A constraint that asks about a value a function gives (`EventSourceArn: !GetAtt \
            Queue.Arn`, `Engine: !Ref EngineParam`) cannot be answered before deployment and \
            gives no finding; a `Fn::If` is followed into each combination of conditions that \
            can hold together.
            """,
        passing: [
            """
            Resources:
              Ping:
                Type: AWS::EC2::SecurityGroupIngress
                Properties:
                  GroupId: sg-12345678
                  IpProtocol: icmp
                  FromPort: -1
                  ToPort: -1
                  CidrIp: 10.0.0.0/8
            """
        ],
        failing: [
            """
            Resources:
              Ping:
                Type: AWS::EC2::SecurityGroupIngress
                Properties: # <-
                  GroupId: sg-12345678
                  IpProtocol: icmp
                  CidrIp: 10.0.0.0/8
            """
        ]
    )

    /// The constraint ids that have a rule of their own report there (W3663 and W3664 are
    /// rules of their own: their constraint schemas gather other resources, which the
    /// validator does not).
    static let documentedElsewhere: Set<String> = Set(RuleRegistry.all.map { $0.info.id })

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.constraintFindings.filter { !Self.documentedElsewhere.contains($0.ruleId) }
    }
}
