import ConveneCore
import Foundation

/// One in-memory database with an event, shared by every input: each input is imported
/// as a dry run (all of dialect detection, parsing, header mapping, classification,
/// de-duplication and the writes, rolled back), so inputs cannot affect each other.
let database: AppDatabase = {
    do {
        let db = try AppDatabase.inMemory()
        _ = try db.addOrganisation(.init(name: "Serikat Buruh Migran Indonesia", acronym: "SBMI", type: .civilSociety))
        _ = try db.addEvent(
            .init(code: "fuzz", title: "Fuzz", kind: .meeting, startDate: CalendarDate(iso: "2024-01-09")!))
        return db
    } catch {
        fatalError("fuzz setup failed: \(error)")
    }
}()

/// One fuzz input. Errors are expected (most inputs are not CSV); crashes are not.
func fuzzImport(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    let data = Data(bytes: bytes, count: count)
    _ = try? database.importFile(data, options: ImportOptions(event: "fuzz", dryRun: true, skipInvalid: true))
    _ = try? database.importFile(data, options: ImportOptions(kind: .attendance, session: "fuzz/1", dryRun: true))
    return 0
}
