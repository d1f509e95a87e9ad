import ConveneCore
import Testing

/// Expects `body` to throw a `ConveneError` that `matches` accepts. `#expect(throws: ConveneError.self)` passes
/// whichever case is thrown, so a test written for `.notFound` would not notice a `.database` failure.
/// Returns the error thrown, if any, for further checks.
@discardableResult
func expectConveneError<R>(
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    where matches: (ConveneError) -> Bool, performing body: () throws -> R
) -> ConveneError? {
    let error = #expect(throws: ConveneError.self, comment, sourceLocation: sourceLocation) { try body() }
    if let error, !matches(error) {
        let detail = comment.map { " (\($0.rawValue))" } ?? ""
        Issue.record(
            "threw a different ConveneError case than expected: \(error)\(detail)", sourceLocation: sourceLocation)
    }
    return error
}
