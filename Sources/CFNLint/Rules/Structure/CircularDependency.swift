import CFNModel

/// E3004: resources that depend on each other, directly or through others, cannot be created.
struct CircularDependency: Rule {
    static let info = RuleInfo(
        id: "E3004",
        title: "Circular dependency",
        description: """
            CloudFormation creates a resource after everything it depends on (Ref, Fn::GetAtt, \
            Fn::Sub variables, DependsOn). When resources depend on each other in a cycle, none \
            of them can be created first and the stack fails. The cycles are found as cfn-lint \
            finds them: from each resource in turn, the first cycle that a depth-first walk of \
            its dependencies meets (DependsOn first, then Ref, Fn::GetAtt and Fn::Sub, each in \
            the order written); each step of such a cycle gives a finding at the resource that \
            waits, naming the one it waits for. A resource in a cycle that no walk meets first \
            (a third resource waiting on one of a pair) is not reported. In a \
            template that declares the SAM transform, cycles through SAM resources \
            (AWS::Serverless::*) are left alone: the transform rewrites their references (an \
            Api event on a function whose Arn the Api uses is no cycle once expanded). Without \
            the transform they are resources like any other, and so are their cycles.
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
            """,
            """
            Resources:
              Api: # <-
                Type: AWS::SNS::Topic
                DependsOn: Handler
              Handler: # <-
                Type: AWS::SQS::Queue
                DependsOn: [Api, Other]
              Other:
                Type: AWS::SNS::Topic
                DependsOn: Handler
            """,
            """
            Resources:
              Fn: # <-
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    Basic:
                      Type: HttpApi
                      Properties:
                        ApiId: !Ref HttpApi
              HttpApi: # <-
                Type: AWS::Serverless::HttpApi
                Properties:
                  DefinitionBody:
                    paths:
                      /:
                        get:
                          x-amazon-apigateway-integration:
                            uri: !Sub ${Fn.Arn}
            """,
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let graph = context.graph
        guard !graph.cycles().isEmpty else { return }
        // With the SAM transform declared, SAM resources left in the graph are the transform's
        // to rewrite; without it they are plain resources to CloudFormation.
        let skipSAM = context.written.hasServerlessTransform
        let successors = Self.successors(graph)
        var pairs: Set<[Int]> = []
        // As cfn-lint finds them: from each resource in turn, the first cycle that a depth-first
        // walk meets; each edge of it is reported at its source, naming its target.
        for start in graph.vertices.indices where graph.vertices[start].kind == .resource {
            for edge in Self.firstCycle(from: start, successors) {
                let e = graph.edges[edge]
                guard pairs.insert([e.from, e.to]).inserted else { continue }
                let (from, to) = (graph.vertices[e.from], graph.vertices[e.to])
                if skipSAM, [from, to].contains(where: { $0.type?.hasPrefix("AWS::Serverless::") == true }) { continue }
                let message =
                    e.from == e.to
                    ? "resource '\(from.name)' depends on itself"
                    : "resource '\(from.name)' is in a dependency cycle: it waits for '\(to.name)', which waits for it in turn"
                findings.append(context.finding(Self.self, message, at: from.range, path: ["Resources", from.name]))
            }
        }
    }

    /// One step of the walk: an edge of the graph (its index) and the resource it leads to.
    struct Step {
        var edge: Int
        var to: Int
    }

    /// Each resource's edges to resources (DependsOn, Ref, Fn::GetAtt, Fn::Sub), in the order
    /// cfn-lint's graph walks them: grouped by target, the targets in the order of their first
    /// edge, where DependsOn edges come first, then those of Refs, GetAtts and Subs, each in
    /// the order written.
    static func successors(_ graph: DependencyGraph) -> [[Step]] {
        func rank(_ kind: Reference.Kind) -> Int? {
            switch kind {
            case .dependsOn: return 0
            case .ref: return 1
            case .getAtt: return 2
            case .sub: return 3
            case .condition, .findInMap: return nil
            }
        }
        var out: [[(key: (Int, Int, Int, Int), step: Step)]] = Array(repeating: [], count: graph.vertices.count)
        for (i, e) in graph.edges.enumerated() {
            guard graph.vertices[e.from].kind == .resource, graph.vertices[e.to].kind == .resource, let r = rank(e.reference.kind)
            else { continue }
            let at = e.reference.range.start
            out[e.from].append(((r, at.line, at.column, i), Step(edge: i, to: e.to)))
        }
        return out.map { edges in
            var order: [Int] = []
            var byTarget: [Int: [Step]] = [:]
            for item in edges.sorted(by: { $0.key < $1.key }) {
                if byTarget[item.step.to] == nil { order.append(item.step.to) }
                byTarget[item.step.to, default: []].append(item.step)
            }
            return order.flatMap { byTarget[$0]! }
        }
    }

    /// The edges of the first cycle that a depth-first walk of edges from `start` meets (as
    /// networkx's `find_cycle` walks): the walk keeps the path it is on, an edge back into the
    /// path closes the cycle, and the cycle is given from the node it closes on.
    static func firstCycle(from start: Int, _ successors: [[Step]]) -> [Int] {
        var path: [(from: Int, step: Step)] = []
        var active: Set<Int> = [start]
        var visitedEdges: Set<Int> = []
        // Each node's walk of its edges goes on where it stopped when the node comes up again.
        var cursor: [Int: Int] = [:]
        var stack = [start]
        var previousHead: Int?
        while let current = stack.last {
            let list = successors[current]
            let next = cursor[current, default: 0]
            guard next < list.count else {
                stack.removeLast()
                continue
            }
            cursor[current] = next + 1
            let step = list[next]
            guard visitedEdges.insert(step.edge).inserted else { continue }
            stack.append(step.to)
            // The walk went back up: drop the path's edges down to the one ending here.
            if let previous = previousHead, current != previous {
                while let popped = path.popLast() {
                    active.remove(popped.step.to)
                    if let last = path.last, last.step.to == current { break }
                }
                if path.isEmpty { active = [current] }
            }
            path.append((current, step))
            if active.contains(step.to) {
                let begin = path.firstIndex { $0.from == step.to } ?? 0
                return path[begin...].map(\.step.edge)
            }
            active.insert(step.to)
            previousHead = step.to
        }
        return []
    }
}
