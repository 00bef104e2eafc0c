import CFNModel

/// E1024: `Fn::Cidr` takes `[ip block, count, cidr bits]`.
struct CidrArgument: Rule {
    static var usesSchemaCheck: Bool { true }

    static let info = RuleInfo(
        id: "E1024",
        title: "Fn::Cidr is malformed",
        description: """
            `Fn::Cidr` takes two or three items: the address block in CIDR notation \
            (`10.0.0.0/16`), how many blocks to make (1 to 256) and, optionally, the number of \
            host bits of each block (1 to 128). Each may also come from a function (`Ref`, \
            `Fn::Select`, `Fn::GetAtt`, ...). Inside a `Fn::Select` the problem is reported as \
            E1017, the Select's.
            """,
        passing: [
            """
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-123
                  CidrBlock: !Select [0, !Cidr ['10.0.0.0/16', 4, 8]]
            """
        ],
        failing: [
            """
            Resources:
              Subnet:
                Type: AWS::EC2::Subnet
                Properties:
                  VpcId: vpc-123
                  CidrBlock: # <-
                    Fn::Cidr:
                      - 10.0.0.0 # <-
                      - 300 # <-
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        findings += context.schemaFindings(Self.self)
        let template = context.template
        context.eachFunction { f, node, path, scope in
            guard f.name == .cidr else { return }
            let id = FunctionWalker.reportingId("E1024", scope)
            func report(_ message: String, _ range: SourceRange) {
                findings.append(context.finding(id: id, message, at: range, path: path))
            }
            guard let items = f.argument.listValue else {
                if case .function = f.argument.value { return }
                report("Fn::Cidr takes a list: [ip block, count, cidr bits]", FunctionWalker.callRange(f, node))
                return
            }
            guard items.count == 2 || items.count == 3 else {
                report("Fn::Cidr takes two or three items, not \(items.count)", FunctionWalker.callRange(f, node))
                return
            }
            if case .string(let block) = items[0].value, !CidrArgument.isCidr(block) {
                report("'\(block)' is not an address block in CIDR notation (such as 10.0.0.0/16)", items[0].range)
            } else if !items[0].isScalar && items[0].functionValue == nil {
                report("The address block of Fn::Cidr must be a string", items[0].range)
            }
            for (i, limit) in [(1, 256), (2, 128)] where i < items.count {
                let item = items[i]
                if item.functionValue != nil { continue }
                guard let text = item.scalarText, item.isScalar, let n = Int(text) else {
                    report("Item \(i + 1) of Fn::Cidr must be a whole number", item.range)
                    continue
                }
                if n < 1 || n > limit { report("Item \(i + 1) of Fn::Cidr must be between 1 and \(limit), not \(n)", item.range) }
            }
        }
    }

    /// `a.b.c.d/n` with each part in range.
    static func isCidr(_ s: String) -> Bool {
        let halves = s.split(separator: "/", omittingEmptySubsequences: false)
        guard halves.count == 2, let bits = Int(halves[1]), (0...32).contains(bits), halves[1].count <= 2 else { return false }
        let octets = halves[0].split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4
            && octets.allSatisfy { o in
                guard let v = Int(o), (0...255).contains(v), o.allSatisfy(\.isASCII) else { return false }
                return o == "0" || !o.hasPrefix("0")
            }
    }
}
