import CFNModel

/// How events refer to what they invoke: a Lambda function by `Ref` (its name) and `Fn::GetAtt Arn`,
/// an alias by `Ref` (its ARN) for both.
extension FunctionTarget {
    /// Whether the events target the alias `AutoPublishAlias` made.
    var isAlias: Bool { function.type == "AWS::Lambda::Alias" }

    /// What a permission or an event source mapping names the function by (`FunctionName`).
    var nameOrArn: Node { .ref(function.logicalId) }

    /// The ARN of what the events invoke.
    var arn: Node { isAlias ? .ref(function.logicalId) : function.getAtt("Arn") }

    /// Adds an AWS managed policy ARN to the generated role, once.
    mutating func addManagedPolicy(_ arn: String) {
        guard var r = role else { return }
        var arns = r["ManagedPolicyArns"]?.listValue ?? []
        if !arns.contains(where: { $0.stringValue == arn }) { arns.append(.string(arn)) }
        r["ManagedPolicyArns"] = .list(arns)
        role = r
    }

    /// Adds an inline policy (`PolicyName` and `PolicyDocument`) to the generated role, unless the
    /// role already has it or another policy with the same document.
    mutating func addInlinePolicy(_ policy: Node) {
        guard var r = role else { return }
        var policies = r["Policies"]?.listValue ?? []
        let document = policy["PolicyDocument"]
        let present = policies.contains { existing in
            if existing.isSemanticallyEqual(to: policy) { return true }
            guard let document, let other = existing["PolicyDocument"] else { return false }
            return other.isSemanticallyEqual(to: document)
        }
        if !present { policies.append(policy) }
        r["Policies"] = .list(policies)
        role = r
    }
}

extension SAMEvent {
    /// An error about this event that names it by its own logical id (function id + event name), as
    /// aws-sam-translator does for some checks (`Event with id [FnQueue] is invalid. ...`).
    func errorByLogicalId(_ message: String, at property: String? = nil) -> SAMError {
        let at = property.flatMap { properties[entry: $0]?.keyRange } ?? range
        return SAMError(message, logicalId: owner.logicalId, event: logicalId, range: at)
    }

    /// An error that aws-sam-translator reports on the event's own logical id as a resource
    /// (`Resource with id [FnBucketEvent] is invalid. ...`).
    func errorAsResource(_ message: String, at property: String? = nil) -> SAMError {
        let at = property.flatMap { properties[entry: $0]?.keyRange } ?? range
        return SAMError(message, logicalId: logicalId, range: at)
    }

    /// `sam_expect` on a value of this event, the error naming the event by its own logical id.
    func expectByLogicalId(_ value: Node?, _ path: String) -> Expect {
        var e = expect(value, path)
        e.event = logicalId
        return e
    }

    /// A property the way Python's truth test reads it: set and not empty, zero or false.
    func isSet(_ name: String) -> Bool { self[name]?.isTruthy ?? false }
}

/// A value as Python's `isinstance(value, dict)` sees the decoded template: an intrinsic function is
/// a mapping too.
extension Node {
    var isPythonDict: Bool { mapValue != nil || isIntrinsic }

    /// The keys Python would see in this mapping (a function's one key is its name).
    var pythonKeys: [String] {
        if let m = mapValue { return m.keys }
        if let f = functionValue { return [f.name.rawValue] }
        return []
    }
}
