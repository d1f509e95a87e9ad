import ConveneTestSupport
import Foundation
import GRDB
import Testing

@testable import ConveneCore

/// Correcting what was typed wrong: event, session, registration and mark edits, each one
/// transaction, with the statistics they should and should not move.
@Suite("corrections: edit, cancel, remove, undo")
struct CorrectionTests {
    static func fixture() throws -> TestDatabase {
        let test = try TestDatabase()
        try StatsFixture.build(test.db)
        return test
    }

    // MARK: - Events

    @Test("a wrong date: sessions outside the new dates are refused by name; --shift-sessions moves them")
    func eventDates() throws {
        // Given psc-3 on 2024-01-09 with two timed sessions
        let test = try Self.fixture()
        let before = try databaseRows(test.db)

        // When its date is moved without the sessions, the edit is refused, naming both
        var changes = EventChanges()
        changes.startDate = CalendarDate(iso: "2024-01-10")
        #expect(
            throws: ConveneError.sessionsOutsideDates(
                event: "psc-3", sessions: ["psc-3/1 (2024-01-09)", "psc-3/2 (2024-01-09)"],
                start: CalendarDate(iso: "2024-01-10")!, end: CalendarDate(iso: "2024-01-10")!)
        ) { try test.db.editEvent("psc-3", changes) }
        #expect(try databaseRows(test.db) == before)

