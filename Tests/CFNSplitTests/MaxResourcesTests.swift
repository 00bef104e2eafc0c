import CFNModel
import CFNSplit
import Testing

/// `--max-resources N` is a promise: every template of the output (the parent, each nested
/// stack, each stack of stacks) holds at most N resources, or the split is refused with the reason.
@Suite("split: --max-resources on the corpus")
struct MaxResourcesTests {
    /// The corpus templates with more resources than the smallest limit tried, each with a limit.
    static let cases: [(path: String, limit: Int)] = Fixtures.corpusPaths.flatMap { entry in
        [3, 10].filter { entry.resources > $0 }.map { (entry.path, $0) }
    }

    @Test("every corpus template splits with every template at most N, or is refused for a stated reason (N = 3, 10)")
    func corpus() throws {
        var split = 0
        var refused: [String: Int] = [:]
        for (path, limit) in Self.cases {
            let t = try Template(contentsOf: Fixtures.shared + "/corpus/templates/" + path)
            do {
                let r = try Splitter.split(t, options: SplitOptions(maxResources: limit))
                #expect(r.parent.resources.count <= limit, "\(path), N = \(limit): the parent holds \(r.parent.resources.count)")
                for s in r.stacks {
                    #expect(
                        s.template.resources.count <= limit,
                        "\(path), N = \(limit): \(s.logicalId) holds \(s.template.resources.count)"
                    )
                }
                #expect(r.parent.resources.count + r.stacks.reduce(0) { $0 + $1.template.resources.count } >= t.resources.count)
                split += 1
            } catch {
                #expect(!error.message.hasPrefix("verification failed"), "\(path), N = \(limit): \(error.message)")
                // The reasons a split may give up: what the template holds, not the splitter.
                let known = ["dependency cycle", "Transform", "computed attribute name", "more than 200 parameters or outputs"]
                #expect(known.contains { error.message.contains($0) }, "\(path), N = \(limit): \(error.message)")
                refused[known.first { error.message.contains($0) } ?? error.message, default: 0] += 1
            }
        }
        #expect(split >= 100, "split \(split), refused \(refused)")
    }

    @Test("a template without functions is cut into stacks too (it stayed whole in the parent before)")
    func noFunctions() throws {
        let path = "aws-cloudformation-templates/ECS/FargateLaunchType/clusters/private-vpc.yaml"
        let t = try Template(contentsOf: Fixtures.shared + "/corpus/templates/" + path)
        #expect(t.resources.count == 38)
        let r = try Splitter.split(t, options: SplitOptions(maxResources: 10))
        #expect(r.stacks.count >= 4)
        #expect(r.parent.resources.count <= 10)
        #expect(r.stacks.allSatisfy { $0.template.resources.count <= 10 })
    }
}
