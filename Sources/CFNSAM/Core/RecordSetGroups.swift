import CFNModel

/// The Route 53 record set groups made for APIs' custom domains, by logical id
/// (`RecordSetGroup<hash of the hosted zone>`): APIs whose domains share a hosted zone share one
/// group, each adding its records to it, as aws-sam-translator does for REST and HTTP APIs alike.
/// The last API to add records makes the group that the output keeps.
struct RecordSetGroups {
    private var groups: [String: CFNResource] = [:]

    /// The group with `logicalId`, if an API made it.
    subscript(_ logicalId: String) -> CFNResource? {
        get { groups[logicalId] }
        set { groups[logicalId] = newValue }
    }
}
