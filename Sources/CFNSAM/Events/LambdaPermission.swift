import CFNModel

/// The `AWS::Lambda::Permission` that lets a service invoke the function (push events).
enum LambdaPermission {
    /// `<prefix>Permission<suffix>` (the suffix hashed when it is not alphanumeric), for `principal`.
    static func make(
        _ event: SAMEvent,
        _ target: FunctionTarget,
        principal: String,
        sourceArn: Node? = nil,
        sourceAccount: Node? = nil,
        eventSourceToken: Node? = nil,
        suffix: String = "",
        prefix: String? = nil
    ) -> CFNResource {
        let base = (prefix ?? event.logicalId) + "Permission"
        let isAlphanumeric =
            !suffix.isEmpty && suffix.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        let logicalId = isAlphanumeric ? base + suffix : LogicalId.make(base, .string(suffix))
        return event.resource(
            logicalId,
            "AWS::Lambda::Permission",
            [
                ("Action", "lambda:InvokeFunction"), ("FunctionName", target.nameOrArn), ("Principal", .string(principal)),
                ("SourceAccount", sourceAccount), ("SourceArn", sourceArn), ("EventSourceToken", eventSourceToken),
            ],
            attributes: target.attributes
        )
    }
}
