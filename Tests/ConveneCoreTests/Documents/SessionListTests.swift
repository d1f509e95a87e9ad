import Testing

@testable import ConveneCore

@Suite("session lists in documents")
struct SessionListTests {
    @Test(
        "runs of three or more sessions read as a range",
        arguments: [
            ([], ""), ([1], "1"), ([1, 2], "1, 2"), ([1, 2, 3], "1–3"), ([1, 2, 3, 4, 5, 6, 7, 8, 9], "1–9"),
            ([1, 3, 4, 5, 9, 10], "1, 3–5, 9, 10"),
        ] as [([Int], String)])
    func ranges(numbers: [Int], expected: String) {
        #expect(AppDatabase.sessionList(numbers) == expected)
    }
}
