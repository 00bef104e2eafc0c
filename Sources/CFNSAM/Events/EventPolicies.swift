import CFNModel

/// IAM policies events add to roles, in aws-sam-translator's words.
enum EventPolicies {
    /// `<id>SQSPolicy`: send messages to a queue.
    static func sqsSendMessage(_ queueArn: Node?, _ logicalId: String) -> Node {
        named(logicalId + "SQSPolicy", [statement("sqs:SendMessage", queueArn)])
    }

    /// `<id>SNSPolicy`: publish to a topic.
    static func snsPublish(_ topicArn: Node?, _ logicalId: String) -> Node {
        named(logicalId + "SNSPolicy", [statement("sns:publish", topicArn)])
    }

    /// `<id>S3Policy`: put objects in a bucket (and list it).
    static func s3SendEventPayload(_ bucketArn: Node?, _ logicalId: String) -> Node {
        let objects = Node.join("/", [bucketArn ?? Node(.null), "*"])
        return named(logicalId + "S3Policy", [statement("s3:PutObject", objects), statement("s3:ListBucket", bucketArn)])
    }

    /// `<id>LambdaPolicy`: invoke a function.
    static func lambdaInvoke(_ functionArn: Node, _ logicalId: String) -> Node {
        named(logicalId + "LambdaPolicy", [statement("lambda:InvokeFunction", functionArn)])
    }

    /// `{"Action": action, "Effect": "Allow", "Resource": resource}` (a null resource when there is none).
    static func statement(_ action: Node, _ resource: Node?) -> Node {
        .map([("Action", action), ("Effect", "Allow"), ("Resource", resource ?? Node(.null))])
    }

    /// `{"PolicyName": name, "PolicyDocument": {"Statement": statements}}`.
    static func named(_ name: String, _ statements: [Node], version: Bool = false) -> Node {
        var document: [(String, Node)] = [("Statement", .list(statements))]
        if version { document.append(("Version", "2012-10-17")) }
        return .map([("PolicyName", .string(name)), ("PolicyDocument", .map(document))])
    }
}
