import ConveneCore
import Foundation
import Synchronization
import Testing

@testable import ConveneCLI

/// `convene serve` checks its options and hands them to `convene-serve`; the server itself
/// is tested in ConveneServerTests and, as a program, by Scripts/serve_browser_test.py.
@Suite("convene serve: the hand-over to convene-serve")
struct ServeCommandTests {
    private func serve(_ arguments: [String], in cli: CLIHarness) -> (code: Int32, request: ServeRequest?, err: String)
    {
        let request = Mutex<ServeRequest?>(nil)
        let err = Mutex("")
        let context = CommandContext(
            environment: cli.environment, currentDirectory: cli.directory.path, standardOutput: { _ in },
            standardError: { text in err.withLock { $0 += text } }, stderrIsTerminal: false,
            startServer: { handed in request.withLock { $0 = handed } })
        let code = Convene.execute(["serve"] + arguments, context: context)
        return (code, request.withLock { $0 }, err.withLock { $0 })
    }

    @Test("the options reach convene-serve as given, the database path made absolute; defaults filled in")
    func handsOver() throws {
        let cli = try CLIHarness()
        let given = serve(
            [
                "--db", "venue.sqlite", "--event", "psc-3", "--host", "127.0.0.1", "--port", "0", "--read-only",
                "--rotate",
                "--code-hours", "3",
            ], in: cli)
        #expect(given.code == 0)
        #expect(
            given.request
                == ServeRequest(
                    databasePath: cli.directory.appendingPathComponent("venue.sqlite").path, event: "psc-3",
                    host: "127.0.0.1", port: 0, rotate: true, readOnly: true, codeHours: 3))
        let defaults = serve(["--event", "psc-3"], in: cli)
        #expect(
            defaults.request
                == ServeRequest(
                    databasePath: cli.directory.appendingPathComponent("convene.sqlite").path, event: "psc-3",
                    host: nil, port: 8080, rotate: false, readOnly: false, codeHours: 10))
        // What convene-serve reads back is what was sent.
        let json = try JSONEncoder().encode(try #require(given.request))
        #expect(try JSONDecoder().decode(ServeRequest.self, from: json) == given.request)
    }

    @Test("bad options stop in convene with a usage error: nothing is handed over")
    func checksFirst() throws {
        let cli = try CLIHarness()
        for arguments in [["--event", "psc-3", "--port", "70000"], ["--event", "psc-3", "--code-hours", "0"], []] {
            let result = serve(arguments, in: cli)
            #expect(result.code == 64, "\(arguments)")
            #expect(result.request == nil)
        }
        #expect(ServeRequest.problem(port: 0, codeHours: 1) == nil)
        #expect(ServeRequest.problem(port: 65535, codeHours: 24) == nil)
        for (port, hours) in [(-1, 10), (65536, 10), (8080, 0), (8080, 25), (8080, Int.max)] {
            #expect(ServeRequest.problem(port: port, codeHours: hours) != nil, "\(port) \(hours)")
        }
    }

    @Test(
        "the real programs: convene hands over and convene-serve's error and exit code come back; convene-serve checks what it is given"
    )
    func realPrograms() throws {
        let cli = try CLIHarness()
        let convene = try BinaryTests.executable()
        let server = convene.deletingLastPathComponent().appendingPathComponent(ServeRequest.programName)
        try #require(FileManager.default.isExecutableFile(atPath: server.path), "build convene-serve (swift build)")
        #expect(try BinaryTests.runProcess(convene, ["--db", cli.databasePath, "init"], in: cli.directory).code == 0)
        // The event does not exist: convene-serve opens the database and says so, exit 66.
        let missing = try BinaryTests.runProcess(
            convene, ["--db", cli.databasePath, "serve", "--event", "nope", "--port", "0"], in: cli.directory)
        #expect(missing.code == 66)
        #expect(missing.err.contains("No event matches 'nope'"), "\(missing.err)")
        // Started by hand: with nothing, or with options convene would have refused.
        let bare = try BinaryTests.runProcess(server, [], in: cli.directory)
        #expect(bare.code == 64 && bare.err.contains("convene serve"))
        let request = ServeRequest(
            databasePath: cli.databasePath, event: "nope", host: "127.0.0.1", port: 0, rotate: false, readOnly: false,
            codeHours: Int.max)
        let crafted = String(decoding: try JSONEncoder().encode(request), as: UTF8.self)
        let refused = try BinaryTests.runProcess(server, [crafted], in: cli.directory)
        #expect(refused.code == 64 && refused.err.contains("--code-hours"), "\(refused.err)")
    }

    @Test("convene-serve is looked for beside the convene that runs, through a symbolic link")
    func findsTheProgram() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serve-\(UUID().uuidString)")
        let bin = folder.appendingPathComponent("bin")
        let build = folder.appendingPathComponent("build")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: build, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let convene = build.appendingPathComponent("convene")
        let program = build.appendingPathComponent(ServeRequest.programName)
        try Data().write(to: convene)
        // Installed as a link in another folder: the program is found where the link points.
        try FileManager.default.createSymbolicLink(
            at: bin.appendingPathComponent("convene"), withDestinationURL: convene)
        #expect(ServerLauncher.program(besides: bin.appendingPathComponent("convene")) == nil)
        try Data().write(to: program)
        #expect(ServerLauncher.program(besides: bin.appendingPathComponent("convene")) == nil, "not executable")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: program.path)
        #expect(
            ServerLauncher.program(besides: bin.appendingPathComponent("convene"))
                == program.resolvingSymlinksInPath().path)
    }
}
