import Foundation
import GRDB
import Testing

@testable import ConveneCore

/// Follow-up actions are numbered in minutes and listed by `action list`: the numbers must
/// not change from one run to the next.
@Suite("actions: listed and numbered as recorded")
struct ActionOrderTests {
    @Test("actions recorded in the same millisecond keep the order they came in, in the list and the minutes")
    func sameInstant() throws {
        let test = try TestDatabase()
        try test.seed()
        // Eight actions with one creation instant, as a script or the demo records them;
        // their ids are random, so an order by id would be one of 40,320 by chance.
        let texts = (1...8).map { "Action \($0): follow up with the line ministries" }
        let instant = Date(timeIntervalSince1970: 1_704_762_000.125)
        try test.db.write { db in
            let event = try Event.find("psc-3", db)
            for text in texts { try Action(eventId: event.id, text: text, createdAt: instant).insert(db) }
        }
        let listed = try test.db.actions(ActionFilter(event: "psc-3"), today: CalendarDate(iso: "2024-01-09")!)
        #expect(listed.map(\.action.text) == texts)
        let minutes = try test.db.minutes(event: "psc-3", language: .en)
        #expect(minutes.actions.map(\.text) == texts)
        #expect(minutes.actions.map(\.number) == Array(1...8))
    }
}