        // When the sessions move with it, the one-day event stays one day and keeps its local times
        changes.shiftSessions = true
        let edit = try test.db.editEvent("psc-3", changes)
        #expect(edit.event.startDate == CalendarDate(iso: "2024-01-10"))
        #expect(edit.event.endDate == CalendarDate(iso: "2024-01-10"))
        #expect(edit.sessionsMoved == 2)
        #expect(edit.changes == [FieldChange(field: "dates", old: "2024-01-09", new: "2024-01-10")])
        let (event, sessions) = try test.db.sessions(ofEvent: "psc-3")
        #expect(
            sessions.map { LocalTime.format($0.session.startsAt!, in: event.zone) } == [
                "2024-01-10 09:00", "2024-01-10 13:00",
            ])
        #expect(sessions.map { LocalTime.format($0.session.endsAt!, in: event.zone) }.last == "2024-01-10 15:00")

        // And a last day before the first is refused
        var backwards = EventChanges()
        backwards.endDate = CalendarDate(iso: "2024-01-01")
        expectConveneError(where: { if case .invalidInput(let text) = $0 { text.contains("before") } else { false } }) {
            try test.db.editEvent("psc-3", backwards)
        }
    }

    @Test("a dry run does the work and keeps none of it")
    func eventDryRun() throws {
        let test = try Self.fixture()
        let before = try databaseRows(test.db)
        var changes = EventChanges()
        changes.startDate = CalendarDate(iso: "2024-01-11")
        changes.shiftSessions = true
        changes.code = "psc-3b"
        let edit = try test.db.editEvent("psc-3", changes, dryRun: true)
        #expect(edit.dryRun && edit.sessionsMoved == 2 && edit.formerCode == "psc-3")
        #expect(try databaseRows(test.db) == before)
    }

    @Test("a new code keeps the old one as a reference; no other event or session can take it")
    func eventCode() throws {
        // Given psc-3 renamed psc-03
        let test = try Self.fixture()
        var changes = EventChanges()
        changes.code = "psc-03"
        let edit = try test.db.editEvent("PSC-3", changes)
        #expect(edit.formerCode == "psc-3")
        #expect(edit.event.code == "psc-03")

        // Then the old code still finds the event, its sessions and its statistics
        #expect(try test.db.eventSummary("psc-3").event.code == "psc-03")
        #expect(try test.db.sessions(ofEvent: "psc-3").1.count == 2)
        let result = try test.db.markAttendance(
            session: "psc-3/2", participants: ["p4@example.org"], status: .late, walkIn: false)
        #expect(result.event.code == "psc-03")
        #expect(try test.db.statistics(StatsScope(events: ["psc-3"]), by: []).events.map(\.code) == ["psc-03"])

        // And nothing else may take the old code, nor another event's code
        expectConveneError(where: { $0 == .duplicate(kind: "former code of event psc-03", key: "psc-3") }) {
            try test.db.addEvent(
                .init(code: "psc-3", title: "X", kind: .meeting, startDate: CalendarDate(iso: "2024-02-01")!))
        }
        expectConveneError(where: { $0 == .duplicate(kind: "former code of event psc-03", key: "PSC-3") }) {
            try test.db.addSession(.init(event: "psc-4", title: "X", code: "PSC-3"))
        }
        var taken = EventChanges()
        taken.code = "psc-4"
        expectConveneError(where: { $0 == .duplicate(kind: "event with code", key: "psc-4") }) {
            try test.db.editEvent("tr-1", taken)
        }

        // And going back to the old code makes it the code again, not an alias
        var back = EventChanges()
        back.code = "psc-3"
        let reverted = try test.db.editEvent("psc-03", back)
        #expect(reverted.formerCode == "psc-03")
        let aliases = try test.db.read { db in try EventAlias.fetchAll(db).map(\.code) }
        #expect(aliases == ["psc-03"])
    }

    @Test("a corrected time zone keeps sessions at the local times typed; the default session follows the title")
    func eventZoneAndTitle() throws {
        // Given psc-3 typed in WIB, which was really in Mataram (WITA)
        let test = try Self.fixture()
        var changes = EventChanges()
        changes.timeZone = "Asia/Makassar"
        changes.title = "Third PSC meeting (Mataram)"
        changes.venue = "Hotel Lombok Raya"
        changes.city = ""
        let edit = try test.db.editEvent("psc-3", changes)
        #expect(edit.sessionsMoved == 2)
        #expect(edit.event.city == nil)
        #expect(edit.changes.map(\.field) == ["title", "venue", "city", "time zone"])

        // Then the plenary is still 09:00, now 09:00 WITA (01:00 UTC)
        let (event, sessions) = try test.db.sessions(ofEvent: "psc-3")
        let start = try #require(sessions.first?.session.startsAt)
        #expect(LocalTime.format(start, in: event.zone, withZone: true) == "2024-01-09 09:00 WITA")
        #expect(start == Date(timeIntervalSince1970: 1_704_762_000))

        // And psc-4's placeholder session carries the event's new title
        var retitle = EventChanges()
        retitle.title = "Fourth PSC meeting"
        _ = try test.db.editEvent("psc-4", retitle)
        #expect(try test.db.sessions(ofEvent: "psc-4").1.map(\.session.title) == ["Fourth PSC meeting"])
    }

    // MARK: - Statistics: unmoved by what should not move them, moved exactly by what should

    @Test("edits of titles, venues, codes, rooms and chairs leave every figure as it was")
    func statisticsUnchanged() throws {
        let test = try Self.fixture()
        let before = try allStatistics(test.db)
        let psc3Before = try allStatistics(test.db, StatsScope(events: ["psc-3"]))
        var changes = EventChanges()
        changes.title = "The third PSC meeting"
        changes.venue = "Gedung Pancasila"
        changes.language = .id
        _ = try test.db.editEvent("psc-3", changes)
        var recode = EventChanges()
        recode.code = "tot-1"
        _ = try test.db.editEvent("tr-1", recode)
        _ = try test.db.editSession(
            "psc-3/1", SessionChanges(title: "Opening plenary", room: "Ruang A", chair: "Kemlu"))
        _ = try test.db.register(["p1@example.org", "p3@example.org"], forEvent: "psc-4", role: nil)

        // Only titles and codes appear in the statistics, as labels and keys.
        func relabel(_ line: String) -> String {
            line.replacingOccurrences(of: "Third PSC meeting", with: "The third PSC meeting")
                .replacingOccurrences(of: "psc-3/1 Plenary", with: "psc-3/1 Opening plenary")
                .replacingOccurrences(of: "tr-1", with: "tot-1")
        }
        #expect(try allStatistics(test.db) == before.map(relabel))
        #expect(try allStatistics(test.db, StatsScope(events: ["psc-3"])) == psc3Before.map(relabel))
    }

    @Test("moving an event's date moves it into a date scope: exactly its people and marks are added")
    func statisticsMovedByDate() throws {
        // Given the scope from 1 September 2024: psc-4 only (P1, P3, P6 present; P1, P3, P4, P6 registered)
        let test = try Self.fixture()
        let scope = StatsScope(from: CalendarDate(iso: "2024-09-01"))
        let before = try test.db.statistics(scope, by: [.gender])
        #expect(before.events.map(\.code) == ["psc-4"])
        #expect((before.registered, before.participants, before.attendances) == (4, 3, 3))

        // When tr-1 (P5 and P6 present) turns out to have been on 2 September
        var changes = EventChanges()
        changes.startDate = CalendarDate(iso: "2024-09-02")
        _ = try test.db.editEvent("tr-1", changes)

        // Then (by hand) P5 joins: 5 registered, 4 participants, 5 attendances, one more undisclosed
        let after = try test.db.statistics(scope, by: [.gender])
        #expect(after.events.map(\.code) == ["tr-1", "psc-4"])
        #expect((after.registered, after.participants, after.attendances) == (5, 4, 5))
        #expect(after.breakdowns[.gender]?.map(\.count) == [2, 1, 1, 0])
        #expect(after.breakdowns[.gender]?.map(\.key) == ["female", "male", "undisclosed", "other"])
        #expect(after.ministries == before.ministries)
    }

    // MARK: - Sessions

    @Test("a session's time, room and title are corrected; a new start renumbers; bad times are refused")
    func sessionEdit() throws {
        let test = try Self.fixture()
        // When the workplan session really started before the plenary
        let edit = try test.db.editSession(
            "psc-3/2", SessionChanges(start: "08:00", end: "08:45", room: "Ruang Nusantara"))
        #expect(edit.referenceBefore == "psc-3/2")
        #expect(edit.reference == "psc-3/1")
        #expect(edit.changes.map(\.field) == ["start", "end", "room"])
        #expect(edit.changes.first?.new == "2024-01-09 08:00")
        #expect(try test.db.sessions(ofEvent: "psc-3").1.map(\.session.title) == ["Workplan", "Plenary"])

        // Then times outside the event, an end before the start, or an end without a start are refused
        let before = try databaseRows(test.db)
        expectConveneError(where: { if case .invalidInput(let t) = $0 { t.contains("outside") } else { false } }) {
            try test.db.editSession("psc-3/1", SessionChanges(start: "2024-01-10 09:00", end: "10:00"))
        }
        expectConveneError(where: {
            if case .invalidInput(let t) = $0 { t.contains("before the start") } else { false }
        }) {
            try test.db.editSession("psc-3/1", SessionChanges(end: "07:00"))
        }
        expectConveneError(where: { if case .invalidInput(let t) = $0 { t.hasPrefix("--end") } else { false } }) {
            try test.db.editSession("psc-4/1", SessionChanges(end: "10:00"))
        }
        #expect(try databaseRows(test.db) == before)

        // And an edited default session is the event's own: a session added later does not replace it
        _ = try test.db.editSession("psc-4", SessionChanges(room: "Ruang Garuda"))
        _ = try test.db.addSession(.init(event: "psc-4", title: "Closing", start: "16:00"))
        #expect(try test.db.sessions(ofEvent: "psc-4").1.count == 2)
    }

    @Test("removing a session: refused while it holds marks; --force says how many go, and they go")
    func sessionRemove() throws {
        let test = try Self.fixture()
        _ = try test.db.addAction(.init(event: "psc-3", text: "Circulate the workplan", session: "psc-3/2"))
        _ = try test.db.addDecision(event: "psc-3", session: "psc-3/2", text: "The workplan is endorsed.")
        let before = try databaseRows(test.db)
        let statsBefore = try test.db.statistics(StatsScope(), by: [.session])

        // psc-3/2 holds three marks: P1 left early, P2 and P5 present
        #expect(throws: ConveneError.sessionHasMarks(session: "psc-3/2", marks: 3)) {
            try test.db.removeSession("psc-3/2", force: false)
        }
        let dry = try test.db.removeSession("psc-3/2", force: true, dryRun: true)
        #expect((dry.marks, dry.attendances, dry.actionsUnlinked, dry.decisionsUnlinked) == (3, 3, 1, 1))
        #expect(try databaseRows(test.db) == before)

        let removal = try test.db.removeSession("psc-3/2", force: true)
        #expect(removal.reference == "psc-3/2" && removal.marks == 3 && !removal.defaultSessionAdded)

        // Then (by hand) P5 attended only there at psc-3 but also tr-1: participants stay 6;
        // attendances drop by exactly 3; the action and decision stay with the event
        let after = try test.db.statistics(StatsScope(), by: [.session])
        #expect(after.participants == statsBefore.participants)
        #expect(after.attendances == statsBefore.attendances - 3)
        #expect(after.breakdowns[.session]?.map(\.key).contains("psc-3/2") == false)
        #expect(try test.db.actions(ActionFilter(event: "psc-3"), today: CalendarDate(iso: "2024-03-01")!).count == 1)
        #expect(try test.db.decisions(event: "psc-3").map(\.sessionReference) == [nil])

        // And an event's only session gives way to a default session again
        let last = try test.db.removeSession("psc-4/1", force: true)
        #expect(last.defaultSessionAdded && last.marks == 3)
        let (_, sessions) = try test.db.sessions(ofEvent: "psc-4")
        #expect(sessions.map(\.session.isDefault) == [true])
        #expect(try test.db.check().isHealthy)
    }

    // MARK: - Registrations and marks

    @Test("a cancelled registration keeps its history and stops counting as registered")
    func cancelRegistration() throws {
        // Given P7, registered at psc-3 and marked absent
        let test = try Self.fixture()
        let before = try test.db.statistics(StatsScope(), by: [.gender])

        let result = try test.db.cancelRegistrations(["p7@example.org"], forEvent: "psc-3")
        #expect(result.outcomes.map(\.outcome) == [.cancelled])
        #expect(result.outcomes.map(\.keptMarks) == [1])

        // Then registered drops by exactly one, nothing else moves
        let after = try test.db.statistics(StatsScope(), by: [.gender])
        #expect(after.registered == before.registered - 1)
        #expect(fingerprint(after).dropFirst(2) == fingerprint(before).dropFirst(2))
        #expect(try test.db.eventSummary("psc-3").registered == 6)

        // And the registration is still there, cancelled, with its role and the absent mark
        let rows = try test.db.participants(event: "psc-3")
        let p7 = try #require(rows.first { $0.participant.email == "p7@example.org" })
        #expect(p7.registrationStatus == .cancelled && p7.role == .participant)
        #expect(try test.db.sessions(ofEvent: "psc-3").1.first?.marked == 6)

        // And cancelling again says so; registering again reinstates with the role kept
        #expect(
            try test.db.cancelRegistrations(["p7@example.org"], forEvent: "psc-3").outcomes.map(\.outcome) == [
                .alreadyCancelled
            ])
        let again = try test.db.register(["p7@example.org"], forEvent: "psc-3", role: nil)
        #expect(again.outcomes.map(\.outcome) == [.reinstated])
        #expect(try allStatistics(test.db) == allStatisticsOfFixture())
    }

    func allStatisticsOfFixture() throws -> [String] { try allStatistics(try Self.fixture().db) }

    @Test("cancelling someone who attended, or who is not registered, is refused and changes nothing")
    func cancelRefused() throws {
        let test = try Self.fixture()
        let before = try databaseRows(test.db)
        #expect(throws: ConveneError.attendedEvent(participant: "p2@example.org", event: "psc-3", sessions: 2)) {
            try test.db.cancelRegistrations(["p7@example.org", "p2@example.org"], forEvent: "psc-3")
        }
        expectConveneError(where: { if case .notFound(kind: "registration", _, _) = $0 { true } else { false } }) {
            try test.db.cancelRegistrations(["p7@example.org", "p2@example.org"], forEvent: "tr-1")
        }
        #expect(try databaseRows(test.db) == before)
    }

    @Test("registering again keeps the role unless one is given")
    func roleKeptOrChanged() throws {
        let test = try Self.fixture()
        let kept = try test.db.register(["p1@example.org"], forEvent: "psc-3", role: nil)
        #expect(kept.outcomes.map(\.outcome) == [.alreadyRegistered])
        #expect(kept.outcomes.map(\.role) == [.coChair])
        let changed = try test.db.register(["p1@example.org"], forEvent: "psc-3", role: .chair)
        #expect(changed.outcomes.map(\.outcome) == [.roleChanged(from: .coChair)])
        let roles = try test.db.statistics(StatsScope(events: ["psc-3"]), by: [.role]).breakdowns[.role]
        #expect(roles?.first { $0.key == "chair" }?.count == 1)
        #expect(roles?.contains { $0.key == "co-chair" } == false)
    }

    @Test("undo removes a mistaken mark: statistics move by exactly that mark; a missing mark removes nothing")
    func undoMark() throws {
        // Given P4 (Kemnaker), whose only attendance is present at psc-3/1
        let test = try Self.fixture()
        let before = try test.db.statistics(StatsScope(), by: [.ministry])

        // When a name that has no mark there is among those named, nothing is removed
        let rows = try databaseRows(test.db)
        #expect(throws: ConveneError.notMarked(participants: ["p5@example.org"], session: "psc-3/1")) {
            try test.db.undoAttendance(session: "psc-3/1", participants: ["p4@example.org", "p5@example.org"])
        }
        #expect(
            try test.db.undoAttendance(session: "psc-3/1", participants: ["p4@example.org"], dryRun: true)
                .removed.count == 1)
        #expect(try databaseRows(test.db) == rows)

        // When the mark goes
        let undo = try test.db.undoAttendance(session: "psc-3/1", participants: ["p4@example.org"])
        #expect(undo.removed.map(\.status) == [.present])
        #expect(undo.walkInsStillRegistered.isEmpty)

        // Then (by hand) one participant, one attendance and Kemnaker go; P4 stays registered
        let after = try test.db.statistics(StatsScope(), by: [.ministry])
        #expect(after.participants == before.participants - 1)
        #expect(after.attendances == before.attendances - 1)
        #expect(after.registered == before.registered)
        #expect(after.ministries == before.ministries - 1)
        #expect(after.breakdowns[.ministry]?.contains { $0.key == "Kemnaker" } == false)
    }

    @Test("undoing a walk-in's only mark says they are still registered")
    func undoWalkIn() throws {
        let test = try Self.fixture()
        _ = try test.db.markAttendance(
            session: "tr-1", participants: ["p7@example.org"], status: .present, walkIn: true)
        let undo = try test.db.undoAttendance(session: "tr-1", participants: ["p7@example.org"])
        #expect(undo.walkInsStillRegistered.map(\.email) == ["p7@example.org"])
    }
}
