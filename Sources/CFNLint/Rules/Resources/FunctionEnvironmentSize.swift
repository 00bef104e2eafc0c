import CFNModel

/// E3697: a Lambda function whose environment variables add up to more than 4 KB.
struct FunctionEnvironmentSize: Rule {
    static let info = RuleInfo(
        id: "E3697",
        title: "Lambda environment variables over 4 KB",
        description: """
            Lambda caps a function's environment at 4 KB (4096): the names and values of all its \
            `Environment.Variables` together. A function over it fails to deploy. The size is \
            counted in characters over the names and the values written as strings; a value \
            that is a function (`!Ref`, `!GetAtt`, `!Sub`) or a number is not counted, so the \
            real size can only be larger. Variables given by a `Fn::If` are counted in each \
            branch. Reported on `Variables`.
            """,
        passing: [
            """
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.13
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/worker
                  Code:
                    ZipFile: "def handler(event, context): pass"
                  Environment:
                    Variables:
                      TABLE_NAME: orders
                      QUEUE_URL: !Ref AWS::NoValue
            """
        ],
        failing: [
            """
            Resources:
              Worker:
                Type: AWS::Lambda::Function
                Properties:
                  Runtime: python3.13
                  Handler: index.handler
                  Role: arn:aws:iam::123456789012:role/worker
                  Code:
                    ZipFile: "def handler(event, context): pass"
                  Environment:
                    Variables: # <-
                      CONFIG_A: \(String(repeating: "a", count: 2100))
                      CONFIG_B: \(String(repeating: "b", count: 2100))
            """
        ]
    )

    static let limit = 4096

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for (r, value, at) in context.propertyValues(["AWS::Lambda::Function": [["Environment", "Variables"]]]) {
            guard let variables = value.mapValue else { continue }
            let size = variables.entries.reduce(0) { sum, e in
                sum + e.key.unicodeScalars.count + (e.value.stringValue?.unicodeScalars.count ?? 0)
            }
            guard size > Self.limit else { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "\(r.logicalId): its environment variables come to \(size) characters, over Lambda's limit of \(Self.limit) (4 KB)",
                    at: at
                )
            )
        }
    }
}
