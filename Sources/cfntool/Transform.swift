import CFNModel
import CFNSAM

struct Transform: Command {
    static let spec = CommandSpec(
        name: "transform",
        abstract: "Apply the AWS::Serverless-2016-10-31 (SAM) transform: print the plain CloudFormation template it deploys.",
        discussion: """
            The transform applies to a template that declares it, or that declares no Transform and \
            has AWS::Serverless::* resources; any other template comes out as it is. Local \
            CodeUri, ContentUri and DefinitionUri paths stay paths, for aws cloudformation package \
            to upload. An AWS::Serverless::Application with a serverless-repository ApplicationId \
            needs --sar-template-url. Exit 0: transformed; 2: the file could not be read or parsed, \
            or the SAM template is invalid (every error on standard error as \
            file:line:col: [LogicalId] message), or the file is no CloudFormation template (\"not a \
            CloudFormation template\"; --only-templates exits 0 without output instead); 64: usage error.
            """,
        options: [
            .text("partition", help: "The partition: aws, aws-cn, aws-us-gov, ... (default: the region's)."),
            .text("region", help: "The region (default AWS_REGION, AWS_DEFAULT_REGION or us-east-1)."),
        ] + TransformInputs.options + [
            .choice("format", Template.Format.self, help: "json or yaml (default: the input's format)."),
            .text("output", short: "o", help: "Write to this file (atomically) instead of standard output."),
        ] + TemplateSelection.options,
        arguments: [ArgumentSpec(name: "FILE", required: true, help: "The SAM template (- for standard input).")]
    )

    var file: String
    var partition: String?
    var region: String?
    var inputs: TransformInputs
    var format: Template.Format?
    var output: String?
    var selection: TemplateSelection

    init(_ arguments: ParsedArguments) throws(UsageError) {
        file = arguments.argument("FILE")!
        partition = arguments.value("partition")
        region = arguments.value("region")
        inputs = try TransformInputs(arguments)
        format = arguments.choice("format", as: Template.Format.self)
        output = arguments.value("output")
        selection = TemplateSelection(arguments)
    }

    func run() throws {
        var status = ExitStatus()
        do {
            let template = try Template.read(file).template
            var options = inputs.options(region: region ?? Environment.region)
            options.partition = partition
            let result: SAMTransform.Output
            do {
                result = try SAMTransform(options).apply(to: template)
            } catch {
                Console.err(TransformFailure(file: file, errors: error.errors).description)
                throw ExitCode(2)
            }
            // render, not format: the transform's output is the model itself (fuzz-sam checks that
            // it decodes back), so formatting's proof by re-parsing would double the time.
            let out = Formatter.render(result.template, as: format ?? template.format)
            if let output {
                try AtomicFile.write(out, to: output)
            } else {
                Console.out(bytes: out)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch let error as CFNError where error.kind == .notTemplate && selection.onlyTemplates {
            return
        } catch {
            status.failed(error)
        }
        try status.exit()
    }
}
