import Foundation
import Testing

/// `cfntool transform` on SAM REST APIs, through the built binary.
@Suite("cfntool transform: REST APIs")
struct RestApiTransformTests {
    static let template = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              CodeUri: ./src
              Handler: index.handler
              Runtime: python3.12
              Events:
                One: {Type: Api, Properties: {Path: /a, Method: get}}
        """

    @Test("an Api event comes out as the implicit REST API, its stage and deployment, and the permission")
    func transforms() throws {
        let dir = try CLI.scratch()
        try CLI.write(RestApiTransformTests.template, to: dir + "/t.yaml")
        let result = try CLI.run(["transform", "--format", "json", dir + "/t.yaml"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let resources = try #require(json["Resources"] as? [String: [String: Any]])
        #expect(resources["ServerlessRestApi"]?["Type"] as? String == "AWS::ApiGateway::RestApi")
        #expect(resources["ServerlessRestApiProdStage"]?["Type"] as? String == "AWS::ApiGateway::Stage")
        #expect(resources["FnOnePermissionProd"]?["Type"] as? String == "AWS::Lambda::Permission")
        #expect(resources.keys.contains { $0.hasPrefix("ServerlessRestApiDeployment") })
    }

    @Test("an invalid API event exits 2 with file:line:col, the function and the event")
    func refuses() throws {
        let dir = try CLI.scratch()
        let invalid = RestApiTransformTests.template + "\n        Two: {Type: Api, Properties: {Path: /a, Method: GET}}\n"
        try CLI.write(invalid, to: dir + "/t.yaml")
        let result = try CLI.run(["transform", dir + "/t.yaml"])
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "t.yaml:11:9: [Fn] Event with id [Two] is invalid. API method \"get\" defined multiple times for path \"/a\"."
            ),
            "\(result.stderr)"
        )
        #expect(result.stdout.isEmpty)
    }
}
