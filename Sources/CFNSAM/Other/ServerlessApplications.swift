import CFNModel

/// `AWS::Serverless::Application` from the serverless application repository: its template URL
/// is looked up (offline: from `Options.sarTemplateURLs`) before translation.
enum ServerlessApplications {
    static func prepare(_ context: inout TransformContext) throws(SAMErrors) {}
}
