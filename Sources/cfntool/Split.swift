import CFNModel
import CFNSAM
import CFNSplit

#if canImport(Glibc)
import Glibc
#endif

struct Split: Command {
    static let spec = CommandSpec(
        name: "split",
        abstract: "Split an oversized template into a parent and nested stacks that each stay within every quota.",
        discussion: """
            Writes DIR/parent.yaml (or .json), one content-hashed template per nested stack, and \
            DIR/manifest.json. Nothing is written unless the output is proven equal to the input \
            (--verify, on by default) and every template, the parent included, holds at most \
            --max-resources resources and keeps every quota. With --previous, resources stay in the \
            stacks that hold them; a resource with a fixed physical name (FunctionName, TableName, \
            ...) never moves without --allow-moves, and then DIR/refactor-N.json holds the resource \
            mappings for `aws cloudformation create-stack-refactor`.

            A template that declares Transform: AWS::Serverless-2016-10-31 is transformed first \
            (--region, --parameter, --sar-template-url as for transform) and what it deploys is \
            split, into plain CloudFormation: the routes strategy groups the functions by their \
            Api and HttpApi event paths, what SAM made for a function stays with it, and \
            manifest.json records the SAM resource each resource came from ("origins"). Local \
            artifact paths (Code: src/, a layer's Content, ...) are rewritten to point from DIR \
            at the same files, for aws cloudformation package. Another transform (a macro) only \
            CloudFormation can expand: exit 2.

            Exit 2 when the template cannot be split within the limits, a named resource would \
            have to move, DIR holds files split did not write (--force), the SAM transform \
            refuses the template (file:line:col: [LogicalId] message), or the file is no \
            CloudFormation template ("not a CloudFormation template"; --only-templates exits 0 \
            and writes nothing instead).
            """,
        options: [
            .text("output", short: "o", placeholder: "dir", required: true, help: "The directory to write into."),
            .choice(
                "strategy",
                Strategy.self,
                help: "routes (default with an API Gateway API), function, type or auto (default otherwise)."
            ),
            .number("max-resources", default: 200, help: "Most resources in any template of the output, the parent and each nested stack."),
            .text("template-url-base", placeholder: "url", help: "Write absolute TemplateURLs: this prefix plus the file name."),
            .text(
                "previous",
                placeholder: "file",
                help: "The last manifest.json (or the deployed single template): resources stay where they are."
            ),
            .flag(
                "allow-moves",
                help: "With --previous: let resources with a fixed physical name move (they need a stack refactor: DIR/refactor-N.json)."
            ),
            .choice("format", Template.Format.self, help: "yaml or json (default: the input's format)."),
            .flag("verify", invertible: true, default: true, help: "Merge the output back and prove it equals the input before writing."),
            .flag("force", help: "Write into a non-empty DIR that split did not write."),
            .text(
                "region",
                help: "Under the SAM transform: the region it runs for (default AWS_REGION, AWS_DEFAULT_REGION or us-east-1)."
            ),
        ] + TransformInputs.options + TemplateSelection.options,
        arguments: [ArgumentSpec(name: "FILE", required: true, help: "The template to split (- for standard input).")]
    )

    var file: String
    var output: String
    var strategy: Strategy?
    var maxResources: Int
    var templateURLBase: String?
    var previous: String?
    var allowMoves: Bool
    var format: Template.Format?
    var verify: Bool
    var force: Bool
    var region: String?
    var transform: TransformInputs
    var selection: TemplateSelection

    init(_ arguments: ParsedArguments) throws(UsageError) {
        file = arguments.argument("FILE")!
        output = arguments.value("output")!
        strategy = arguments.choice("strategy", as: Strategy.self)
        maxResources = arguments.number("max-resources") ?? 200
        templateURLBase = arguments.value("template-url-base")
        previous = arguments.value("previous")
        allowMoves = arguments.flag("allow-moves")
        format = arguments.choice("format", as: Template.Format.self)
        verify = arguments.flag("verify", otherwise: true)
        force = arguments.flag("force")
        region = arguments.value("region")
        transform = try TransformInputs(arguments)
        selection = TemplateSelection(arguments)
    }

    func run() throws {
        var status = ExitStatus()
        do {
            let template = try Template.read(file).template
            let transformOptions = transform.options(region: region ?? Environment.region)
            let deployed = try Deployed.of(template, options: transformOptions)
            var previousLayout: Layout? = nil
            // A manifest is no template: the previous layout is read as a document. A single SAM
            // template deployed whole held what its transform made.
            if let previous {
                let document = try Template(contentsOf: previous)
                previousLayout = Layout(
                    SplitManifest.isManifest(document) ? document : try Deployed.of(document, options: transformOptions).template
                )
            }
            let options = SplitOptions(
                strategy: strategy,
                maxResources: maxResources,
                templateURLBase: templateURLBase,
                format: format,
                verify: verify,
                previous: previousLayout,
                allowMoves: allowMoves,
                artifactBase: Split.relativePath(from: output, to: Split.folder(of: file))
            )
            let result: SplitResult
            do {
                result =
                    deployed.isSAM
                    ? try Splitter.split(sam: deployed.output, source: template, options: options)
                    : try Splitter.split(template, options: options)
            } catch {
                throw CFNError(
                    file: file,
                    position: SourcePosition(line: 1, column: 1, offset: 0),
                    message: error.message,
                    kind: .structure
                )
            }
            try write(result)
            report(result)
        } catch let e as CFNError where e.kind == .notTemplate && selection.onlyTemplates {
            return
        } catch {
            status.failed(error)
        }
        try status.exit()
    }

