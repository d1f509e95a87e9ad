import Foundation
import Testing

/// The built `convene` executable run as a user runs it: a real process, real exit
/// codes, stdout and stderr kept apart.
@Suite("the convene binary")
struct BinaryTests {
    /// `.build/<triple>/debug/convene`, next to the test bundle.
    static func executable() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("convene")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("convene")
        try #require(
            FileManager.default.isExecutableFile(atPath: fallback.path),
            "convene binary not found near \(CommandLine.arguments[0])")
        return fallback
    }

    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> (
        code: Int32, out: String, err: String
    ) {
        try runProcess(
            try executable(), arguments, in: directory,
            environment: ["PATH": "/usr/bin:/bin"].merging(environment) { $1 })
    }

    /// Runs `executable` to its end. Standard error is drained on its own thread while
    /// standard output is read, so a process that logs more than a pipe holds cannot stall.
    static func runProcess(
        _ executable: URL, _ arguments: [String], in directory: URL, environment: [String: String]? = nil
    ) throws -> (code: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let errorText = ErrorText()
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            errorText.data = err.fileHandleForReading.readDataToEndOfFile()
            drained.signal()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errorText.data, as: UTF8.self)
        )
    }

    /// Standard error as the draining thread read it (handed over through the semaphore).
    private final class ErrorText: @unchecked Sendable {
        var data = Data()
    }

    @Test("init, add, mark and show through the binary; errors go to stderr with their exit code")
    func endToEnd() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("convene-bin-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }

        // A missing database: exit 66, message on stderr only
        let missing = try Self.run(["event", "list"], in: directory)
        #expect(missing.code == 66)
        #expect(missing.out.isEmpty)
        #expect(missing.err.contains("convene init"))

        // $CONVENE_DB is honoured
        let env = ["CONVENE_DB": "venue.sqlite"]
        #expect(try Self.run(["init"], in: directory, environment: env).code == 0)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("venue.sqlite").path))
        #expect(
            try Self.run(
                ["event", "add", "--code", "psc-3", "--kind", "psc", "--title", "PSC 3", "--start", "2024-01-09"],
                in: directory, environment: env
            ).code == 0)
        #expect(
            try Self.run(
                ["participant", "add", "--name", "Siti Aminah", "--gender", "P", "--email", "siti@example.org"],
                in: directory, environment: env
            ).code == 0)

        // Unregistered without --walk-in: 65; with it: 0
        let refused = try Self.run(
            ["attend", "--session", "psc-3/1", "siti@example.org"], in: directory, environment: env)
        #expect(refused.code == 65)
        #expect(
            try Self.run(
                ["attend", "--session", "psc-3/1", "--walk-in", "siti@example.org"], in: directory, environment: env
            ).code == 0)

        let show = try Self.run(["event", "show", "psc-3"], in: directory, environment: env)
        #expect(show.code == 0)
        #expect(show.out.contains("Participants:  1"))

        // A usage error: 64
        #expect(try Self.run(["event", "add", "--code", "x"], in: directory, environment: env).code == 64)
        // --help: 0, on stdout
        let help = try Self.run(["attend", "--help"], in: directory)
        #expect(help.code == 0)
        #expect(help.out.contains("--walk-in"))
    }
}
