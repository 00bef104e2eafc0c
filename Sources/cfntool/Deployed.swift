import CFNModel
import CFNSAM

/// `--parameter` and `--sar-template-url`: what the SAM transform needs to know that a template
/// does not say, for the commands that work on what a SAM template deploys.
struct TransformInputs {
    static let options: [OptionSpec] = [
        .text(
            "parameter",
            placeholder: "key=value",
            repeats: true,
            help: "Under the SAM transform: a parameter value, KEY=VALUE (repeatable; the defaults fill in the rest)."
        ),
        .text(
            "sar-template-url",
            placeholder: "id=url",
            repeats: true,
            help: "Under the SAM transform: a serverless-repository application's template URL, APPLICATION_ID=URL or *=URL (repeatable)."
        ),
    ]

    var parameters: [String] = []
    var sarTemplateURLs: [String] = []

    init(_ arguments: ParsedArguments) throws(UsageError) {
        parameters = arguments.values("parameter")
        sarTemplateURLs = arguments.values("sar-template-url")
        for p in parameters + sarTemplateURLs where !p.contains("=") {
            throw UsageError("'\(p)' is not KEY=VALUE")
        }
    }

    /// `KEY=VALUE` as its two halves (validate() saw the `=`).
    static func pair(_ s: String) -> (String, String) {
        let i = s.firstIndex(of: "=")!
        return (String(s[..<i]), String(s[s.index(after: i)...]))
    }

    /// The transform's options for a region.
    func options(region: String) -> SAMTransform.Options {
        var options = SAMTransform.Options(region: region)
        for p in parameters {
            let (key, value) = TransformInputs.pair(p)
            options.parameterValues[key] = .string(value)
        }
        for p in sarTemplateURLs {
            let (key, value) = TransformInputs.pair(p)
            options.sarTemplateURLs[key] = value
        }
        return options
    }
}

/// A template and what CloudFormation deploys for it: the SAM transform's output when the
/// template declares `Transform: AWS::Serverless-2016-10-31`, else the template itself (a SAM
/// translator input without the `Transform` line is taken as written, as CloudFormation takes it).
struct Deployed: Sendable {
    /// The template as written.
    var source: Template
    /// What CloudFormation deploys: the processed template.
    var template: Template
    /// For each resource the transform made or changed: the SAM resource it came from.
    var origins: [String: Origin]
    /// Whether the SAM transform was applied.
    var isSAM: Bool

    /// `template` as deployed. A SAM template the transform refuses throws `TransformFailure`,
    /// every error at its line in the source.
    static func of(_ template: Template, options: SAMTransform.Options) throws(TransformFailure) -> Deployed {
        guard SAMTransform.isDeclared(in: template) else {
            return Deployed(source: template, template: template, origins: [:], isSAM: false)
        }
        do {
            let output = try SAMTransform(options).apply(to: template)
            return Deployed(source: template, template: output.template, origins: output.origins, isSAM: true)
        } catch {
            throw TransformFailure(file: template.path, errors: error.errors)
        }
    }

    /// The transform's output, for the library calls that take it.
    var output: SAMTransform.Output { SAMTransform.Output(template, origins: origins) }
}

/// The SAM transform refused a template: one `file:line:col: [LogicalId] message` per error.
struct TransformFailure: Error, CustomStringConvertible {
    var file: String
    var errors: [SAMError]

    /// Each error as a positioned error of the file.
    var located: [CFNError] {
        errors.map { e in
            let at = e.range.isKnown ? e.range.start : SourcePosition(line: 1, column: 1, offset: 0)
            return CFNError(file: file, position: at, message: "\(e)", kind: .structure)
        }
    }

    var description: String { located.map(\.description).joined(separator: "\n") }
}
