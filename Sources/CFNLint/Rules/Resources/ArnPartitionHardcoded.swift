import CFNModel

/// I3042: an ARN in a resource's `Fn::Sub` writes its partition out instead of `${AWS::Partition}`.
struct ArnPartitionHardcoded: Rule {
    static let info = RuleInfo(
        id: "I3042",
        title: "ARN with a written-out partition",
        description: """
            An ARN built with `Fn::Sub` in a resource names its partition as text \
            (`arn:aws:s3:::logs/${AWS::AccountId}`): the same template then cannot deploy to \
            China or GovCloud, whose partitions are `aws-cn` and `aws-us-gov`. Write \
            `${AWS::Partition}` (or a variable of your own) there. An ARN's partition may also \
            be empty or `*`. Only strings inside a `Fn::Sub` are read, anywhere in a resource \
            (its string and its variables' values): a plain string has no way to say the \
            partition. SAM templates are left alone. One note per place: on the `Fn::Sub` key, \
            the nearest key above a `!Sub` tag, the string of a `[string, variables]` list, or \
            the variable's name.
            """,
        passing: [
            """
            Resources:
              Reader:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: lambda.amazonaws.com}
                        Action: sts:AssumeRole
                  ManagedPolicyArns:
                    - !Sub arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess
                    - arn:aws:iam::aws:policy/AWSLambdaExecute
            """
        ],
        failing: [
            """
            Resources:
              Reader:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument:
                    Statement:
                      - Effect: Allow
                        Principal: {Service: lambda.amazonaws.com}
                        Action: sts:AssumeRole
                  ManagedPolicyArns: # <-
                    - !Sub arn:aws:iam::${AWS::AccountId}:policy/reader
                  Policies:
                    - PolicyName: queue
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Action: sqs:SendMessage
                            Resource:
                              Fn::Sub:
                                - arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:${Name} # <-
                                - Name: jobs
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        guard !context.written.hasServerlessTransform else { return }
        var seen: Set<Int> = []
        func visit(_ f: Intrinsic, _ path: [String], _ scope: FunctionScope) {
            guard f.name == .sub, scope.section == "Resources", path.count > 1 else { return }
            let resource = path[1]
            Self.strings(f.argument, at: FunctionWalker.argumentRange(f, scope)) { text, at in
                guard Self.partitions(in: text).contains(where: { !Self.partitionIsPortable($0) }),
                    seen.insert(at.start.offset).inserted
                else { return }
                findings.append(
                    context.finding(
                        Self.self,
                        "An ARN in \(resource) writes its partition out: use ${AWS::Partition} so the template deploys to every partition",
                        at: at,
                        path: path
                    )
                )
            }
        }
        context.eachFunction { f, _, path, scope in visit(f, path, scope) }
        // cfn-lint reads every part of a resource; the shared walk reads the properties of the
        // types with a schema: the rest (Metadata, other vendors' properties) is walked here.
        for r in context.template.resources {
            let walked = r.type.map(FunctionWalker.hasSchema) ?? false
            for attribute in r.node.mapValue ?? Map() where attribute.key != "Properties" || !walked {
                var scope = FunctionScope(section: "Resources", resourceType: r.type)
                scope.anchor = attribute.keyRange
                var path = ["Resources", r.logicalId, attribute.key]
                FunctionWalker.walk(attribute.value, &path, &scope) { node, path, scope in
                    if case .function(let f) = node.value { visit(f, path, scope) }
                }
            }
        }
    }

    /// Each text under `node` with where cfn-lint places it: a list's string at itself, a
    /// mapping's value at its key, a function's argument at the function's key (long form) or
    /// at `at` (a tag has no place of its own). A nested `Fn::Sub` is left to its own visit.
    static func strings(_ node: Node, at: SourceRange, _ visit: (String, SourceRange) -> Void) {
        switch node.value {
        case .string(let s): visit(s, at)
        case .list(let items): for item in items { strings(item, at: item.range, visit) }
        case .map(let m): for e in m { strings(e.value, at: e.keyRange, visit) }
        case .function(let g):
            guard g.name != .sub else { return }
            strings(g.argument, at: g.form == .long && g.keyRange.start.line > 0 ? g.keyRange : at, visit)
        default: break
        }
    }

    /// Whether an ARN's partition is one that follows the stack: empty, `*`, or starting with
    /// `${AWS::Partition}` or another `${Name}`.
    static func partitionIsPortable(_ p: String) -> Bool {
        if p.isEmpty || p.hasPrefix("*") || p.hasPrefix("${AWS::Partition}") { return true }
        let u = Array(p.utf8)
        guard u.count > 3, u[0] == UInt8(ascii: "$"), u[1] == UInt8(ascii: "{") else { return false }
        var i = 2
        while i < u.count, isWord(u[i]) { i += 1 }
        return i > 2 && i < u.count && u[i] == UInt8(ascii: "}")
    }

    /// The partitions of the ARNs in `text`: each `arn:PARTITION:SERVICE:REGION:ACCOUNT`, read
    /// left to right without overlap, where a part is a `${A::B}` variable or text without
    /// colons or spaces (the service is not empty), tried in that order.
    static func partitions(in text: String) -> [String] {
        let u = Array(text.utf8)
        var out: [String] = []
        var i = 0
        while i + 4 <= u.count {
            guard u[i] == 97, u[i + 1] == 114, u[i + 2] == 110, u[i + 3] == 58,
                let (partitionEnd, end) = match(u, from: i + 4)
            else {
                i += 1
                continue
            }
            out.append(String(decoding: u[(i + 4)..<partitionEnd], as: UTF8.self))
            i = max(end, i + 1)
        }
        return out
    }

    /// After `arn:`: where the partition ends and where the match ends, trying each way a part
    /// can be read in order (the first that lets the rest match wins).
    private static func match(_ u: [UInt8], from p: Int) -> (Int, Int)? {
        for g1 in part(u, p) where g1 < u.count && u[g1] == 58 {
            // The service: one or more characters, no colon or space, then a colon.
            var s = g1 + 1
            while s < u.count, u[s] != 58, !isSpace(u[s]) { s += 1 }
            guard s > g1 + 1, s < u.count, u[s] == 58 else { continue }
            for g2 in part(u, s + 1) where g2 < u.count && u[g2] == 58 {
                if let g3 = part(u, g2 + 1).first { return (g1, g3) }
            }
        }
        return nil
    }

    /// The ends a part starting at `p` can have, in the order they are tried: a `${A::B}`
    /// variable (no colon or line break but the `::`, closed by its last `}`), then the run of
    /// characters that are not a colon or a space.
    private static func part(_ u: [UInt8], _ p: Int) -> [Int] {
        var ends: [Int] = []
        if p + 1 < u.count, u[p] == 36, u[p + 1] == 123 {
            var x = p + 2
            while x < u.count, u[x] != 58, u[x] != 10, u[x] != 13 { x += 1 }
            if x + 1 < u.count, u[x] == 58, u[x + 1] == 58 {
                var y = x + 2
                while y < u.count, u[y] != 58, u[y] != 10, u[y] != 13 { y += 1 }
                var k = y - 1
                while k >= x + 2 {
                    if u[k] == 125 { ends.append(k + 1) }
                    k -= 1
                }
            }
        }
        var r = p
        while r < u.count, u[r] != 58, !isSpace(u[r]) { r += 1 }
        ends.append(r)
        return ends
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 32 || (b >= 9 && b <= 13) }

    private static func isWord(_ b: UInt8) -> Bool {
        (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 95
    }
}
