import ConveneCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `convene-serve` in place of `convene` (exec): the same terminal, the same Ctrl-C, its
/// exit code is the command's.
enum ServerLauncher {
    /// `convene-serve` in the folder of `executable` (a symbolic link followed), if it is there.
    static func program(besides executable: URL) -> String? {
        let path = executable.resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent(ServeRequest.programName).path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// Returns only when the program cannot be started.
    @Sendable static func replaceProcess(_ request: ServeRequest) throws {
        let executable =
            Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0]).absoluteURL
        let folder = executable.resolvingSymlinksInPath().deletingLastPathComponent().path
        guard let program = program(besides: executable) else {
            throw ConveneError.notFound(
                kind: "program", reference: ServeRequest.programName,
                hint:
                    "`convene serve` runs it from the folder convene is in (\(folder)): copy it there from where convene was built (`swift build` builds both)."
            )
        }
        let json = String(decoding: try JSONEncoder().encode(request), as: UTF8.self)
        var arguments: [UnsafeMutablePointer<CChar>?] = [strdup(program), strdup(json), nil]
        execv(program, &arguments)
        let reason = String(cString: strerror(errno))
        arguments.forEach { free($0) }
        throw ConveneError.notFound(kind: "program", reference: program, hint: "It could not be started: \(reason).")
    }
}
