import CFNModel

/// W2511: an IAM policy written in the 2008 policy language.
struct PolicyVersionOutdated: Rule {
    static let info = RuleInfo(
        id: "W2511",
        title: "IAM policy version 2008-10-17",
        description: """
            A policy's `Version` says which policy language it is written in. `2008-10-17` is the \
            old one: it has no policy variables (`${aws:username}`), and some newer elements are \
            read differently. Use `2012-10-17`. Every policy document the IAM checks read (W3037) \
            is looked at, a `Fn::If` branch and a policy written as JSON text included.
            """,
        passing: [
            """
            Resources:
              Reader:
                Type: AWS::IAM::ManagedPolicy
                Properties:
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: s3:GetObject
                        Resource: "*"
            """
        ],
        failing: [
            """
            Resources:
              Jobs:
                Type: AWS::SQS::Queue
              JobsPolicy:
                Type: AWS::SQS::QueuePolicy
                Properties:
                  Queues: [!Ref Jobs]
                  PolicyDocument:
                    Version: 2008-10-17 # <-
                    Statement:
                      - Effect: Allow
                        Principal: {Service: sns.amazonaws.com}
                        Action: sqs:SendMessage
                        Resource: !GetAtt Jobs.Arn
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for (r, path, document, at, isText) in context.shared.policies(context.template) {
            for (version, found) in SchemaCheck.reach(document, at: at, ["Version"]) where version.scalarText == "2008-10-17" {
                findings.append(
                    context.finding(
                        Self.self,
                        "This policy is written in the 2008-10-17 policy language: use Version 2012-10-17",
                        at: isText ? at : found,
                        path: ["Resources", r.logicalId, "Properties"] + path + ["Version"]
                    )
                )
            }
        }
    }
}
