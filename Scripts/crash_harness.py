#!/usr/bin/env python3
"""Crash safety: SIGKILL a large import at many moments spread over its run.

After every kill the database must pass PRAGMA integrity_check and foreign_key_check,
pass `convene check`, and hold all of the import or none of it — never part.

A run where every kill lands before the import starts writing or after it commits would
pass those checks without testing anything, so the harness also records, for each kill,
whether the import had begun writing (its -wal file had grown past the size it has while
the file is open but the import has not written: the pre-import size, measured on an
uninterrupted run), and fails unless at least --min-inside kills left none of the import
after it had begun writing, that is, landed inside its transaction. Most kills are spread
over the measured run time; a quarter wait until the WAL has grown to a share of its
uninterrupted peak, so some land inside the transaction however fast the machine is.
At CI scale the kills by time are thinned, never below 5, when a slow import would
make them take longer than --budget seconds (40).

Usage: Scripts/crash_harness.py            reduced scale for CI (5,000 rows, 20 kills)
       Scripts/crash_harness.py --full     50,000 rows, 40 kills
Options: --rows N --kills K --min-inside M --budget SECONDS --binary PATH --release
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

from harness_common import (convene_binary, kill_when, make_registrations, parser_with_common_options,
                            resting_size, run, watch)


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
    parser.add_argument("--min-inside", type=int, default=2,
                        help="kills that must land inside the import's transaction (default 2)")
    parser.add_argument("--budget", type=float,
                        help="seconds the kills may take (default 40 at CI scale; none with --full or --kills; 0: none)")
    args = parser.parse_args()
    rows = args.rows or (50_000 if args.full else 5_000)
    kills = args.kills or (40 if args.full else 20)
    budget = args.budget if args.budget is not None else (None if args.full or args.kills else 40.0)
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
        command = [binary, "--db", None, "import", "registrations", "--event", "big", csv_path]

        def start(path):
            return subprocess.Popen([path if part is None else part for part in command],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        # A full run on a copy: its duration spreads the kills, its result is "all", and the
        # WAL sizes seen during it give the pre-import size (held while the file is open and
        # the rows are read, before any page of the import reaches the log) and the peak.
        trial = os.path.join(work, "trial.sqlite")
        copy_database(base, trial)
        started = time.monotonic()
        process = start(trial)
        samples = watch(process, trial + "-wal")
        duration = time.monotonic() - started
        sizes = [size for _, size in samples]
        if process.returncode != 0:
            sys.exit(f"the uninterrupted import failed with exit code {process.returncode}")
        _, _, after = counts(trial)
        if after[0] != before[0] + rows or after[1] != before[1] + rows:
            sys.exit(f"the uninterrupted import did not add {rows} people: {before} → {after}")
        peak = max(sizes, default=0)
        # Before the import writes, the log holds what opening the file left in it: nothing
        # (absent or empty) since a command opens one connection that writes nothing first.
        # So the resting size is taken over the samples before the peak, empty ones included.
        first_peak = next((index for index, size in enumerate(sizes) if size == peak), 0)
        pre_import = resting_size(sizes[:first_peak], count_empty=True)
        print(f"uninterrupted import of {rows:,} rows: {duration:.2f} s ({rows / duration:,.0f} rows/s); "
              f"WAL {pre_import:,} bytes before the import writes, {peak:,} at its peak")
        if peak <= pre_import:
            sys.exit("the WAL never grew past its pre-import size during the uninterrupted import, so no kill "
                     "can be shown to land inside the transaction; raise --rows")

        # Kills by time spread over a little more than the measured run (the last ones may find
        # the import committed or done); kills by WAL size at shares of its growth up to half
        # the peak: the import's uncommitted pages spill into the WAL well before the commit.
        by_wal = max(1, kills // 4)
        by_time = kills - by_wal
        targets = [pre_import + int((peak - pre_import) * 0.5 * (index + 1) / (by_wal + 1)) for index in range(by_wal)]

        def delays(count):
            return [duration * 1.1 * (index + 0.5) / count for index in range(count)]

        if budget:
            # What one kill costs besides its wait (a copy, the checks), and when the WAL
            # reached each target in the uninterrupted run.
            timer = time.monotonic()
            copy_database(base, trial)
            counts(trial)
            subprocess.run([binary, "--db", trial, "check"], capture_output=True)
            overhead = time.monotonic() - timer
            reached = [next((t for t, size in samples if size > target), duration) for target in targets]
            wal_cost = sum(t + overhead for t in reached)
            wanted = by_time
            while by_time > 5 and wal_cost + sum(min(d, duration) + overhead for d in delays(by_time)) > budget:
                by_time -= 1
            if by_time < wanted:
                print(f"{by_time} kills by time instead of {wanted}, to stay within the {budget:.0f} s budget "
                      "(--budget 0 for all)")
        plan = [("time", delay) for delay in delays(by_time)] + [("wal", target) for target in targets]

        outcomes = {"none": 0, "all": 0}
        failures = []
        records = []
        for index, (trigger, value) in enumerate(plan):
            copy_database(base, trial)
            process = start(trial)
            if trigger == "time":
                killed, wal, _ = kill_when(process, trial + "-wal", after=value)
                moment = f"at {value:.2f} s"
            else:
                killed, wal, _ = kill_when(process, trial + "-wal", wal_above=value)
                moment = f"at WAL > {value / 1024:,.0f} KiB"
            began = killed and wal > pre_import
            integrity, foreign_keys, state = counts(trial)
            check = subprocess.run([binary, "--db", trial, "check"], capture_output=True, text=True)
            if state == before:
                outcome = "none"
            elif state[0] == before[0] + rows and state[1] == before[1] + rows:
                outcome = "all"
            else:
                outcome = f"PARTIAL {state}"
            records.append({"killed": killed, "began": began, "outcome": outcome})
            ok = integrity == ["ok"] and not foreign_keys and check.returncode == 0 and outcome in outcomes
            if ok:
                outcomes[outcome] += 1
            else:
                failures.append(f"kill {index + 1} {moment}: integrity={integrity[:3]} fk={len(foreign_keys)} "
                                f"check={check.returncode} outcome={outcome}")
            if not killed:
                phase = "finished before the kill"
            elif outcome == "all":
                phase = f"killed with WAL {wal / 1024:,.0f} KiB, after the commit"
            else:
                phase = f"killed with WAL {wal / 1024:,.0f} KiB, " + ("import writing" if began else "import not yet writing")
            print(f"  kill {index + 1:2} {moment:>22}: {phase}; database holds {outcome} of the import")

        inside = sum(1 for r in records if r["began"] and r["outcome"] == "none")
        before_writing = sum(1 for r in records if r["killed"] and not r["began"] and r["outcome"] == "none")
        committed = sum(1 for r in records if r["killed"] and r["outcome"] == "all")
        finished = sum(1 for r in records if not r["killed"])
        survived = len(plan) - len(failures)
        print(f"kills survived: {survived}/{len(plan)} (none of the import: {outcomes['none']}, all of it: "
              f"{outcomes['all']}); {inside} landed inside the transaction (none kept after it began writing), "
              f"{before_writing} before it wrote, {committed} after it committed, {finished} finished before their kill")
        if inside < args.min_inside:
            failures.append(
                f"only {inside} kill(s) landed inside the import's transaction (need {args.min_inside}): every other "
                f"kill came before the import wrote to its WAL (past {pre_import:,} bytes) or after it committed, "
                "so this run did not test crash safety; raise --rows or --kills, or check that the import still "
                "writes in one transaction")
        for failure in failures:
            print("FAILED", failure)
        print(f"{survived} passed, {len(failures)} failed")
        sys.exit(1 if failures else 0)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
