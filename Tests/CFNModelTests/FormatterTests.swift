import CFNModel
import Testing

@Suite("Writing YAML and JSON")
struct FormatterTests {
    func yaml(_ text: String) throws -> String {
        let t = try decode(text, keepComments: true)
        return String(decoding: try Formatter.format(t, as: .yaml), as: UTF8.self)
    }

    @Test("canonical section order and resource attribute order")
    func order() throws {
        let out = try yaml(
            """
            Outputs: {O: {Value: 1}}
            Resources:
              B:
                Properties: {X: 1}
                DeletionPolicy: Retain
                DependsOn: C
                Type: T
                Condition: K
            Globals: {}
            Conditions: {K: !Equals [a, a]}
            Description: d
            AWSTemplateFormatVersion: '2010-09-09'
            """
        )
        let keys = out.split(separator: "\n").filter { !$0.hasPrefix(" ") && !$0.isEmpty }.map { $0.split(separator: ":")[0] }
        #expect(keys == ["AWSTemplateFormatVersion", "Description", "Conditions", "Globals", "Resources", "Outputs"])
        let resources = out.split(separator: "Resources:")[1].split(separator: "Outputs:")[0]
        let attrs = resources.split(separator: "\n").filter { $0.hasPrefix("    ") && !$0.hasPrefix("     ") }.map {
            $0.trimmingPrefix("    ").split(separator: ":")[0]
        }
        #expect(attrs == ["Type", "Condition", "DependsOn", "Properties", "DeletionPolicy"])
    }

    @Test("values keep their meaning and their spelling")
    func faithfulScalars() throws {
        let out = try yaml(
            """
            A:
              Mode: 0755
              Yes: 'yes'
              Bool: yes
              Num: '123'
              F: 1.10
              Date: 2010-09-09
              Quoted: "plain is enough"
              Colon: 'a: b'
              Hash: 'a #b'
              Star: '*x'
              Empty: ''
              Nil: ~
              Lead: ' x'
              Quoted date: '2024-01-01'
            """
        )
        for line in [
            "Mode: 0755", "'true': 'yes'", "Bool: yes", "Num: '123'", "F: 1.10", "Date: 2010-09-09",
            "Quoted: plain is enough", "Colon: 'a: b'", "Hash: 'a #b'", "Star: '*x'", "Empty: ''", "Nil: ~", "Quoted date: '2024-01-01'",
            "Lead: ' x'",
        ] {
            #expect(out.contains("  " + line + "\n"), "\(line) in:\n\(out)")
        }
    }

    @Test("multi-line strings become literal blocks with the right chomping")
    func literals() throws {
        let out = try yaml(
            """
            A: "line 1\\nline 2"
            B: "line 1\\nline 2\\n"
            C: "x\\n\\n"
            D: "trailing space \\nx"
            """
        )
        #expect(out.contains("A: |-\n  line 1\n  line 2\n"))
        #expect(out.contains("B: |\n  line 1\n  line 2\n"))
        #expect(out.contains("C: \"x\\n\\n\"\n"))
        #expect(out.contains("D: \"trailing space \\nx\"\n"))
    }

    @Test("short-form tags, flow lists for simple arguments, long form where a tag cannot go")
    func functions() throws {
        let out = try yaml(
            """
            {"A": {"Fn::Equals": [{"Ref": "Env"}, "prod"]},
             "B": {"Fn::Base64": {"Fn::Sub": "echo ${X}"}},
             "C": {"Fn::GetAtt": ["Fn", "Arn"]},
             "D": {"Fn::GetAZs": 0},
             "E": {"Fn::Select": [0, {"Fn::GetAZs": ""}]}}
            """
        )
        #expect(out.contains("A: !Equals [!Ref Env, prod]\n"))
        #expect(out.contains("B:\n  Fn::Base64: !Sub echo ${X}\n"))
        #expect(out.contains("C: !GetAtt Fn.Arn\n"))
        #expect(out.contains("D:\n  Fn::GetAZs: 0\n"))
        #expect(out.contains("E: !Select [0, !GetAZs \"\"]\n"))
    }

    @Test("comments stay beside their entries when sections move")
    func comments() throws {
        let out = try yaml(
            """
            # header
            Resources:  # the resources
              # a queue
              Q:
                Type: AWS::SQS::Queue  # type
                Properties:
                  DelaySeconds: 5 # seconds
                  Tags:
                    # first tag
                    - Key: a  # key a
                      Value: b
            AWSTemplateFormatVersion: '2010-09-09'
            # footer
            """
        )
        #expect(out.hasPrefix("# header\nAWSTemplateFormatVersion: '2010-09-09'\n\nResources:  # the resources\n  # a queue\n  Q:\n"))
        #expect(out.contains("    Type: AWS::SQS::Queue  # type\n"))
        #expect(out.contains("      DelaySeconds: 5  # seconds\n"))
        #expect(out.contains("        # first tag\n        - Key: a  # key a\n"))
        #expect(out.hasSuffix("# footer\n"))
    }

    @Test("JSON output: 2-space indent by default, long forms, resolved values")
    func json() throws {
        let t = try decode("A: !GetAtt Fn.Arn\nB: 0755\nC: yes\nD: 1.10\nE: ~\n")
        let out = String(decoding: try Formatter.format(t, as: .json), as: UTF8.self)
        #expect(
            out
                == "{\n  \"A\": {\n    \"Fn::GetAtt\": [\n      \"Fn\",\n      \"Arn\"\n    ]\n  },\n  \"B\": 493,\n  \"C\": true,\n  \"D\": 1.10,\n  \"E\": null\n}\n"
        )
        let four = String(decoding: try Formatter.format(t, as: .json, indent: 4), as: UTF8.self)
        #expect(four.contains("\n    \"B\": 493"))
    }
}

@Suite("Layout kept from the source")
struct LayoutTests {
    @Test("flow lists of scalars stay on one line; folded text stays folded and is rewrapped")
    func flowAndFolded() throws {
        let t = try decode(
            """
            Parameters:
              Env:
                Type: String
                AllowedValues: [dev, staging, prod]
                Description: >-
                  A long description that goes on and on about the environment this stack is deployed to, well past eighty columns.
              Other:
                AllowedValues:
                  - a
                  - b
            """,
            keepComments: true
        )
        let out = String(decoding: try Formatter.format(t), as: UTF8.self)
        #expect(out.contains("    AllowedValues: [dev, staging, prod]\n"))
        #expect(out.contains("    AllowedValues:\n      - a\n      - b\n"), "block lists stay block")
        #expect(out.contains("    Description: >-\n      A long description"))
        for line in out.split(separator: "\n") { #expect(line.count <= 84, "\(line)") }
    }
}
