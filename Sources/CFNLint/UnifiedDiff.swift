/// A unified diff of two texts, line by line (`diff -u`'s format, three lines of context), as
/// `lint --diff` prints what `--fix` would change.
public enum UnifiedDiff {
    /// The diff of `old` and `new`, both the file at `path`; empty when they are the same.
    public static func render(old: [UInt8], new: [UInt8], path: String, context: Int = 3) -> String {
        guard old != new else { return "" }
        let a = lines(old)
        let b = lines(new)
        let ops = script(a, b)
        var out = "--- a/\(path)\n+++ b/\(path)\n"
        // Hunks: each run of changes with up to `context` equal lines around it; runs closer
        // than twice that share a hunk.
        var i = 0
        while i < ops.count {
            guard ops[i].kind != .same else {
                i += 1
                continue
            }
            var end = i
            var j = i
            while j < ops.count {
                if ops[j].kind != .same {
                    end = j
                    j += 1
                    continue
                }
                var k = j
                while k < ops.count && ops[k].kind == .same { k += 1 }
                if k < ops.count && k - j <= 2 * context { j = k } else { break }
            }
            let start = max(0, i - context)
            let stop = min(ops.count - 1, end + context)
            let hunk = ops[start...stop]
            let oldStart = hunk.first.map { $0.oldLine } ?? 0
            let newStart = hunk.first.map { $0.newLine } ?? 0
            let oldCount = hunk.filter { $0.kind != .insert }.count
            let newCount = hunk.filter { $0.kind != .delete }.count
            out += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for op in hunk {
                let (mark, line) =
                    op.kind == .same ? (" ", a[op.oldLine]) : op.kind == .delete ? ("-", a[op.oldLine]) : ("+", b[op.newLine])
                out += mark + line.text
                out += line.newline ? "\n" : "\n\\ No newline at end of file\n"
            }
            i = stop + 1
        }
        return out
    }

    private static func range(_ start: Int, _ count: Int) -> String {
        // Lines count from 1; an empty range names the line before it.
        count == 0 ? "\(start),0" : count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
    }

    struct Line: Equatable {
        var text: String
        var newline: Bool
    }

    static func lines(_ bytes: [UInt8]) -> [Line] {
        var out: [Line] = []
        var start = 0
        for (i, b) in bytes.enumerated() where b == 10 {
            out.append(Line(text: String(decoding: bytes[start..<i], as: UTF8.self), newline: true))
            start = i + 1
        }
        if start < bytes.count { out.append(Line(text: String(decoding: bytes[start...], as: UTF8.self), newline: false)) }
        return out
    }

    enum Kind { case same, delete, insert }

    struct Op {
        var kind: Kind
        /// The line's index in the old text (for an insertion: the old line it comes before).
        var oldLine: Int
        /// The line's index in the new text (for a deletion: the new line it comes before).
        var newLine: Int
    }

    /// The shortest edit script from `a` to `b` (Myers' algorithm on what is left between the
    /// common first and last lines; memory grows with the square of the number of changes).
    static func script(_ a: [Line], _ b: [Line]) -> [Op] {
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let x0 = prefix
        let n = a.count - prefix - suffix
        let m = b.count - prefix - suffix
        var ops: [Op] = (0..<prefix).map { Op(kind: .same, oldLine: $0, newLine: $0) }
        // trace[d][k + d]: the furthest x on diagonal k after d changes.
        var trace: [[Int]] = []
        var v = [0]
        var found = false
        for d in 0...(n + m) {
            var next = [Int](repeating: 0, count: 2 * d + 1)
            for k in stride(from: -d, through: d, by: 2) {
                func at(_ k: Int) -> Int { v[k + d - 1] }
                var x: Int
                if d == 0 {
                    x = 0
                } else if k == -d || (k != d && at(k - 1) < at(k + 1)) {
                    x = at(k + 1)
                } else {
                    x = at(k - 1) + 1
                }
                var y = x - k
                while x < n && y < m && a[x0 + x] == b[x0 + y] {
                    x += 1
                    y += 1
                }
                next[k + d] = x
                if x >= n && y >= m { found = true }
            }
            trace.append(next)
            v = next
            if found { break }
        }
        // Back from the end to the start, one change per step.
        var middle: [Op] = []
        var x = n
        var y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let k = x - y
            if d == 0 {
                while x > 0 && y > 0 {
                    x -= 1
                    y -= 1
                    middle.append(Op(kind: .same, oldLine: x0 + x, newLine: x0 + y))
                }
                break
            }
            let previous = trace[d - 1]
            func at(_ k: Int) -> Int { previous[k + d - 1] }
            let down = k == -d || (k != d && at(k - 1) < at(k + 1))
            let pk = down ? k + 1 : k - 1
            let px = at(pk)
            let py = px - pk
            while x > px + (down ? 0 : 1) && y > py + (down ? 1 : 0) {
                x -= 1
                y -= 1
                middle.append(Op(kind: .same, oldLine: x0 + x, newLine: x0 + y))
            }
            if down {
                y -= 1
                middle.append(Op(kind: .insert, oldLine: x0 + x, newLine: x0 + y))
            } else {
                x -= 1
                middle.append(Op(kind: .delete, oldLine: x0 + x, newLine: x0 + y))
            }
        }
        ops += middle.reversed()
        ops += (0..<suffix).map { Op(kind: .same, oldLine: a.count - suffix + $0, newLine: b.count - suffix + $0) }
        return ops
    }
}
