import CFNModel

/// E3039: a DynamoDB table whose attribute definitions and key schemas name different attributes.
struct DynamoDBAttributeMismatch: Rule {
    static let info = RuleInfo(
        id: "E3039",
        title: "DynamoDB attribute definitions and key schemas differ",
        description: """
            An `AWS::DynamoDB::Table` defines in `AttributeDefinitions` exactly the attributes \
            that its keys use: those of its `KeySchema` and of the `KeySchema`s of its \
            `GlobalSecondaryIndexes` and `LocalSecondaryIndexes`. An attribute defined but used by \
            no key, or a key on an undefined attribute, fails at deploy time. A `Fn::If` in these \
            properties is read once per combination of conditions that can hold together. When \
            an attribute definition's name is not a plain string, or one of the four properties \
            is not a list, the rule says nothing; a key whose name is a function is not counted \
            (as cfn-lint reads it).
            """,
        passing: [
            """
            Resources:
              Orders:
                Type: AWS::DynamoDB::Table
                Properties:
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - AttributeName: OrderId
                      AttributeType: S
                    - AttributeName: Customer
                      AttributeType: S
                  KeySchema:
                    - AttributeName: OrderId
                      KeyType: HASH
                  GlobalSecondaryIndexes:
                    - IndexName: ByCustomer
                      KeySchema:
                        - AttributeName: Customer
                          KeyType: HASH
                      Projection:
                        ProjectionType: ALL
            """
        ],
        failing: [
            """
            Parameters:
              Stage:
                Type: String
            Conditions:
              IsProd: !Equals [!Ref Stage, prod]
            Resources:
              Orders:
                Type: AWS::DynamoDB::Table
                Properties: # <-
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - AttributeName: OrderId
                      AttributeType: S
                    - AttributeName: Total
                      AttributeType: N
                  KeySchema:
                    - AttributeName: OrderId
                      KeyType: HASH
              Sessions:
                Type: AWS::DynamoDB::Table
                Properties: # <-
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - AttributeName: SessionId
                      AttributeType: S
                    - !If [IsProd, {AttributeName: User, AttributeType: S}, !Ref AWS::NoValue]
                  KeySchema:
                    - AttributeName: SessionId
                      KeyType: HASH
            """
        ]
    )

    static let properties = ["AttributeDefinitions", "KeySchema", "GlobalSecondaryIndexes", "LocalSecondaryIndexes"]

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources where r.type == "AWS::DynamoDB::Table" {
            guard let entry = r.node.mapValue?[entry: "Properties"], let properties = entry.value.mapValue else { continue }
            let read = Node(.map(Map(properties.entries.filter { Self.properties.contains($0.key) })))
            var reported: Set<String> = []
            for truth in context.scenarios(of: read.ifConditions()) {
                guard let table = read.resolved(truth)?.mapValue, let sets = Self.attributeSets(table) else { continue }
                guard sets.defined != sets.keys else { continue }
                let defined = sets.defined.sorted().joined(separator: ", ")
                let keys = sets.keys.sorted().joined(separator: ", ")
                let message =
                    "\(r.logicalId) defines the attributes [\(defined)] but its key schemas use [\(keys)]; the two sets must be the same"
                guard reported.insert(message).inserted else { continue }
                findings.append(context.finding(Self.self, message, at: entry.keyRange, path: ["Resources", r.logicalId, "Properties"]))
            }
        }
    }

    /// The attributes defined and those the keys use; nil when they cannot be told.
    static func attributeSets(_ table: Map) -> (defined: Set<String>, keys: Set<String>)? {
        var lists: [[Node]] = []
        for name in properties {
            guard let value = table[name] else {
                lists.append([])
                continue
            }
            guard let items = value.listValue else { return nil }
            lists.append(items)
        }
        var defined: Set<String> = []
        for item in lists[0] {
            guard let name = item.mapValue?["AttributeName"]?.stringValue else { return nil }
            defined.insert(name)
        }
        func keyNames(_ schema: Node?) -> Set<String>? {
            guard let items = schema?.listValue else { return [] }
            var names: Set<String> = []
            for item in items {
                // A function item has no name to read; a scalar or list one stops cfn-lint.
                if item.functionValue != nil { continue }
                guard let map = item.mapValue else { return nil }
                if let name = map["AttributeName"]?.stringValue { names.insert(name) }
            }
            return names
        }
        guard var keys = keyNames(Node(.list(lists[1]))) else { return nil }
        for index in lists[2] + lists[3] where index.functionValue == nil {
            guard let map = index.mapValue, let names = keyNames(map["KeySchema"]) else { return nil }
            keys.formUnion(names)
        }
        return (defined, keys)
    }
}
