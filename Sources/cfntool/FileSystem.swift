#if canImport(Glibc)
import Glibc
#endif

/// The few file-system questions the commands ask, without Foundation.
enum FileSystem {
    /// The names in a folder (without `.` and `..`), in no order; empty if it cannot be read.
    static func listDirectory(_ dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let entry = readdir(d) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Whether `path` is a folder.
    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Makes `path` and the folders above it that are missing; whether `path` is a folder after.
    static func makeDirectories(_ path: String) -> Bool {
        if path.isEmpty || isDirectory(path) { return true }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            guard makeDirectories(String(path[..<slash])) else { return false }
        }
        if mkdir(path, 0o777) == 0 || isDirectory(path) { return true }
        if errno == EEXIST { errno = ENOTDIR }  // a file where a folder should be
        return false
    }
}
