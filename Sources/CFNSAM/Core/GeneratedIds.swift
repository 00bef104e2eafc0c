import CFNModel

/// Logical ids are ASCII letters and digits: aws-sam-translator refuses a SAM resource whose id
/// is not, and a resource it would make under such an id (one built from an event, alias or
/// connector name with a `-` in it), naming that id.
enum GeneratedIds {
    static func isAlphanumeric(_ id: String) -> Bool {
        !id.isEmpty && id.unicodeScalars.allSatisfy { ($0 >= "A" && $0 <= "Z") || ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") }
    }

    /// The first of `made` whose logical id is not alphanumeric, as an error at `resource`.
    static func check(_ made: [CFNResource], _ resource: SAMResource) throws(SAMError) {
        guard let bad = made.first(where: { !isAlphanumeric($0.logicalId) }) else { return }
        throw SAMError(
            "Logical ids must be alphanumeric. \(resource.logicalId) would make '\(bad.logicalId)' (\(bad.type)) from a name "
                + "that holds other characters; use letters and digits only.",
            logicalId: bad.logicalId,
            range: bad.origin.range.isKnown ? bad.origin.range : resource.range
        )
    }
}
