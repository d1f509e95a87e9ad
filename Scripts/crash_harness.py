#!/usr/bin/env python3
"""Crash safety: SIGKILL a large import at many moments spread over its run.

After every kill the database must pass PRAGMA integrity_check and foreign_key_check,
pass `convene check`, and hold all of the import or none of it — never part.

Usage: Scripts/crash_harness.py            reduced scale for CI (5,000 rows, 20 kills)
       Scripts/crash_harness.py --full     50,000 rows, 40 kills
Options: --rows N --kills K --binary PATH --release
"""
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

from harness_common import convene_binary, make_registrations, parser_with_common_options, run


def counts(path):
    connection = sqlite3.connect(path)
    try:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        foreign_keys = connection.execute("PRAGMA foreign_key_check").fetchall()
        people = connection.execute("SELECT COUNT(*) FROM participant").fetchone()[0]
        registrations = connection.execute("SELECT COUNT(*) FROM registration").fetchone()[0]
        organisations = connection.execute("SELECT COUNT(*) FROM organisation").fetchone()[0]
        return integrity, foreign_keys, (people, registrations, organisations)
    finally:
        connection.close()


def copy_database(source, target):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(target + suffix):
            os.remove(target + suffix)
    shutil.copyfile(source, target)


def main():
    parser = parser_with_common_options(__doc__)
    parser.add_argument("--rows", type=int)
    parser.add_argument("--kills", type=int)
    args = parser.parse_args()
    rows = args.rows or (50_000 if args.full else 5_000)
    kills = args.kills or (40 if args.full else 20)
    binary = convene_binary(args.binary, args.release)
    work = tempfile.mkdtemp(prefix="convene-crash-")
    try:
        csv_path = os.path.join(work, "registrations.csv")
        make_registrations(rows, csv_path)
        base = os.path.join(work, "base.sqlite")
        run(binary, base, "init")
        run(binary, base, "event", "add", "--code", "big", "--kind", "training", "--title", "Big import", "--start", "2024-08-05")
        run(binary, base, "participant", "add", "--name", "Already Here", "--email", "here@example.org")
        _, _, before = counts(base)

        # A full run on a copy: its duration spreads the kills, its result is "all".
        trial = os.path.join(work, "trial.sqlite")
        copy_database(base, trial)
        started = time.monotonic()
        run(binary, trial, "import", "registrations", "--event", "big", csv_path)
        duration = time.monotonic() - started
        _, _, after = counts(trial)
        if after[0] != before[0] + rows or after[1] != before[1] + rows:
            sys.exit(f"the uninterrupted import did not add {rows} people: {before} → {after}")
        print(f"uninterrupted import of {rows:,} rows: {duration:.2f} s ({rows / duration:,.0f} rows/s)")

        outcomes = {"none": 0, "all": 0}
        failures = []
        finished_early = 0
        mid_write = 0
        for index in range(kills):
            # Spread over 90% of the measured run: later kills mostly find the process done.
            delay = duration * 0.9 * (index + 0.5) / kills
            copy_database(base, trial)
            process = subprocess.Popen([binary, "--db", trial, "import", "registrations", "--event", "big", csv_path],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            if process.poll() is None:
                wal = trial + "-wal"
                # Opening writes a few frames (~12 KB); past 64 KiB the import's own uncommitted
                # pages are spilling into the WAL: the kill lands inside its transaction.
                if os.path.exists(wal) and os.path.getsize(wal) > 64 * 1024:
                    mid_write += 1
                process.send_signal(signal.SIGKILL)
            else:
                finished_early += 1
            process.wait()
            integrity, foreign_keys, state = counts(trial)
            check = subprocess.run([binary, "--db", trial, "check"], capture_output=True, text=True)
            if state == before:
                outcome = "none"
            elif state[0] == before[0] + rows and state[1] == before[1] + rows:
                outcome = "all"
            else:
                outcome = f"PARTIAL {state}"
            ok = integrity == ["ok"] and not foreign_keys and check.returncode == 0 and outcome in outcomes
            if ok:
                outcomes[outcome] += 1
            else:
                failures.append(f"kill {index + 1} at {delay:.2f} s: integrity={integrity[:3]} fk={len(foreign_keys)} "
                                f"check={check.returncode} outcome={outcome}")
        survived = kills - len(failures)
        print(f"kills survived: {survived}/{kills} (none of the import: {outcomes['none']}, all of it: {outcomes['all']}; "
              f"{mid_write} killed while the transaction was writing to the WAL; {finished_early} finished before their kill)")
        for failure in failures:
            print("FAILED", failure)
        print(f"{survived} passed, {len(failures)} failed")
        sys.exit(1 if failures else 0)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
