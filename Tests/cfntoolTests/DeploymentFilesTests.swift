import Foundation
import Testing

/// `lint --deployment-files` and `--parameter-files`, through the binary, on the README's
/// example files and on a corpus template.
@Suite("lint --deployment-files and --parameter-files")
struct DeploymentFilesTests {
    static let fixtures = "Tests/Fixtures/deployment/"

    @Test("a deployment file's values: E2900 in the deployment file, W1030 in the template for a value a property does not take")
    func deploymentValues() throws {
        let clean = try CLI.run(["lint", "--deployment-files", Self.fixtures + "prod.yaml"])
        #expect(clean.status == 0 && clean.stdout.isEmpty, "\(clean.stdout)\(clean.stderr)")
        let r = try CLI.run([
            "lint", "--format", "parseable", "--deployment-files", Self.fixtures + "staging.yaml", Self.fixtures + "prod.yaml",
        ])
        #expect(r.status == 1, "\(r.stderr)")
        let places = r.stdout.split(separator: "\n").map { $0.split(separator: ":").prefix(6).joined(separator: ":") }
        // The same ids and lines as cfn-lint 1.51.0 on these files.
        #expect(
            places == [
                Self.fixtures + "site.yaml:25:7:25:22:W1030",
                Self.fixtures + "staging.yaml:3:3:3:6:E2900",
                Self.fixtures + "staging.yaml:5:3:5:8:E2900",
            ],
            "\(r.stdout)"
        )
        #expect(r.stdout.contains("'45'") && r.stdout.contains("staging.yaml") && r.stdout.contains("'stage' is not one of"))
    }

    @Test("a corpus template deployed with wrong values: each problem at its parameter, a missing one at 1:1")
    func corpusTemplate() throws {
        let dir = try CLI.scratch()
        let source = CLI.root + "/../shared/corpus/templates/aws-cloudformation-templates/EC2/EC2InstanceWithSecurityGroupSample.yaml"
        try FileManager.default.copyItem(atPath: source, toPath: dir + "/ec2.yaml")
        try CLI.write(
            "template-file-path: ./ec2.yaml\nparameters:\n  InstanceType: t2.tiny\n  SSHLocation: 10.0.0.1/8\n  KeyName: ops\n",
            to: dir + "/prod.yaml"
        )
        let r = try CLI.run(["lint", "--deployment-files", "prod.yaml"], cwd: dir)
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n").filter { !$0.isEmpty }.map(String.init)
        #expect(lines.contains { $0.hasPrefix("ec2.yaml:82:7: W1030 't2.tiny'") }, "\(r.stdout)")
        #expect(lines.contains { $0.hasPrefix("ec2.yaml:103:11: W1030 '10.0.0.1/8' is not an IPv4 network") })
        #expect(lines.contains { $0.hasPrefix("prod.yaml:3:3: E2900 parameter 'InstanceType': 't2.tiny' is not one of") })
        #expect(lines.contains("prod.yaml:1:1: E2900 parameter 'Subnets' has no Default and this file gives it no value"))
        // LatestAmiId is an SSM parameter with a Default; KeyName is given.
        #expect(!r.stdout.contains("LatestAmiId") && !r.stdout.contains("'KeyName' has no Default"))
        // Without the deployment file, the template's own values are fine.
        #expect(try CLI.run(["lint", "--ignore-checks", "W", "ec2.yaml"], cwd: dir).status == 0)
    }

    @Test("parameter files: E2900 at the ParameterKey's value, for the one template named")
    func parameterFiles() throws {
        let ok = try CLI.run(["lint", Self.fixtures + "site.yaml", "--parameter-files", Self.fixtures + "prod-params.json"])
        #expect(ok.status == 0 && ok.stdout.isEmpty, "\(ok.stdout)")
        let bad = try CLI.run([
            "lint", "--format", "parseable", Self.fixtures + "site.yaml", "--parameter-files", Self.fixtures + "*-params.json",
        ])
        #expect(bad.status == 1)
        #expect(bad.stdout.contains(Self.fixtures + "dev-params.json:2:20:2:25:E2900:parameter 'Env': 'development'"), "\(bad.stdout)")
        #expect(bad.stdout.contains(Self.fixtures + "site.yaml:25:7:25:22:W1030:'10' is not one of"))
        #expect(!bad.stdout.contains("prod-params.json"))
        let two = try CLI.run([
            "lint", Self.fixtures + "site.yaml", "templates/vpc.yaml", "--parameter-files", Self.fixtures + "prod-params.json",
        ])
        #expect(two.status == 64 && two.stderr.contains("name one FILE"))
        let mixed = try CLI.run(["lint", "templates/vpc.yaml", "--deployment-files", Self.fixtures + "prod.yaml"])
        #expect(mixed.status == 64 && mixed.stderr.contains("give no FILEs"))
    }

    @Test(
        "W1030 with a file's value: a parameter file adds to the template's own values, a deployment file takes their place (cfn-lint's lines)"
    )
    func valuesReplacedOrAdded() throws {
        let dir = try CLI.scratch()
        try CLI.write(
            """
            Parameters:
              Name:
                Type: String
                Default: My_Bucket
              Other:
                Type: String
                Default: Also_Bad
            Resources:
              B:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Ref Name
              C:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Ref Other

            """,
            to: dir + "/t.yaml"
        )
        try CLI.write(#"[{"ParameterKey": "Name", "ParameterValue": "UPPER"}]"# + "\n", to: dir + "/p.json")
        try CLI.write("template-file-path: t.yaml\nparameters:\n  Name: UPPER\n", to: dir + "/d.yaml")
        func lines(_ args: [String]) throws -> [Int] {
            let r = try CLI.run(["lint", "--format", "parseable"] + args, cwd: dir)
            return Array(Set(r.stdout.split(separator: "\n").compactMap { Int($0.split(separator: ":")[1]) })).sorted()
        }
        // The Default's pattern problem (line 4) stays with a parameter file, not with a deployment file.
        #expect(try lines(["t.yaml", "--parameter-files", "p.json"]) == [4, 7, 12, 16])
        #expect(try lines(["--deployment-files", "d.yaml"]) == [7, 12, 16])
        #expect(try lines(["t.yaml"]) == [4, 7, 12, 16])
    }

    @Test("files that are not deployment or parameter files: E0100, E0200, E0000, E0003; exit 2, the other files still checked")
    func badFiles() throws {
        let dir = try CLI.scratch()
        try CLI.write(
            "Parameters:\n  Env: {Type: String}\nResources:\n  T: {Type: AWS::SNS::Topic, Properties: {TopicName: !Ref Env}}\n",
            to: dir + "/t.yaml"
        )
        try CLI.write("template: t.yaml\n", to: dir + "/no-path.yaml")
        try CLI.write("template-file-path: t.yaml\nparameters:\n  Env: {Name: x}\n", to: dir + "/map-value.yaml")
        try CLI.write("template-file-path: missing.yaml\n", to: dir + "/missing-template.yaml")
        try CLI.write("template-file-path: t.yaml\nparameters: [\n", to: dir + "/broken.yaml")
        try CLI.write("template-file-path: t.yaml\nparameters:\n  Envv: prod\n", to: dir + "/typo.yaml")
        let r = try CLI.run(
            [
                "lint", "--deployment-files", "no-path.yaml", "map-value.yaml", "missing-template.yaml", "broken.yaml", "typo.yaml",
                "none-*.yaml",
            ],
            cwd: dir
        )
        #expect(r.status == 2)
        let lines = Set(
            r.stdout.split(separator: "\n").filter { !$0.isEmpty }.map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        )
        #expect(
            lines == [
                "no-path.yaml:1:1: E0100", "map-value.yaml:1:1: E0100", "missing-template.yaml:1:21: E0100", "broken.yaml:3:1: E0000",
                "none-*.yaml:1:1: E0003", "typo.yaml:1:1: E2900", "typo.yaml:3:3: E2900",
            ],
            "\(r.stdout)"
        )
        #expect(
            r.stdout.contains(
                "map-value.yaml:1:1: E0100 parameter 'Env' is a mapping; a value is a text, number, boolean or list (line 3, column 8)"
            )
        )
        // The object form is CodePipeline's, not a parameter file, for cfn-lint too.
        try CLI.write("{\"Parameters\": {\"Env\": \"prod\"}}\n", to: dir + "/object.json")
        try CLI.write("[{\"ParameterKey\": \"Env\"}]\n", to: dir + "/no-value.json")
        let p = try CLI.run(["lint", "t.yaml", "--parameter-files", "object.json", "no-value.json"], cwd: dir)
        #expect(p.status == 2)
        #expect(p.stdout.contains("object.json:1:1: E0200 the top level is a mapping"), "\(p.stdout)")
        #expect(p.stdout.contains("no-value.json:1:1: E0200 an item has no ParameterValue"))
        // --ignore-checks takes them out of the report; the exit still says the files were unusable.
        let quiet = try CLI.run(["lint", "--ignore-checks", "E0100", "--deployment-files", "no-path.yaml"], cwd: dir)
        #expect(quiet.status == 2 && quiet.stdout.isEmpty && quiet.stderr.contains("no-path.yaml:1:1:"))
    }

    @Test("a config file that cannot be used is one E0003 finding, in the format asked for, and nothing is linted")
    func configError() throws {
        let dir = try CLI.scratch()
        try CLI.write("Resources:\n  T: {Type: AWS::SNS::Topic}\n", to: dir + "/t.yaml")
        try CLI.write("regions: [us-east-1]\nrules:\n  W2001: sometimes\n", to: dir + "/.cfnlintrc")
        let r = try CLI.run(["lint", "--format", "json", "t.yaml"], cwd: dir)
        #expect(r.status == 2)
        let list = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(list.count == 1)
        #expect((list.first?["Rule"] as? [String: Any])?["Id"] as? String == "E0003")
        #expect((list.first?["Filename"] as? String)?.hasSuffix("/.cfnlintrc") == true)
        let text = try CLI.run(["lint", "t.yaml"], cwd: dir)
        #expect(
            text.status == 2 && text.stdout.hasSuffix(".cfnlintrc:3:10: E0003 rules: W2001 takes off, error, warning or informational\n")
        )
        // A typo is refused, as cfn-lint refuses it; cfn-lint's own keys are read past.
        try CLI.write("configure_rules: {E3012: {strict: true}}\nignore_check: [W2001]\n", to: dir + "/.cfnlintrc")
        let typo = try CLI.run(["lint", "t.yaml"], cwd: dir)
        #expect(typo.status == 2 && typo.stdout.contains(".cfnlintrc:2:1: E0003 'ignore_check' is not a setting"), "\(typo.stdout)")
        try CLI.write("ignore_checks: {W2001: true}\n", to: dir + "/.cfnlintrc")
        #expect(try CLI.run(["lint", "t.yaml"], cwd: dir).stdout.contains(".cfnlintrc:1:16: E0003 ignore_checks takes a list of texts"))
        try CLI.write("configure_rules: {E3012: {strict: true}}\nmerge_configs: true\n", to: dir + "/.cfnlintrc")
        #expect(try CLI.run(["lint", "t.yaml"], cwd: dir).status == 0)
    }

    @Test("deployment_files and parameter_files in the config, as the options; FILEs on the command line win")
    func configFiles() throws {
        let dir = try CLI.scratch()
        try CLI.write(
            "Parameters:\n  Env: {Type: String, AllowedValues: [dev, prod]}\nResources:\n  T: {Type: AWS::SNS::Topic, Properties: {TopicName: !Ref Env}}\n",
            to: dir + "/t.yaml"
        )
        try CLI.write("template-file-path: t.yaml\nparameters:\n  Env: test\n", to: dir + "/d.yaml")
        try CLI.write("deployment_files: [d.yaml]\n", to: dir + "/.cfntool.yaml")
        let r = try CLI.run(["lint"], cwd: dir)
        #expect(r.status == 1 && r.stdout.hasPrefix("d.yaml:3:3: E2900 parameter 'Env': 'test'"), "\(r.stdout)")
        #expect(try CLI.run(["lint", "t.yaml"], cwd: dir).status == 0)
        try CLI.write(#"[{"ParameterKey": "Env", "ParameterValue": "qa"}]"# + "\n", to: dir + "/p.json")
        try CLI.write("parameter_files: [p.json]\n", to: dir + "/.cfntool.yaml")
        let p = try CLI.run(["lint", "t.yaml"], cwd: dir)
        #expect(p.status == 1 && p.stdout.hasPrefix("p.json:1:19: E2900 parameter 'Env': 'qa'"), "\(p.stdout)")
    }
}
