#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole file the way a user expects from `export`, `w`, `x` and the editor:
///
/// - a regular file (or a symbolic link to one, or a path that does not exist yet) is
///   replaced atomically: the bytes go to a temporary file beside the target, which is
///   renamed over it, so a crash or a full disk never leaves half a file; a link stays a
///   link and its target gets the bytes; an existing file keeps its permissions;
/// - a FIFO, a character or block device, or `-` (standard output) is written in place:
///   renaming over them would replace the node with a regular file;
/// - every failure says which path and why (`No space left on device`), never in silence;
/// - `waitForReader: false` (the terminal UI, whose one thread must not block) refuses a
///   FIFO nobody is reading at once instead of waiting for a reader to open it.
public enum OutputFile {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// `-` means standard output.
    public static func write(_ bytes: [UInt8], to path: String, newFilePermissions: mode_t = 0o644, waitForReader: Bool = true) throws {
        if path == "-" {
            try writeAll(bytes, to: STDOUT_FILENO, path: "standard output")
            return
        }
        let target = try resolvedTarget(of: path)
        var info = stat()
        if stat(target, &info) == 0 {
            switch info.st_mode & S_IFMT {
            case S_IFREG:
                try replace(target, with: bytes, permissions: info.st_mode & 0o7777, shownAs: path)
            case S_IFDIR:
                throw Failure(path: path, reason: "it is a directory")
            default:
                try writeInPlace(bytes, to: target, shownAs: path, waitForReader: waitForReader)
            }
        } else if errno == ENOENT {
            let mask = umask(0)
            umask(mask)
            try replace(target, with: bytes, permissions: newFilePermissions & ~mask, shownAs: path)
        } else {
            throw Failure(path: path, reason: reason(errno))
        }
    }

    /// Follows symbolic links (also a dangling one, whose target is then created) so the
    /// rename lands on the file the link names, not on the link.
    static func resolvedTarget(of path: String) throws -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink(current, &buffer, buffer.count - 1)
            guard count >= 0 else { throw Failure(path: path, reason: reason(errno)) }
            let link = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : directory(of: current) + "/" + link
        }
        throw Failure(path: path, reason: reason(ELOOP))
    }

    private static func replace(_ target: String, with bytes: [UInt8], permissions: mode_t, shownAs path: String) throws {
        let name = target.split(separator: "/").last.map(String.init) ?? target
        var template = Array((directory(of: target) + "/." + name + ".hookscope-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Failure(path: path, reason: reason(errno)) }
        let temporary = String(cString: template)
        do {
            try writeAll(bytes, to: fd, path: path)
            guard fchmod(fd, permissions) == 0, fsync(fd) == 0 else { throw Failure(path: path, reason: reason(errno)) }
            guard close(fd) == 0 else {
                unlink(temporary)
                throw Failure(path: path, reason: reason(errno))
            }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let why = reason(errno)
            unlink(temporary)
            throw Failure(path: path, reason: why)
        }
    }

    private static func writeInPlace(_ bytes: [UInt8], to target: String, shownAs path: String, waitForReader: Bool) throws {
        // A FIFO's open waits for a reader; with O_NONBLOCK it fails with ENXIO instead.
        let fd = open(target, O_WRONLY | O_CLOEXEC | (waitForReader ? 0 : O_NONBLOCK))
        guard fd >= 0 else {
            let code = errno
            throw Failure(path: path, reason: code == ENXIO ? "nobody is reading it (a FIFO: start the reader first)" : reason(code))
        }
        defer { close(fd) }
        if !waitForReader {
            // Opened: the bytes go at the reader's pace, as with a blocking open.
            let flags = fcntl(fd, F_GETFL)
            guard flags >= 0, fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == 0 else { throw Failure(path: path, reason: reason(errno)) }
        }
        try writeAll(bytes, to: fd, path: path)
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { throw Failure(path: path, reason: reason(written == 0 ? EIO : errno)) }
            offset += written
        }
    }

    private static func systemWrite(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, pointer, count)
        #else
        Darwin.write(fd, pointer, count)
        #endif
    }

    private static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "" : String(path[..<slash])
    }

    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