    private func write(_ result: SplitResult) throws(CFNError) {
        let dir = output.hasSuffix("/") ? String(output.dropLast()) : output
        let here = SourcePosition(line: 1, column: 1, offset: 0)
        var st = stat()
        guard stat(dir, &st) == 0 else {
            // A new directory is filled under a hidden name beside it and renamed into place: a
            // run killed half-way leaves no half-written DIR (only a .DIR.cfntool-XXXXXX).
            let slash = dir.lastIndex(of: "/")
            let parent = slash.map { String(dir[...$0]) } ?? ""
            let base = slash.map { String(dir[dir.index(after: $0)...]) } ?? dir
            var template = Array((parent + "." + base + ".cfntool-XXXXXX").utf8CString)
            let cannotCreate = {
                CFNError(file: dir, position: here, message: "cannot create the directory: \(String(cString: strerror(errno)))", kind: .io)
            }
            // Missing parent folders are made, as `mkdir -p` would (`-o build/stack` in a fresh clone).
            if !parent.isEmpty, !FileSystem.makeDirectories(String(parent.dropLast())) { throw cannotCreate() }
            guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) != nil }) else { throw cannotCreate() }
            let staging = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
            do throws(CFNError) {
                try writeFiles(result, into: staging, replacing: [])
                let mask = umask(0)
                umask(mask)
                chmod(staging, 0o777 & ~mask)
                if rename(staging, dir) != 0 { throw cannotCreate() }
            } catch {
                for name in FileSystem.listDirectory(staging) { unlink(staging + "/" + name) }
                rmdir(staging)
                throw error
            }
            return
        }
        guard (st.st_mode & S_IFMT) == S_IFDIR else {
            throw CFNError(file: dir, position: here, message: "exists and is not a directory", kind: .io)
        }
        let present = FileSystem.listDirectory(dir)
        var ours: Set<String> = []
        if present.contains("manifest.json"), let old = try? Template(contentsOf: dir + "/manifest.json"),
            old.root["generator"]?.stringValue?.hasPrefix("cfntool") == true
        {
            ours.insert("manifest.json")
            if let p = old.root["parent"]?.stringValue { ours.insert(p) }
            for e in old.root["stacks"]?.mapValue?.entries ?? [] {
                if let f = e.value["file"]?.stringValue { ours.insert(f) }
            }
            for r in old.root["refactor"]?.listValue ?? [] {
                if let f = r["file"]?.stringValue { ours.insert(f) }
            }
        }
        // A run killed half-way leaves its journal (the files it was writing) and temporary files.
        if present.contains(Self.journal), let bytes = try? SourceFile.read(dir + "/" + Self.journal) {
            ours.insert(Self.journal)
            for name in bytes.split(separator: 0x0A) { ours.insert(String(decoding: name, as: UTF8.self)) }
        }
        let leftovers = present.filter(AtomicFile.isTemporaryName)
        let foreign = present.filter { !ours.contains($0) && !AtomicFile.isTemporaryName($0) }
        if !foreign.isEmpty && !force {
            throw CFNError(
                file: dir,
                position: here,
                message:
                    "is not empty and holds files split did not write (\(foreign.sorted().prefix(3).joined(separator: ", "))): use --force or another directory",
                kind: .io
            )
        }
        try writeFiles(result, into: dir, replacing: ours.sorted() + leftovers)
    }

    /// The journal, the nested templates, then the parent, then the manifest (so a manifest only
    /// ever names files that are complete), each written atomically; then what the last run wrote
    /// and this one did not is removed, and the journal.
    private func writeFiles(_ result: SplitResult, into dir: String, replacing stale: [String]) throws(CFNError) {
        // With what is already there, so that a journal replaced by a run killed later still
        // names every file of the runs before it.
        let refactor = result.refactorFiles
        let names =
            result.stacks.map(\.fileName) + refactor.map(\.name) + [result.parentFileName]
            + stale.filter { !AtomicFile.isTemporaryName($0) }
        try AtomicFile.write(Array(names.joined(separator: "\n").utf8), to: dir + "/" + Self.journal)
        var written: Set<String> = [result.parentFileName, "manifest.json", Self.journal]
        for s in result.stacks {
            try AtomicFile.write(s.bytes, to: dir + "/" + s.fileName)
            written.insert(s.fileName)
        }
        for f in refactor {
            try AtomicFile.write(f.bytes, to: dir + "/" + f.name)
            written.insert(f.name)
        }
        try AtomicFile.write(result.parentBytes, to: dir + "/" + result.parentFileName)
        try AtomicFile.write(result.manifest(generator: CFNTool.version), to: dir + "/manifest.json")
        for name in stale where !written.contains(name) { unlink(dir + "/" + name) }
        unlink(dir + "/" + Self.journal)
    }

    /// The names a run is about to write, kept until its manifest is written: what a later run
    /// may replace even though no manifest names it yet.
    static let journal = ".cfntool-split-pending"

    private func report(_ r: SplitResult) {
        let total = r.source.resources.count
        let sam = r.origins.isEmpty ? "" : " (Transform \(SAMTransform.name) applied)"
        Console.out("split \(file)\(sam) (strategy \(r.strategy.rawValue)): \(total) resources -> parent + \(r.stacks.count) nested stacks")
        func row(_ name: String, _ t: Template, _ bytes: Int) -> String {
            "  " + name.padding(44) + String(t.resources.count).leftPad(5) + " resources" + String(t.parameters.count).leftPad(5)
                + " parameters" + String(t.outputs.count).leftPad(5) + " outputs" + String(bytes).leftPad(9) + " bytes"
        }
        Console.out(row(r.parentFileName, r.parent, r.parentBytes.count))
        for s in r.stacks { Console.out(row(s.fileName, s.template, s.bytes.count)) }
        let created = r.parent.resources.count + r.stacks.reduce(0) { $0 + $1.template.resources.count }
        if verify {
            Console.out(
                "verified: merged back, the output equals the input; every template holds at most \(maxResources) resources and keeps every quota"
            )
        }
        if created > 2500 {
            Console.err(
                "warning: the hierarchy creates \(created) resources, over the 2,500 one operation may create: stage the first deploy"
            )
        }
        if !r.moves.isEmpty {
            let named = r.moves.filter(\.named).count
            Console.err(
                "warning: \(r.moves.count) resources move to another stack (deleted and created again unless refactored)"
                    + (named > 0 ? ", \(named) with a fixed physical name (these need a stack refactor):" : ":")
            )
            for m in r.moves.prefix(40) {
                let name = m.named ? "NAMED " : ""
                let fixed = m.fixedName.isEmpty ? "" : ", " + m.fixedName.joined(separator: "+")
                Console.err(
                    "  \(name)\(m.logicalId) (\(m.type)\(fixed)): \(Move.describe(m.fromPath)) -> \(Move.describe(m.toPath)): \(m.reason)"
                )
            }
            if r.moves.count > 40 { Console.err("  ... and \(r.moves.count - 40) more: every move is in manifest.json") }
            let files = r.refactorFiles.map(\.name)
            Console.err(
                "  stack refactor mappings (aws cloudformation create-stack-refactor --resource-mappings file://FILE): "
                    + files.map { output + "/" + $0 }.joined(separator: ", ")
            )
        }
        Console.out("wrote \(output)")
    }
}

