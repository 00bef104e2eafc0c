#if canImport(Glibc)
import Glibc
#endif

/// Writing files so that a reader (or a crash) never sees half of one: a temporary file in the
/// same directory, flushed to disk, then renamed over the target.
public enum AtomicFile {
    /// Whether `name` is one of the temporary names `write` uses (`.NAME.cfntool-XXXXXX`): what a
    /// write killed before its rename leaves behind, never a final name.
    public static func isTemporaryName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count >= 17, bytes[0] == UInt8(ascii: ".") else { return false }
        return bytes[(bytes.count - 15)..<(bytes.count - 6)].elementsEqual(".cfntool-".utf8)
    }

    /// Writes `bytes` to `path` atomically, keeping the permissions of a file it replaces.
    public static func write(_ bytes: [UInt8], to path: String) throws(CFNError) {
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array((dir.isEmpty ? "/" : dir + "/").utf8CString.dropLast()) + Array(".\(name).cfntool-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw SourceFile.ioError(path, errno) }
        let tmp = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        var ok = false
        defer {
            close(fd)
            if !ok { unlink(tmp) }
        }
        var old = stat()
        let mode: mode_t = stat(path, &old) == 0 ? old.st_mode & 0o7777 : 0o644
        fchmod(fd, mode)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + written, bytes.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SourceFile.ioError(path, errno)
            }
            written += n
        }
        if fsync(fd) != 0 { throw SourceFile.ioError(path, errno) }
        if rename(tmp, path) != 0 { throw SourceFile.ioError(path, errno) }
        ok = true
    }
}
