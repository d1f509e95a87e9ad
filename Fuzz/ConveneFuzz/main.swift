import Foundation

// libFuzzer's driver, called from our own main: SwiftPM gives every executable its own
// entry point, so libFuzzer's main cannot be used (see Scripts/fuzz.sh).

@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
let status = runFuzzerDriver(&argc, &argv) { bytes, count in fuzzImport(bytes, count) }
exit(status)