extension Split {
    /// The folder a file is in (`.` for standard input and a bare name).
    static func folder(of file: String) -> String {
        guard file != "-", let slash = file.lastIndex(of: "/") else { return "." }
        return slash == file.startIndex ? "/" : String(file[..<slash])
    }

    /// The path from folder `from` to folder `to` (`out` -> `.` is `..`), both taken from the
    /// current folder and folded lexically (`DIR` need not exist yet); nil when they are the same.
    /// Folders with nothing in common but the root (`/tmp/out` -> `/work/app`) give the absolute
    /// path of `to`: `../../work/app` would break as soon as the output is moved.
    static func relativePath(from: String, to: String) -> String? {
        let (a, b) = (parts(from), parts(to))
        var common = 0
        while common < a.count && common < b.count && a[common] == b[common] { common += 1 }
        if common == 0 && !a.isEmpty { return absolute(to) }
        let steps = Array(repeating: "..", count: a.count - common) + b[common...].map(String.init)
        return steps.isEmpty ? nil : steps.joined(separator: "/")
    }

    /// A folder as an absolute path, taken from the current folder and folded lexically.
    static func absolute(_ folder: String) -> String {
        "/" + parts(folder).joined(separator: "/")
    }

    /// The steps of a path from the root, taken from the current folder and folded lexically.
    private static func parts(_ p: String) -> [Substring] {
        var cwd = [CChar](repeating: 0, count: 4096)
        let base =
            p.hasPrefix("/")
            ? ""
            : (getcwd(&cwd, cwd.count) != nil ? String(decoding: cwd.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : ".")
        var out: [Substring] = []
        for c in (base + "/" + p).split(separator: "/") {
            if c == "." { continue }
            if c == ".." {
                if !out.isEmpty { out.removeLast() }
            } else {
                out.append(c)
            }
        }
        return out
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
