import CFNModel

#if canImport(Glibc)
import Glibc
#endif

/// `--only-templates`, on every command that takes files.
struct TemplateSelection {
    static let options: [OptionSpec] = [
        .flag(
            "only-templates",
            help: """
                Skip files that are no CloudFormation template (no Resources, AWSTemplateFormatVersion \
                or SAM Transform) without a word, instead of refusing them: for hooks that hand over \
                every YAML and JSON file.
                """
        )
    ]

    var onlyTemplates = false

    init(_ arguments: ParsedArguments) { onlyTemplates = arguments.flag("only-templates") }
}

/// The files a command works on, from its arguments: files named on the command line, and the
/// files found in folders (searched recursively for `*.yaml`, `*.yml`, `*.json` and
/// `*.template`, hidden ones skipped) and by quoted patterns (`*`, `?`, `[...]`, `**`).
///
/// A named file that is no template is refused (unless `--only-templates`); a file found in a
/// folder or by a pattern that is no template is skipped; a folder or pattern where no file is a
/// template is itself an error, so that a wrong path never passes as "nothing to report".
struct TemplateFiles {
    /// One file to read.
    struct File: Sendable {
        var path: String
        /// The folder or pattern (an index into `searches`) it was found by; nil when named.
        var search: Int?
        var isNamed: Bool { search == nil }
    }

    /// A folder or pattern argument.
    struct Search {
        var argument: String
        var isFolder: Bool
        /// Files it found that `ignore_templates` left out (a folder so emptied is no error).
        var ignored = 0
    }

    /// What reading one file gave.
    enum Outcome: Sendable {
        /// A template, and the bytes it was read from.
        case template(Template, [UInt8])
        /// A document that is no template, and why (the decoded document, for a split manifest).
        case notTemplate(CFNError, Template?)
        /// The file could not be read or decoded.
        case failed(CFNError)
    }

    private(set) var files: [File] = []
    private(set) var searches: [Search] = []
    /// Named files that do not exist and patterns that match nothing (cfn-lint stops on them
    /// before linting anything: `lint --exit-codes cfn-lint` exits 2 for them alone).
    private(set) var missing: [String] = []

    /// The files of `arguments`, without those that an `ignore` pattern matches. Without
    /// `searchFolders`, a folder is taken as a named file (and so refused when read).
    init(_ arguments: [String], ignoring ignore: [String] = [], searchFolders: Bool = true) {
        let ignored = { (p: String) in ignore.contains { Glob.matches($0, p) } }
        for argument in arguments {
            if searchFolders, argument != "-", FileSystem.isDirectory(argument) {
                add(TemplateFiles.candidates(under: argument), search: Search(argument: argument, isFolder: true), ignored)
            } else if argument != "-", Glob.isPattern(argument), access(argument, F_OK) != 0 {
                let found = Glob.expand(argument).filter { !FileSystem.isDirectory($0) }
                if found.isEmpty { missing.append(argument) }
                add(found, search: Search(argument: argument, isFolder: false), ignored)
            } else {
                if argument != "-", access(argument, F_OK) != 0 { missing.append(argument) }
                if !ignored(argument) { files.append(File(path: argument, search: nil)) }
            }
        }
    }

    private mutating func add(_ paths: [String], search: Search, _ ignored: (String) -> Bool) {
        var search = search
        let kept = paths.filter { !ignored($0) }
        search.ignored = paths.count - kept.count
        searches.append(search)
        for p in kept { files.append(File(path: p, search: searches.count - 1)) }
    }

    /// Files under a folder that may be templates (by their extension), recursively, in sorted
    /// order; hidden files and folders are skipped.
    static func candidates(under dir: String) -> [String] {
        var out: [String] = []
        for name in FileSystem.listDirectory(dir).sorted() where !name.hasPrefix(".") {
            let path = dir.hasSuffix("/") ? dir + name : dir + "/" + name
            if FileSystem.isDirectory(path) {
                out += candidates(under: path)
            } else if [".yaml", ".yml", ".json", ".template"].contains(where: { name.hasSuffix($0) }) {
                out.append(path)
            }
        }
        return out
    }

    /// Reads and decodes one file, once: what every command that takes files works from.
    static func read(_ file: File, options: DecodeOptions = DecodeOptions()) -> Outcome {
        let bytes: [UInt8]
        do {
            bytes = try SourceFile.read(file.path, maxBytes: options.maxBytes)
        } catch {
            return .failed(error)
        }
        do {
            return .template(try Template(templateBytes: bytes, path: file.path, options: options), bytes)
        } catch {
            guard error.kind == .notTemplate else { return .failed(error) }
            // Decoded again only for the rare document that is no template, to keep a manifest.
            let document = try? Template(bytes: bytes, path: file.path, options: options)
            return .notTemplate(error, document.flatMap { SplitManifest.isManifest($0) ? $0 : nil })
        }
    }

    /// Whether an outcome is skipped without a word: a file that is no template, found in a
    /// folder or by a pattern, or named under `--only-templates`.
    static func skips(_ outcome: Outcome, of file: File, onlyTemplates: Bool) -> Bool {
        guard case .notTemplate = outcome else { return false }
        return onlyTemplates || !file.isNamed
    }

    /// The folders and patterns that gave no template (`used[i]`: whether `files[i]` was one, or
    /// could not be read: an error already reported), each with the message that says so.
    func emptySearches(used: [Bool]) -> [(argument: String, message: String)] {
        var found = searches.map { $0.ignored > 0 }
        for (i, f) in files.enumerated() where used[i] { if let s = f.search { found[s] = true } }
        return searches.indices.filter { !found[$0] }.map { i in
            let s = searches[i]
            return (
                s.argument,
                s.isFolder
                    ? "no CloudFormation template in this folder (searched for *.yaml, *.yml, *.json and *.template files)"
                    : "no CloudFormation template matches this pattern"
            )
        }
    }
}

/// A folder or pattern that holds no template: printed as `ARGUMENT: message`.
struct NoTemplates: Error, CustomStringConvertible {
    var argument: String
    var message: String
    var description: String { "\(argument): \(message)" }
}

extension TemplateFiles {
    /// Reads each file in order and calls `body` with each template. A file that cannot be read
    /// or decoded, or a named file that is no template (unless `onlyTemplates`), is reported and
    /// makes the exit 2; so is a folder or pattern that gave no template. `manifest`, when given,
    /// takes a named split manifest instead of refusing it.
    func forEachTemplate(
        onlyTemplates: Bool,
        options: DecodeOptions = DecodeOptions(),
        status: inout ExitStatus,
        manifest: ((File, Template, inout ExitStatus) -> Void)? = nil,
        _ body: (File, Template, [UInt8], inout ExitStatus) throws -> Void
    ) {
        var used = [Bool](repeating: false, count: files.count)
        for (i, file) in files.enumerated() {
            let outcome = TemplateFiles.read(file, options: options)
            switch outcome {
            case .template(let t, let bytes):
                used[i] = true
                do { try body(file, t, bytes, &status) } catch { status.failed(error) }
            case .notTemplate(let error, let document):
                if let manifest, file.isNamed, let document {
                    used[i] = true
                    manifest(file, document, &status)
                } else if !TemplateFiles.skips(outcome, of: file, onlyTemplates: onlyTemplates) {
                    status.failed(error)
                }
            case .failed(let error):
                used[i] = true
                status.failed(error)
            }
        }
        for e in emptySearches(used: used) { status.failed(NoTemplates(argument: e.argument, message: e.message)) }
    }
}
