import CFNModel
import CFNSAM

extension TemplateDiff {
    /// The diff with each resource change naming the SAM resource it comes from: `old` and
    /// `new` are the SAM transform's origins of each side (`SAMTransform.Output.origins`,
    /// empty for a side that is plain CloudFormation). A removed resource takes its old origin,
    /// every other change its new one (or the old one when the new side is plain).
    ///
    /// ```swift
    /// let a = try SAMTransform().apply(to: old), b = try SAMTransform().apply(to: new)
    /// let diff = Differ().diff(a.template, b.template).attributing(old: a.origins, new: b.origins)
    /// diff.resources.first?.origin?.description   // "GetUserFn's event Get"
    /// ```
    public func attributing(old: [String: Origin], new: [String: Origin]) -> TemplateDiff {
        guard !old.isEmpty || !new.isEmpty else { return self }
        var out = self
        for i in out.resources.indices {
            let r = out.resources[i]
            let gone = r.impact == .removed || r.impact == .orphaned
            let oldId = r.renamedFrom ?? r.logicalId
            out.resources[i].origin = gone ? old[r.logicalId] : (new[r.logicalId] ?? old[oldId])
        }
        return out
    }
}
