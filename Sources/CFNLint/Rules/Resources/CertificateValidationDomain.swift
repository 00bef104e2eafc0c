import CFNModel

/// E3503: a certificate's validation domain that is not a superdomain of the name it validates.
struct CertificateValidationDomain: Rule {
    static let info = RuleInfo(
        id: "E3503",
        title: "ValidationDomain not a superdomain of DomainName",
        description: """
            Each of an `AWS::CertificateManager::Certificate`'s `DomainValidationOptions` names a \
            `DomainName` and the `ValidationDomain` ACM sends the validation mail for: the \
            domain itself or one it is under (`example.com` for `www.example.com`). ACM refuses \
            any other. Each branch of a `Fn::If` is read; a value given by another function is \
            not judged.
            """,
        passing: [
            """
            Resources:
              Certificate:
                Type: AWS::CertificateManager::Certificate
                Properties:
                  DomainName: www.example.com
                  ValidationMethod: EMAIL
                  DomainValidationOptions:
                    - DomainName: www.example.com
                      ValidationDomain: example.com
            """
        ],
        failing: [
            """
            Resources:
              Certificate:
                Type: AWS::CertificateManager::Certificate
                Properties:
                  DomainName: www.example.com
                  ValidationMethod: EMAIL
                  DomainValidationOptions:
                    - DomainName: www.example.com # <-
                      ValidationDomain: example.org
                    - DomainName: notexample.com # <-
                      ValidationDomain: example.com
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        let paths = ["AWS::CertificateManager::Certificate": [["DomainValidationOptions", "*"]]]
        for (r, item, _) in context.propertyValues(paths) {
            guard let option = item.mapValue, let name = option[entry: "DomainName"], let validation = option["ValidationDomain"]
            else { continue }
            // Each pair of branches that can hold together (the same condition goes one way).
            for (domain, whenDomain) in name.value.branches() {
                for (parent, whenParent) in validation.branches() where !Self.contradict(whenDomain, whenParent) {
                    guard let domain = domain.stringValue, let parent = parent.stringValue, domain != parent,
                        !domain.hasSuffix("." + parent)
                    else { continue }
                    findings.append(
                        context.finding(
                            Self.self,
                            "\(r.logicalId): ValidationDomain '\(parent)' is not '\(domain)' nor a domain it is under",
                            at: name.keyRange,
                            path: ["Resources", r.logicalId, "Properties", "DomainValidationOptions"]
                        )
                    )
                }
            }
        }
    }

    /// Whether two branch paths take one condition both ways.
    static func contradict(_ a: [String], _ b: [String]) -> Bool {
        a.contains { s in
            let flipped = s.hasSuffix(" is true") ? String(s.dropLast(8)) + " is false" : String(s.dropLast(9)) + " is true"
            return b.contains(flipped)
        }
    }
}
