import CFNModel

/// E6011: an output's name or description is longer than CloudFormation takes.
struct OutputLengths: Rule {
    static let info = RuleInfo(
        id: "E6011",
        title: "Output name or description too long",
        description: """
            CloudFormation takes an output name of at most 255 characters and an output \
            `Description` of at most 1,024. Longer ones fail when the stack is created.
            """,
        passing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            Outputs:
              BucketName:
                Description: the bucket the reports go to
                Value: !Ref Bucket
            """
        ],
        failing: [
            """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
            Outputs:
              \(String(repeating: "BucketName", count: 26)): # <-
                Value: !Ref Bucket
              BucketArn:
                Description: \(String(repeating: "d", count: 1025)) # <-
                Value: !GetAtt Bucket.Arn
            """
        ]
    )

    static let maxName = 255
    static let maxDescription = 1024

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for o in context.template.outputs {
            let path = ["Outputs", o.name]
            let nameLength = o.name.unicodeScalars.count
            if nameLength > Self.maxName {
                findings.append(
                    context.finding(
                        Self.self,
                        "output name is \(nameLength) characters; CloudFormation takes at most \(Self.maxName)",
                        at: o.nameRange,
                        path: path
                    )
                )
            }
            // The attributes of an output whose name is not letters and digits are not read
            // (the name is E6001's), as cfn-lint does.
            guard o.name.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 | 0x20 >= 97 && $0 | 0x20 <= 122) }),
                let d = o.node.mapValue?[entry: "Description"], let text = d.value.stringValue,
                text.unicodeScalars.count > Self.maxDescription
            else { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "Description of output '\(o.name)' is \(text.unicodeScalars.count) characters; at most \(Self.maxDescription)",
                    at: d.keyRange,
                    path: path + ["Description"]
                )
            )
        }
    }
}
