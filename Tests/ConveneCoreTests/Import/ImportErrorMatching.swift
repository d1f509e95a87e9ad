@testable import ConveneCore

/// True when `error` is exactly `ConveneError.invalidInput` and its text contains `text`:
/// a different case with a similar message fails the test.
func isInvalidInput(_ error: any Error, containing text: String) -> Bool {
    guard case .invalidInput(let message) = error as? ConveneError else { return false }
    return message.contains(text)
}
