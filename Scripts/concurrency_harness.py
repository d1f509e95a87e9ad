#!/usr/bin/env python3
"""Concurrent writers: several processes mark attendance in one database file at once
(a facilitator per room), then re-mark some people late, while another process runs
`convene stats` in a loop.

Every mark must be stored exactly once, re-marks must update (not duplicate), and no
process may fail — "database is locked" included.

Usage: Scripts/concurrency_harness.py           reduced scale for CI (4 writers × 250 people)
       Scripts/concurrency_harness.py --full    6 writers × 1,000 people
Options: --writers W --people P --batch B --binary PATH --release
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading

from harness_common import convene_binary, make_registrations, parser_with_common_options, run


def main():
    parser = parser_with_common_options(__doc__)
    parser.add_argument("--writers", type=int)
    parser.add_argument("--people", type=int)
    parser.add_argument("--batch", type=int, default=10)
    args = parser.parse_args()
    writers = args.writers or (6 if args.full else 4)
    people = args.people or (1_000 if args.full else 250)
    binary = convene_binary(args.binary, args.release)
    work = tempfile.mkdtemp(prefix="convene-concurrency-")
    try:
        db = os.path.join(work, "shared.sqlite")
        csv_path = os.path.join(work, "people.csv")
        make_registrations(people, csv_path)
        run(binary, db, "init")
        run(binary, db, "event", "add", "--code", "conc", "--kind", "symposium", "--title", "Concurrent rooms",
            "--start", "2024-09-24")
        for room in range(writers):
            run(binary, db, "session", "add", "--event", "conc", "--title", f"Room {room + 1}",
                "--start", f"{9 + room // 4}:{(room % 4) * 15:02d}", "--code", f"room-{room + 1}")
        run(binary, db, "import", "registrations", "--event", "conc", csv_path)
        emails = [f"person{i}@example.org" for i in range(people)]
        late = emails[: max(1, people // 10)]

        failures = []
        lock = threading.Lock()
        marks_sent = [0]

        def invoke(*arguments):
            result = subprocess.run([binary, "--db", db, *arguments], capture_output=True, text=True)
            if result.returncode != 0:
                with lock:
                    failures.append(f"{' '.join(arguments[:3])}…: exit {result.returncode}: {result.stderr.strip()[:200]}")
            return result

        def writer(room):
            session = f"room-{room + 1}"
            for start in range(0, people, args.batch):
                batch = emails[start:start + args.batch]
                if invoke("attend", "--session", session, "--by", f"facilitator-{room + 1}", *batch).returncode == 0:
                    with lock:
                        marks_sent[0] += len(batch)
            for start in range(0, len(late), args.batch):
                invoke("attend", "--session", session, "--status", "late", *late[start:start + args.batch])

        done = threading.Event()
        stats_runs = [0]
        seen = []

        def reader():
            while not done.is_set():
                result = invoke("stats", "--event", "conc", "--format", "json")
                if result.returncode == 0:
                    seen.append(json.loads(result.stdout)["attendances"])
                    stats_runs[0] += 1

        threads = [threading.Thread(target=writer, args=(room,)) for room in range(writers)]
        reader_thread = threading.Thread(target=reader)
        reader_thread.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        done.set()
        reader_thread.join()

        connection = sqlite3.connect(db)
        stored = connection.execute("SELECT COUNT(*) FROM attendance").fetchone()[0]
        duplicates = connection.execute(
            "SELECT COUNT(*) FROM (SELECT 1 FROM attendance GROUP BY sessionId, participantId HAVING COUNT(*) > 1)").fetchone()[0]
        late_stored = connection.execute("SELECT COUNT(*) FROM attendance WHERE status = 'late'").fetchone()[0]
        connection.close()
        expected = writers * people
        locked = sum("locked" in failure for failure in failures)
        monotonic = all(a <= b for a, b in zip(seen, seen[1:]))
        checks = [
            (f"every mark acknowledged ({marks_sent[0]}/{expected})", marks_sent[0] == expected),
            (f"every mark stored once ({stored}/{expected})", stored == expected),
            (f"no duplicated person × session marks ({duplicates})", duplicates == 0),
            (f"re-marks updated in place ({late_stored}/{writers * len(late)} late)", late_stored == writers * len(late)),
            ("stats never saw the count go down", monotonic),
            (f"no process failed ({len(failures)}; database is locked: {locked})", not failures),
        ]
        print(f"marks stored/sent: {stored}/{marks_sent[0]} ({writers} writer processes × {people} people, "
              f"batches of {args.batch}); re-marked late: {late_stored}; duplicates: {duplicates}")
        print(f"stats runs alongside: {stats_runs[0]}; failed processes: {len(failures)} (database is locked: {locked})")
        for name, ok in checks:
            print(("ok     " if ok else "FAILED ") + name)
        for failure in failures[:20]:
            print("  ", failure)
        failed = sum(not ok for _, ok in checks)
        print(f"{len(checks) - failed} passed, {failed} failed")
        sys.exit(1 if failed else 0)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
