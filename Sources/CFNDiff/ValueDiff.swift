import CFNModel

/// The changed values between two nodes, as paths: mappings key by key, set-like lists by
/// membership, other lists by position with moved, added and removed items found.
struct ValueDiff {
    private(set) var changes: [PropertyChange] = []

    /// Lists longer than this (product of both lengths) are compared by position only.
    static let alignLimit = 40_000

    mutating func diff(_ a: Node?, _ b: Node?, path: [PathComponent], key: String?, _ context: Semantics.Context) {
        switch (a, b) {
        case (nil, nil): return
        case (nil, let b?):
            changes.append(PropertyChange(path: path, kind: .added, old: nil, new: b))
        case (let a?, nil):
            changes.append(PropertyChange(path: path, kind: .removed, old: a, new: nil))
        case (let a?, let b?):
            if Semantics.equal(a, b, key: key, context) { return }
            switch (a.value, b.value) {
            case (.map(let x), .map(let y)):
                for e in x.entries {
                    diff(e.value, y[e.key], path: path + [.key(e.key)], key: e.key, context)
                }
                for e in y.entries where x[e.key] == nil {
                    changes.append(PropertyChange(path: path + [.key(e.key)], kind: .added, old: nil, new: e.value))
                }
            case (.list(let x), .list(let y)):
                if Semantics.isSet(key: key, context) {
                    diffSet(x, y, path: path, itemContext: Semantics.itemContext(key: key, context))
                } else {
                    diffOrdered(x, y, path: path, context)
                }
            case (.function(let f), .function(let g)) where f.name == g.name && f.name == .if:
                // Fn::If branches are values of their own: say which branch changed.
                diff(f.argument, g.argument, path: path + [.key(f.name.rawValue)], key: nil, context)
            default:
                changes.append(PropertyChange(path: path, kind: .modified, old: a, new: b))
            }
        }
    }

    /// Members removed and added, as multisets.
    private mutating func diffSet(_ x: [Node], _ y: [Node], path: [PathComponent], itemContext: Semantics.Context) {
        var remaining: [String: [Int]] = [:]
        for (i, n) in x.enumerated() { remaining[Semantics.canonical(n, itemContext), default: []].append(i) }
        var added: [Int] = []
        for (j, n) in y.enumerated() {
            let k = Semantics.canonical(n, itemContext)
            if var list = remaining[k], !list.isEmpty {
                list.removeFirst()
                remaining[k] = list
            } else {
                added.append(j)
            }
        }
        let removed = remaining.values.flatMap { $0 }.sorted()
        for i in removed { changes.append(PropertyChange(path: path + [.index(i)], kind: .removed, old: x[i], new: nil)) }
        for j in added { changes.append(PropertyChange(path: path + [.index(j)], kind: .added, old: nil, new: y[j])) }
    }

    /// Items aligned by their longest common subsequence; what is left is moved (same item
    /// elsewhere), modified (paired in order), added or removed.
    private mutating func diffOrdered(_ x: [Node], _ y: [Node], path: [PathComponent], _ context: Semantics.Context) {
        let kx = x.map { Semantics.canonical($0, context) }
        let ky = y.map { Semantics.canonical($0, context) }
        var unmatchedOld: [Int] = []
        var unmatchedNew: [Int] = []
        var lo = 0
        while lo < kx.count && lo < ky.count && kx[lo] == ky[lo] { lo += 1 }
        var hx = kx.count
        var hy = ky.count
        while hx > lo && hy > lo && kx[hx - 1] == ky[hy - 1] {
            hx -= 1
            hy -= 1
        }
        let n = hx - lo
        let m = hy - lo
        if n > 0 && m > 0 && n * m <= Self.alignLimit {
            // Classic LCS table on the differing middle.
            var table = [Int](repeating: 0, count: (n + 1) * (m + 1))
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    table[i * (m + 1) + j] =
                        kx[lo + i] == ky[lo + j]
                        ? table[(i + 1) * (m + 1) + j + 1] + 1 : max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1])
                }
            }
            var i = 0
            var j = 0
            while i < n && j < m {
                if kx[lo + i] == ky[lo + j] {
                    i += 1
                    j += 1
                } else if table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1] {
                    unmatchedOld.append(lo + i)
                    i += 1
                } else {
                    unmatchedNew.append(lo + j)
                    j += 1
                }
            }
            while i < n {
                unmatchedOld.append(lo + i)
                i += 1
            }
            while j < m {
                unmatchedNew.append(lo + j)
                j += 1
            }
        } else {
            unmatchedOld = Array(lo..<hx)
            unmatchedNew = Array(lo..<hy)
        }
        // The same item at another position: moved.
        var byKey: [String: [Int]] = [:]
        for i in unmatchedOld { byKey[kx[i], default: []].append(i) }
        var movedOld: Set<Int> = []
        var restNew: [Int] = []
        for j in unmatchedNew {
            if var list = byKey[ky[j]], !list.isEmpty {
                let i = list.removeFirst()
                byKey[ky[j]] = list
                movedOld.insert(i)
                changes.append(PropertyChange(path: path + [.index(j)], oldPath: path + [.index(i)], kind: .moved, old: x[i], new: y[j]))
            } else {
                restNew.append(j)
            }
        }
        let restOld = unmatchedOld.filter { !movedOld.contains($0) }
        // What is left pairs up in order as modifications; the surplus is added or removed.
        let paired = min(restOld.count, restNew.count)
        for k in 0..<paired {
            diff(x[restOld[k]], y[restNew[k]], path: path + [.index(restNew[k])], key: nil, context)
        }
        for i in restOld.dropFirst(paired) {
            changes.append(PropertyChange(path: path + [.index(i)], kind: .removed, old: x[i], new: nil))
        }
        for j in restNew.dropFirst(paired) {
            changes.append(PropertyChange(path: path + [.index(j)], kind: .added, old: nil, new: y[j]))
        }
    }
}
