/// Where each resource goes: into the parent, or into one of the nested stacks.
struct Plan: Sendable {
    /// Logical id of each nested stack resource, in order; index = stack number.
    var stackNames: [String]
    /// Resource logical id -> stack number; resources not listed stay in the parent.
    var stackOf: [String: Int]

    /// The resources of each stack, in the template's order.
    func members(in order: [String]) -> [[String]] {
        var out = Array(repeating: [String](), count: stackNames.count)
        for id in order {
            if let s = stackOf[id] { out[s].append(id) }
        }
        return out
    }

    /// Drops stacks that hold nothing and renumbers the rest.
    mutating func compact(order: [String]) {
        let members = members(in: order)
        var renumber: [Int: Int] = [:]
        var names: [String] = []
        for (i, m) in members.enumerated() where !m.isEmpty {
            renumber[i] = names.count
            names.append(stackNames[i])
        }
        stackNames = names
        stackOf = stackOf.compactMapValues { renumber[$0] }
    }
}
