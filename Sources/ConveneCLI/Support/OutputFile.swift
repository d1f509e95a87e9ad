import ConveneCore
import Foundation

/// A file a command writes because the user named it (`--out`, `--rejects`). Checked
/// before any work is done, written under a temporary name in the same folder, and
/// renamed into place only when complete: a failed run leaves an earlier file as it was.
///
/// Refused: the database and its `-wal`/`-shm`/`-journal` files, the command's input
/// files, symbolic links, folders, and an existing file unless `replace` is set.
struct OutputFile {
    /// As the user typed it, for messages.
    let name: String
    let url: URL
    /// The mode of the file being replaced, kept for the new one.
    private let existingMode: mode_t?

    init(_ name: String, in context: CommandContext, replace: Bool, protecting protected: [ProtectedPath]) throws {
        self.name = name
        url =
            URL(
                fileURLWithPath: name, relativeTo: URL(fileURLWithPath: context.currentDirectory, isDirectory: true)
            ).standardizedFileURL
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw ConveneError.cannotCreateOutput(path: name, reason: "the folder \(folder.path) does not exist.")
        }
        let target = Self.identity(url.path)
        for item in protected {
            let paths = item.kind == .database ? Self.databaseFiles(item.path) : [item.path]
            for path in paths where Self.sameFile(url.path, target, path) {
                throw ConveneError.cannotCreateOutput(
                    path: name,
                    reason: item.kind == .database
                        ? "that is the database\(path == item.path ? "" : "'s \(path.dropFirst(item.path.count)) file"); writing there would destroy it. Choose another file name."
                        : "that is the input file; writing there would destroy it. Choose another file name.")
            }
        }
        var status = stat()
        if lstat(url.path, &status) == 0 {
            switch status.st_mode & S_IFMT {
            case S_IFLNK:
                throw ConveneError.cannotCreateOutput(
                    path: name,
                    reason: "it is a symbolic link; Convene does not write through links. Name the file itself.")
            case S_IFREG:
                guard replace else {
                    throw ConveneError.cannotCreateOutput(
                        path: name, reason: "the file exists. Add --force to replace it, or choose another name.")
                }
                existingMode = status.st_mode & 0o7777
            default:
                throw ConveneError.cannotCreateOutput(path: name, reason: "it exists and is not a regular file.")
            }
        } else {
            existingMode = nil
        }
    }

    /// Writes the whole file at once.
    func write(_ data: Data) throws {
        let writer = try begin()
        do {
            try writer.append(data)
            try writer.commit()
        } catch {
            writer.discard()
            throw error
        }
    }

    /// Starts writing under a temporary name; `commit()` gives the file its name.
    func begin() throws -> Writer {
        let folder = url.deletingLastPathComponent().path
        var template = Array("\(folder)/.\(url.lastPathComponent).XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw ConveneError.cannotCreateOutput(path: name, reason: Self.reason(errno))
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        // mkstemp makes the file private (0600); a replaced file keeps its mode, a new one
        // gets the usual mode for this user's umask.
        let mode: mode_t
        if let existingMode {
            mode = existingMode
        } else {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        }
        fchmod(descriptor, mode)
        return Writer(
            handle: FileHandle(fileDescriptor: descriptor, closeOnDealloc: true), temporary: temporary,
            destination: url.path, name: name)
    }

    /// The file being written; nothing is at the destination until `commit()`.
    final class Writer {
        private let handle: FileHandle
        private let temporary: String
        private let destination: String
        private let name: String
        private var finished = false

        fileprivate init(handle: FileHandle, temporary: String, destination: String, name: String) {
            self.handle = handle
            self.temporary = temporary
            self.destination = destination
            self.name = name
        }

        func append(_ data: Data) throws {
            do {
                try handle.write(contentsOf: data)
            } catch {
                throw ConveneError.cannotCreateOutput(path: name, reason: OutputFile.writeFailure(error, at: temporary))
            }
        }

        func append(_ text: String) throws { try append(Data(text.utf8)) }

        /// Flushes to disk and renames the file into place.
        func commit() throws {
            guard !finished else { return }
            finished = true
            do {
                try handle.synchronize()
                try handle.close()
            } catch {
                unlink(temporary)
                throw ConveneError.cannotCreateOutput(path: name, reason: OutputFile.writeFailure(error, at: temporary))
            }
            guard rename(temporary, destination) == 0 else {
                let reason = OutputFile.reason(errno)
                unlink(temporary)
                throw ConveneError.cannotCreateOutput(path: name, reason: reason)
            }
        }

        /// Removes what was written; the destination stays as it was.
        func discard() {
            guard !finished else { return }
            finished = true
            try? handle.close()
            unlink(temporary)
        }

        deinit { discard() }
    }

    // MARK: - Identity of files

    /// The database and the files SQLite keeps beside it.
    static func databaseFiles(_ path: String) -> [String] {
        [path, path + "-wal", path + "-shm", path + "-journal"]
    }

    private static func identity(_ path: String) -> (dev_t, ino_t)? {
        var status = stat()
        return stat(path, &status) == 0 ? (status.st_dev, status.st_ino) : nil
    }

    /// The same file: the same inode where both exist (hard links, symlinked folders),
    /// else the same path once symbolic links in the folders are resolved.
    private static func sameFile(_ path: String, _ identity: (dev_t, ino_t)?, _ other: String) -> Bool {
        if let identity, let otherIdentity = Self.identity(other) {
            return identity == otherIdentity
        }
        return canonical(path) == canonical(other)
    }

    private static func canonical(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        let folder = url.deletingLastPathComponent().path
        guard let resolved = realpath(folder, nil) else { return url.path }
        defer { free(resolved) }
        return String(cString: resolved) + "/" + url.lastPathComponent
    }

    fileprivate static func reason(_ code: Int32) -> String {
        code == ENOSPC ? "the disk is full." : String(cString: strerror(code)) + "."
    }

    fileprivate static func writeFailure(_ error: any Error, at path: String) -> String {
        if let posix = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain
        {
            return reason(Int32(posix.code))
        }
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain { return reason(Int32(nsError.code)) }
        return nsError.localizedDescription
    }
}

/// A file an output must never land on.
struct ProtectedPath {
    enum Kind { case database, input }
    var path: String
    var kind: Kind

    static func database(_ path: String) -> ProtectedPath { ProtectedPath(path: path, kind: .database) }
    static func input(_ path: String) -> ProtectedPath { ProtectedPath(path: path, kind: .input) }
}
