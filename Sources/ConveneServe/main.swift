import ConveneCore
import ConveneServer
import Foundation

// `convene-serve`: the phone check-in server, started by `convene serve` (which parses and
// checks the options, resolves the database and hands them over as one JSON argument).
// Kept out of `convene` so other commands do not load the web stack; see `ServeRequest`.

func say(_ text: String, to handle: FileHandle) {
    let safe = TerminalText.visible(text)
    handle.write(Data((safe.hasSuffix("\n") ? safe : safe + "\n").utf8))
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 1, let request = try? JSONDecoder().decode(ServeRequest.self, from: Data(arguments[0].utf8))
else {
    say(
        "\(ServeRequest.programName) is started by `convene serve`; run `convene serve --help` for its options.",
        to: .standardError)
    exit(64)
}
if let problem = request.problem {
    say("Error: \(problem)", to: .standardError)
    exit(64)
}
do {
    try ServeProgram.run(request) { say($0, to: .standardOutput) }
    exit(0)
} catch let error as ConveneError {
    say("Error: \(error.localizedDescription)", to: .standardError)
    exit(error.exitStatus)
} catch {
    say("Error: \(error.localizedDescription)", to: .standardError)
    exit(74)
}
