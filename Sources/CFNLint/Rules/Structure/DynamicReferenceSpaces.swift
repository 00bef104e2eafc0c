import CFNModel

/// W1053: `{{ resolve:...}}` with spaces, which CloudFormation leaves as text.
struct DynamicReferenceSpaces: Rule {
    static var usesSchemaCheck: Bool { true }

    static let info = RuleInfo(
        id: "W1053",
        title: "Dynamic reference with spaces",
        description: """
            CloudFormation resolves a dynamic reference only when it is written without spaces: \
            `{{resolve:ssm:/name}}`. With spaces after the opening braces (`{{ resolve:ssm:/name}}`, \
            maybe more around `resolve` and its colons), the text is passed on as it is, so the resource \
            gets the literal string instead of the parameter or secret. Checked in every value of \
            the template but the top-level Metadata, for the ssm, ssm-secure and secretsmanager \
            services.
            """,
        passing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: '{{resolve:ssm:/names/topic}}'
            """
        ],
        failing: [
            """
            Resources:
              Topic:
                Type: AWS::SNS::Topic
                Properties:
                  DisplayName: '{{ resolve:ssm:/names/topic}}' # <-
                  Tags:
                    - Key: owner
                      Value: !Join ["", ["{{ resolve : secretsmanager:owner}}"]] # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for s in context.shared.strings(context) where !s.inMetadata && Self.hasSpacedReference(s.text) {
            // A string that also holds a well-formed reference is read as that one (E1050).
            if PasswordProperty.isDynamicReference(s.text) { continue }
            findings.append(
                context.finding(
                    Self.self,
                    "'\(s.text)' is not resolved: a dynamic reference is written without spaces, {{resolve:...}}",
                    at: s.range,
                    path: s.path
                )
            )
        }
    }

    /// `{{`, at least one space, `resolve`, `:` and a service and `:`, with any spaces between.
    static func hasSpacedReference(_ text: String) -> Bool {
        let u = Array(text.utf8)
        guard u.count > 4 else { return false }
        func spaces(_ i: inout Int) -> Int {
            let start = i
            while i < u.count, isSpace(u[i]) { i += 1 }
            return i - start
        }
        func word(_ w: String, _ i: inout Int) -> Bool {
            let b = Array(w.utf8)
            guard i + b.count <= u.count, u[i..<(i + b.count)].elementsEqual(b) else { return false }
            i += b.count
            return true
        }
        for start in 0..<(u.count - 1) where u[start] == 123 && u[start + 1] == 123 {
            var i = start + 2
            guard spaces(&i) > 0, word("resolve", &i) else { continue }
            _ = spaces(&i)
            guard i < u.count, u[i] == 58 else { continue }
            i += 1
            _ = spaces(&i)
            var matched = false
            for service in ["ssm-secure", "secretsmanager", "ssm"] {
                var j = i
                if word(service, &j) {
                    _ = spaces(&j)
                    if j < u.count, u[j] == 58 {
                        matched = true
                        break
                    }
                }
            }
            if matched { return true }
        }
        return false
    }

    /// Python's `\s` on ASCII: space, tab, line feed, vertical tab, form feed, carriage return
    /// (and the separators 0x1C-0x1F).
    static func isSpace(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) || (c >= 28 && c <= 31) }
}
