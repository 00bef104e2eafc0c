import CFNModel
import CFNSAM

struct Graph: Command {
    static let spec = CommandSpec(
        name: "graph",
        abstract: "Print a template's dependency graph as DOT, Mermaid or JSON.",
        discussion: """
            Nodes are the resources, parameters, the pseudo-parameters in use, conditions, \
            mappings and outputs; an edge goes from a dependent to what it depends on, labelled \
            ref, getAtt (with the attribute), sub, dependsOn, condition or findInMap. The output \
            is sorted, so the same template always gives the same text.

            A template that declares Transform: AWS::Serverless-2016-10-31 is drawn as it \
            deploys: the resources the SAM transform makes, each noted with the SAM resource it \
            came from ("from GetUserFn's event Get"), at the SAM source's lines. --sam draws the \
            SAM resources as written instead, with the edges the transform turns into resources \
            labelled by what they go through: "event NAME: ref" (a reference in one of Events), \
            "policy: ref" (in Policies), "connector NAME: ref" (an embedded connector), \
            "connector: ref" (an AWS::Serverless::Connector's Source and Destination Id).

            --format json prints {"nodes": [{"id", "kind", "name", "type", "line", "note"}], "edges": \
            [{"from", "to", "kind", "attribute", "via", "line"}], "cycles": [[id, ...]], "unresolved": \
            [{"from", "kind", "target", "attribute", "line"}]}. Node ids are kind:name \
            (resource:Queue, output:Queue). cycles and unresolved cover the whole template.

            References to names the template does not define are listed on standard error. \
            Each dependency cycle is reported there too, as 'file: dependency cycle: A -> B -> A'.

            Exit codes: 0 done; 1 the template has a dependency cycle (the graph is still \
            printed, cycle edges in red; with --sam, a cycle through AWS::Serverless::* resources \
            under the SAM transform is a warning only, as SAM rewrites them first); 2 the file \
            could not be read or parsed, or the SAM transform refuses it (file:line:col: \
            [LogicalId] message), or --resource names no resource, or the file is no \
            CloudFormation template ("not a CloudFormation template"; --only-templates exits 0 \
            without output instead); 64 usage error.
            """,
        options: [
            .choice("format", DependencyGraph.OutputFormat.self, default: .dot, help: "Output format: dot, mermaid or json."),
            .text("resource", help: "Show only this resource, what it depends on and what depends on it."),
            .flag("sam", help: "Draw a SAM template's SAM resources as written, with edges through events, policies and connectors."),
            .text(
                "region",
                help: "Under the SAM transform: the region it runs for (default AWS_REGION, AWS_DEFAULT_REGION or us-east-1)."
            ),
        ] + TransformInputs.options + TemplateSelection.options,
        arguments: [ArgumentSpec(name: "FILE", required: true, help: "The template file (- for standard input).")]
    )

    var format: DependencyGraph.OutputFormat
    var resource: String?
    var sam: Bool
    var region: String?
    var transform: TransformInputs
    var file: String
    var selection: TemplateSelection

    init(_ arguments: ParsedArguments) throws(UsageError) {
        format = arguments.choice("format", as: DependencyGraph.OutputFormat.self) ?? .dot
        resource = arguments.value("resource")
        sam = arguments.flag("sam")
        region = arguments.value("region")
        transform = try TransformInputs(arguments)
        file = arguments.argument("FILE")!
        selection = TemplateSelection(arguments)
    }

    func run() throws {
        var status = ExitStatus()
        do {
            let source = try Template.read(file).template
            let template: Template
            var graph: DependencyGraph
            if sam {
                template = source
                graph = DependencyGraph(sam: source)
            } else {
                var options = transform.options(region: region ?? Environment.region)
                // A serverless-repository application is one stack resource whatever its URL.
                if options.sarTemplateURLs["*"] == nil {
                    options.sarTemplateURLs["*"] = "https://serverless-repository.invalid/template-url-not-given"
                }
                let deployed = try Deployed.of(source, options: options)
                template = deployed.template
                graph = DependencyGraph(template)
                for (id, origin) in deployed.origins where origin.logicalId != id || origin.event != nil || origin.property != nil {
                    graph.annotate(resource: id, with: "from " + origin.description)
                }
            }
            var view = graph.view()
            if let resource {
                guard let node = graph.index(of: .resource, resource) else {
                    let ids = template.resources.map(\.logicalId)
                    let close = NameMatch.closest(to: resource, in: ids)
                    var message = "\(file): no resource '\(resource)' in the template"
                    if !close.isEmpty { message += "; did you mean \(close.joined(separator: ", "))?" }
                    Console.err(message)
                    throw ExitCode(2)
                }
                view = graph.view(around: node)
            }
            Console.out(bytes: Array(graph.render(view, as: format, title: file).utf8))
            for u in graph.unresolved {
                let r = u.reference
                let what = r.attribute.map { r.target + "." + $0 } ?? r.target
                Console.err(
                    "\(file):\(max(r.range.start.line, 1)):\(max(r.range.start.column, 1)): \(graph.describe(u.from)): \(r.kind.rawValue) to '\(what)', which the template does not define"
                )
            }
            for cycle in graph.cyclePaths() {
                let path = graph.simpleCycle(in: cycle)
                var message = "\(file): dependency cycle: " + (path + [path[0]]).map(graph.describe).joined(separator: " -> ")
                if cycle.count > path.count {
                    message += " (also caught in it: \(cycle[path.count...].map(graph.describe).joined(separator: ", ")))"
                }
                if mayBeRewritten(cycle, graph, template) {
                    // SAM moves event sources out of functions and APIs into resources of their
                    // own, which usually breaks such a loop; CloudFormation (and cfn-lint) check
                    // the expanded template, so here it is only a warning.
                    message += "; warning only: Transform \(template.transforms.joined(separator: ", ")) rewrites these resources first"
                } else {
                    status.found()
                }
                Console.err(message)
            }
        } catch let e as ExitCode {
            throw e
        } catch let e as CFNError where e.kind == .notTemplate && selection.onlyTemplates {
            return
        } catch {
            status.failed(error)
        }
        try status.exit()
    }

    /// Whether a transform expands resources of this cycle before CloudFormation sees it: an
    /// `AWS::Serverless::*` member under SAM, or any member under a macro we do not know.
    private func mayBeRewritten(_ cycle: [Int], _ graph: DependencyGraph, _ template: Template) -> Bool {
        let known: Set<String> = ["AWS::Serverless-2016-10-31", "AWS::LanguageExtensions"]
        let transforms = template.transforms
        if transforms.isEmpty { return false }
        if transforms.contains(where: { !known.contains($0) }) { return true }
        return transforms.contains("AWS::Serverless-2016-10-31")
            && cycle.contains { graph.vertices[$0].type?.hasPrefix("AWS::Serverless::") == true }
    }
}
