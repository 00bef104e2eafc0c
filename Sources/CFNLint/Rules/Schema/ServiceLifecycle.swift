import CFNModel
import CFNSchema

/// The lifecycle AWS gives a resource type's service (`shutdown`, `sunset`, `maintenance`),
/// shared by the three rules that report it. The finding sits on the resource's `Properties`
/// key (its name when it has none).
enum ServiceLifecycle {
    static func report<R: Rule>(_ rule: R.Type, status: String, _ context: LintContext, into findings: inout [Finding],
                                message: (String, String) -> String)
    {
        guard let store = SchemaStore.bundled else { return }
        let region = context.schemaRegion
        for entry in context.template.root["Resources"]?.mapValue ?? Map() {
            guard let type = entry.value["Type"]?.stringValue, let schema = store.schema(for: type, region: region),
                let lifecycle = schema.lifecycle, lifecycle.status == status
            else { continue }
            let at = entry.value.mapValue?[entry: "Properties"]?.keyRange ?? entry.keyRange
            findings.append(context.finding(rule, message(type, lifecycle.date), at: at))
        }
    }
}
