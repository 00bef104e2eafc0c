import CFNModel

/// E3009: an `AWS::CloudFormation::Init` in a resource's Metadata that cfn-init cannot read.
struct CloudFormationInit: Rule {
    static let info = RuleInfo(
        id: "E3009",
        title: "CloudFormation::Init malformed",
        description: """
            The `AWS::CloudFormation::Init` metadata of a resource is a mapping of `configSets` \
            and configs. A config's `packages` (by manager: `apt`, `msi`, `python`, \
            `rpm`, `rubygems`, `yum`, `zypper`), `groups`, `users`, `sources`, `files`, \
            `commands` and `services` (`sysvinit`, `systemd`, `windows`) have only the keys \
            cfn-init reads: a file's `content`, `source`, `encoding` (`plain` or \
            `base64`), `mode` (six digits), `owner`, `group`, `authentication`, `context`; a \
            command's `command`, `env`, `cwd`, `test`, `ignoreErrors`, `waitAfterCompletion`; a \
            service's `enabled`, `ensureRunning` (booleans), `files`, `sources`, `packages`, \
            `commands`; a user's `groups`, `uid`, `homeDir`; a group's `gid`. cfn-init fails on \
            the instance when it meets anything else. The schema is cfn-lint 1.51.0's.
            """,
        passing: [
            """
            Resources:
              Web:
                Type: AWS::EC2::Instance
                Metadata:
                  AWS::CloudFormation::Init:
                    configSets: {default: [setup]}
                    setup:
                      packages: {yum: {httpd: []}}
                      files:
                        /var/www/html/index.html: {content: hello, mode: "000644", owner: apache}
                      services:
                        sysvinit: {httpd: {enabled: true, ensureRunning: true}}
                Properties:
                  ImageId: ami-0123456789abcdef0
            """
        ],
        failing: [
            """
            Resources:
              Web:
                Type: AWS::EC2::Instance
                Metadata:
                  AWS::CloudFormation::Init:
                    setup:
                      packages: {brew: {httpd: []}} # <-
                      files:
                        /var/www/html/index.html:
                          content: hello
                          mode: "644" # <-
                          encoding: utf8 # <-
                      commands:
                        start: {command: [apachectl, start]} # <-
                Properties:
                  ImageId: ami-0123456789abcdef0
            """
        ]
    )

    func check(_ context: LintContext, into findings: inout [Finding]) {
        for r in context.template.resources {
            guard let entry = r.node.mapValue?["Metadata"]?.mapValue?[entry: "AWS::CloudFormation::Init"] else { continue }
            ResourceAttributeSchema.check(
                Self.self,
                entry.value,
                "init",
                at: entry.keyRange,
                path: ["Resources", r.logicalId, "Metadata", "AWS::CloudFormation::Init"],
                context,
                into: &findings
            )
        }
    }
}
