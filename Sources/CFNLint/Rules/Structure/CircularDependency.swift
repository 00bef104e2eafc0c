import CFNModel

/// E3004: resources that depend on each other, directly or through others, cannot be created.
struct CircularDependency: Rule {
    static let info = RuleInfo(
        id: "E3004",
        title: "Circular dependency",
        description: """
            CloudFormation creates a resource after everything it depends on (Ref, Fn::GetAtt, \
            Fn::Sub variables, DependsOn). When resources depend on each other in a cycle, none \
            of them can be created first and the stack fails. Each resource in a cycle gets a \
            finding at its logical id, naming a resource it waits for in the cycle. Cycles \
            through SAM resources (AWS::Serverless::*) are left alone: the SAM transform \
            rewrites their references (an Api event on a function whose Arn the Api uses is \
            no cycle once expanded).
            """,
        passing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
              Queue:
                Type: AWS::SQS::Queue
                DependsOn: Topic
            """
        ],
        failing: [
            """
            Resources:
              Topic: # <-
                Type: AWS::SNS::Topic
                DependsOn: Queue
              Queue: # <-
                Type: AWS::SQS::Queue
                DependsOn: Topic
              Group: # <-
                Type: AWS::EC2::SecurityGroup
                Properties:
                  GroupDescription: !Ref Group
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let graph = context.graph
        for cycle in graph.cycles() {
            if cycle.contains(where: { graph.vertices[$0].type?.hasPrefix("AWS::Serverless::") == true }) { continue }
            let members = Set(cycle)
            for node in cycle {
                let v = graph.vertices[node]
                guard v.kind == .resource else { continue }
                let next = graph.dependencies(of: node).first { members.contains($0.to) && graph.vertices[$0.to].kind == .resource }
                guard let next else { continue }
                let other = graph.vertices[next.to].name
                let message =
                    other == v.name
                    ? "resource '\(v.name)' depends on itself"
                    : "resource '\(v.name)' is in a dependency cycle: it waits for '\(other)', which waits for it in turn"
                findings.append(context.finding(Self.self, message, at: v.range, path: ["Resources", v.name]))
            }
        }
    }
}
