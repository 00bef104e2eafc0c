/// Strongly connected components of a directed graph given as adjacency lists (Tarjan's
/// algorithm, iterative: a chain of 100,000 nodes needs no deep recursion).
public enum StronglyConnected {
    /// The components, each sorted; components come out in reverse topological order
    /// (a component before those that depend on it).
    public static func components(of adjacency: [[Int]]) -> [[Int]] {
        let n = adjacency.count
        var index = Array(repeating: -1, count: n)
        var low = Array(repeating: 0, count: n)
        var onStack = Array(repeating: false, count: n)
        var stack: [Int] = []
        var components: [[Int]] = []
        var counter = 0
        for root in 0..<n where index[root] < 0 {
            var work: [(node: Int, next: Int)] = [(root, 0)]
            index[root] = counter
            low[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while let (v, k) = work.last {
                if k < adjacency[v].count {
                    work[work.count - 1].next += 1
                    let w = adjacency[v][k]
                    if index[w] < 0 {
                        index[w] = counter
                        low[w] = counter
                        counter += 1
                        stack.append(w)
                        onStack[w] = true
                        work.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                } else {
                    work.removeLast()
                    if let parent = work.last?.node { low[parent] = min(low[parent], low[v]) }
                    if low[v] == index[v] {
                        var component: [Int] = []
                        while true {
                            let w = stack.removeLast()
                            onStack[w] = false
                            component.append(w)
                            if w == v { break }
                        }
                        components.append(component.sorted())
                    }
                }
            }
        }
        return components
    }
}
