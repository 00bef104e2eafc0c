import CFNModel

/// W3663: a Lambda permission for an S3 bucket, or for an ARN without an account, that does
/// not name the `SourceAccount`.
struct LambdaPermissionSourceAccount: Rule {
    static let info = RuleInfo(
        id: "W3663",
        title: "Lambda permission without SourceAccount where the ARN has no account",
        description: """
            An S3 bucket's ARN (`arn:aws:s3:::name`) carries no account id, so a \
            `AWS::Lambda::Permission` whose `SourceArn` is one lets a bucket of that name in \
            any account invoke the function: name the bucket's owner in `SourceAccount`. The \
            rule fires when `SourceArn` refers to an `AWS::S3::Bucket` of the template (`!Ref` \
            or `!GetAtt`), or is a written ARN with no 12-digit account in it; the finding is \
            at `Properties`. An ARN another function builds (`!Sub`) is not judged; each branch \
            of a `Fn::If` is.
            """,
        passing: [
            """
            Resources:
              Uploads:
                Type: AWS::S3::Bucket
              Invoke:
                Type: AWS::Lambda::Permission
                Properties:
                  Action: lambda:InvokeFunction
                  FunctionName: resize
                  Principal: s3.amazonaws.com
                  SourceAccount: !Ref AWS::AccountId
                  SourceArn: !GetAtt Uploads.Arn
              FromTopic:
                Type: AWS::Lambda::Permission
                Properties:
                  Action: lambda:InvokeFunction
                  FunctionName: resize
                  Principal: sns.amazonaws.com
                  SourceArn: arn:aws:sns:us-east-1:123456789012:uploads
            """
        ],
        failing: [
            """
            Resources:
              Uploads:
                Type: AWS::S3::Bucket
              Invoke:
                Type: AWS::Lambda::Permission
                Properties: # <-
                  Action: lambda:InvokeFunction
                  FunctionName: resize
                  Principal: s3.amazonaws.com
                  SourceArn: !GetAtt Uploads.Arn
              Written:
                Type: AWS::Lambda::Permission
                Properties: # <-
                  Action: lambda:InvokeFunction
                  FunctionName: resize
                  Principal: s3.amazonaws.com
                  SourceArn: arn:aws:s3:::shared-uploads
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources where r.type == "AWS::Lambda::Permission" {
            guard let entry = r.node.mapValue?[entry: "Properties"], let properties = entry.value.mapValue,
                properties["SourceAccount"] == nil
            else { continue }
            let open = LambdaPermissionSource.of(entry.value, in: context.template).contains { source in
                switch source {
                case .resource(_, let type): return type == "AWS::S3::Bucket"
                case .arn(let text): return !Self.hasAccount(text)
                }
            }
            if open {
                findings.append(
                    context.finding(
                        Self.self,
                        "\(r.logicalId)'s SourceArn names no account: set SourceAccount, or the same name in another account can invoke the function",
                        at: entry.keyRange
                    )
                )
            }
        }
    }

    /// Whether the text has `:<12 digits>:` in it.
    static func hasAccount(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 14 else { return false }
        for start in 0...(bytes.count - 14) where bytes[start] == UInt8(ascii: ":") && bytes[start + 13] == UInt8(ascii: ":") {
            if bytes[(start + 1)...(start + 12)].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return true }
        }
        return false
    }
}
