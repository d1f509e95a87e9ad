#!/usr/bin/env python3
"""Loads Fixtures/demo into a temporary database by replaying programme.json with the
convene CLI, then compares Convene's figures (`stats --format json`, the matters arising
in PSC-3's minutes, the organisations it ended up with) with the figures the generator
computed on its own. Prints both; exits 1 on any mismatch, 2 when a step fails.

    python3 Scripts/verify_demo.py --binary .build/debug/convene [--fixtures DIR] [--keep FILE]

Timing: every step is one process, so the load time printed includes a process start per
step; the import lines time the imports alone (one process each), which is what a loader
running in-process pays.
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class StepFailed(Exception):
    pass


class Loader:
    def __init__(self, binary, db, fixtures, quiet):
        self.binary, self.db, self.fixtures, self.quiet = binary, db, fixtures, quiet
        self.actions = {}  # the fixture's key -> Convene's short id
        self.timings = []  # (kind, label, seconds, cpu seconds)
        self.imports = []  # (file, seconds, summary, cpu seconds)
        self.cpu = 0.0  # CPU time of the last command
        self.skipped_updates = []
        self.date_supported = None

    def convene(self, *args, check=True):
        command = [self.binary, "--db", str(self.db), *args]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        # CPU time barely changes when other processes share the machine; wall time does.
        self.cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        if check and done.returncode != 0:
            raise StepFailed("%s\nexit %d: %s%s" % (" ".join(args[:3]), done.returncode, done.stderr.strip(),
                                                    ("\n" + done.stdout.strip()) if done.stdout.strip() else ""))
        return done, elapsed

    def step(self, step):
        (kind, body), = step.items()
        if kind == "event":
            args = ["event", "add", "--code", body["code"], "--kind", body["kind"], "--title", body["title"],
                    "--start", body["start"], "--lang", body["lang"]]
            if "series" in body:
                args += ["--series", body["series"], "--number", str(body["number"])]
            for key in ("end", "venue", "city", "timezone"):
                if key in body:
                    args += ["--" + key, body[key]]
            label = body["code"]
        elif kind == "session":
            args = ["session", "add", "--event", body["event"], "--title", body["title"], "--start", body["start"],
                    "--end", body["end"]]
            for key in ("room", "chair"):
                if key in body:
                    args += ["--" + key, body[key]]
            label = "%s: %s" % (body["event"], body["title"][:40])
        elif kind == "import":
            path = self.fixtures / body["file"]
            args = ["import", body["kind"], str(path), "--format", "json"]
            if body["kind"] == "registrations":
                args += ["--event", body["event"]]
            if "session" in body:
                args += ["--session", body["session"]]
            for header, field in body.get("map", {}).items():
                args += ["--map", "%s=%s" % (header, field)]
            if body.get("skip_invalid"):
                args.append("--skip-invalid")
            done, elapsed = self.convene(*args)
            summary = json.loads(done.stdout)
            self.imports.append((body["file"], elapsed, summary, self.cpu))
            self.timings.append((kind, body["file"], elapsed, self.cpu))
            return
        elif kind == "register":
            args = ["register", "--event", body["event"], "--role", body["role"], *body["people"]]
            label = "%s %s ×%d" % (body["event"], body["role"], len(body["people"]))
        elif kind == "attend":
            args = ["attend", "--session", body["session"], "--status", body["status"], *body["people"]]
            label = "%s %s ×%d" % (body["session"], body["status"], len(body["people"]))
        elif kind == "action":
            args = ["action", "add", "--event", body["event"]]
            if "session" in body:
                args += ["--session", body["session"]]
            for owner in body["owners"]:
                args += ["--owner", owner]
            args += ["--due", body["due"], body["text"]]
            done, elapsed = self.convene(*args)
            found = re.search(r"Added action ([0-9a-f]+)", done.stdout)
            if not found:
                raise StepFailed("action add printed no id: %r" % done.stdout)
            self.actions[body["key"]] = found.group(1)
            self.timings.append((kind, body["key"], elapsed, self.cpu))
            return
        elif kind == "action_update":
            args = ["action", "update", self.actions[body["action"]], "--status", body["status"]]
            if "note" in body:
                args += ["--note", body["note"]]
            if self.date_supported is False:
                self.skipped_updates.append(body)
                return
            done, elapsed = self.convene(*args, "--date", body["date"], check=False)
            if done.returncode == 64 and "--date" in done.stderr:
                self.date_supported = False
                self.skipped_updates.append(body)
                print("warning: this convene has no `action update --date`; skipping the dated status updates "
                      "(matters arising cannot be checked)", file=sys.stderr)
                return
            if done.returncode != 0:
                raise StepFailed("action update %s: exit %d: %s" % (body["action"], done.returncode,
                                                                     done.stderr.strip()))
            self.date_supported = True
            self.timings.append((kind, body["action"], elapsed, self.cpu))
            return
        elif kind == "decision":
            args = ["decision", "add", "--event", body["event"]]
            if "session" in body:
                args += ["--session", body["session"]]
            args.append(body["text"])
            label = body["event"]
        else:
            raise StepFailed("unknown step %r" % kind)
        _, elapsed = self.convene(*args)
        self.timings.append((kind, label, elapsed, self.cpu))


def stats(loader, *scope):
    done, _ = loader.convene("stats", *scope, "--format", "json")
    return json.loads(done.stdout)


def matters_arising(loader):
    done, _ = loader.convene("minutes", "--event", "psc-3")
    text = done.stdout
    start = text.find("## Matters arising")
    if start < 0:
        raise StepFailed("PSC-3's minutes have no 'Matters arising' section")
    end = text.find("\n## ", start + 1)
    section = text[start:end if end > 0 else len(text)]
    return len(re.findall(r"^\d+\. ", section, re.M))


def main():
    parser = argparse.ArgumentParser(description="Load Fixtures/demo with the convene CLI and check its figures.")
    parser.add_argument("--binary", required=True, help="the convene executable, e.g. .build/debug/convene")
    parser.add_argument("--fixtures", type=Path, default=ROOT / "Fixtures" / "demo")
    parser.add_argument("--keep", type=Path, help="copy the loaded database here")
    parser.add_argument("--quiet", action="store_true", help="print only the figures and the verdict")
    args = parser.parse_args()
    binary = shutil.which(args.binary) or os.path.abspath(args.binary)
    document = json.loads((args.fixtures / "programme.json").read_text(encoding="utf-8"))
    expected = document["expected"]

    workdir = Path(tempfile.mkdtemp(prefix="convene-demo-"))
    db = workdir / "demo.sqlite"
    loader = Loader(binary, db, args.fixtures, args.quiet)
    try:
        loader.convene("init")
        started = time.perf_counter()
        for number, step in enumerate(document["steps"], 1):
            try:
                loader.step(step)
            except StepFailed as failure:
                print("step %d (%s) failed: %s" % (number, next(iter(step)), failure), file=sys.stderr)
                return 2
        load = time.perf_counter() - started

        rows = []  # (figure, expected, convene)
        for code, want in expected["events"].items():
            got = stats(loader, "--event", code)
            for key in ("registered", "participants", "women", "attendances", "ministries", "organisations"):
                rows.append(("%s %s" % (code, key), want[key], got[key]))
        got = stats(loader)
        want = expected["programme"]
        for key, theirs in (("reach", "participants"), ("women", "women"), ("attendances", "attendances"),
                            ("registered", "registered"), ("ministries", "ministries"),
                            ("organisations", "organisations")):
            rows.append(("programme %s" % key, want[key], got[theirs]))
        share = got["women_share"]
        arising = matters_arising(loader)
        if loader.skipped_updates:
            rows.append(("psc-3 matters arising (not checked: updates undated)", expected["psc3_matters_arising"],
                         arising))
        else:
            rows.append(("psc-3 matters arising", expected["psc3_matters_arising"], arising))

        organisations = json.loads(loader.convene("org", "list", "--format", "json")[0].stdout)
        review = loader.convene("org", "review")[0].stdout
        suggestions = [line for line in review.splitlines() if "did you mean" in line]
        waiting = re.search(r"^(\d+) to review", review, re.M)
        waiting = int(waiting.group(1)) if waiting else 0
        # What a loader running in-process would not pay: a process start and database open
        # per step (timed with `event list`), and the directory's parse per import (`org directory`).
        # What a loader running in-process would not pay: a process start and database open
        # per step (`event list`), and the directory's parse per import (`org directory`), in CPU time.
        start = min(cpu_of(loader, "event", "list") for _ in range(5))
        directory = max(0.0, min(cpu_of(loader, "org", "directory", "--format", "csv") for _ in range(3)) - start)
        names = [o["name"].lower() for o in organisations]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        unmatched = [o["name"] for o in organisations if o["type"] == "other"]

        if args.keep:
            shutil.copyfile(db, args.keep)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    mismatches = [r for r in rows if r[1] != r[2] and "not checked" not in r[0]]
    width = max(len(r[0]) for r in rows)
    print("%-*s  %9s  %9s" % (width, "figure", "expected", "convene"))
    for figure, want, got in rows:
        mark = "" if want == got else ("   (skipped)" if "not checked" in figure else "   MISMATCH")
        print("%-*s  %9s  %9s%s" % (width, figure, want, got, mark))
    print()
    print("Programme: %d people reached, %d women (%.1f%%); published: %d, %d%%." % (
        got_reach(rows), got_women(rows), share, document["programme"]["published"]["reach"],
        document["programme"]["published"]["women_percent"]))
    print("Organisations: %d in the database (%d top-level); %d created by imports await review, %d of them "
          "with a suggestion; %d of type other (%s); duplicate names: %s." % (
              len(organisations), sum(1 for o in organisations if not o["parent"]), waiting, len(suggestions),
              len(unmatched), ", ".join(unmatched) or "none", ", ".join(duplicates) or "none"))
    for line in suggestions:
        print("  " + line.strip())

    imports = loader.imports
    outreach = [i for i in imports if i[0].startswith("daftar-hadir-sos-")]
    if not args.quiet:
        print()
        print("%-44s %5s %5s %6s %6s %5s %6s %6s" % ("import", "rows", "new", "marked", "reject", "flags", "wall s",
                                                     "cpu s"))
        for name, seconds, summary, cpu in imports:
            print("%-44s %5d %5d %6d %6d %5d %6.3f %6.3f" % (
                name, summary["rows_read"], summary["new_participants"], summary["attendance_marked"],
                summary["rejected"], summary["flagged"], seconds, cpu))
        kinds = {}
        for _, _, summary, _ in imports:
            for flag in summary["flags"]:
                kinds[flag["message"]] = kinds.get(flag["message"], 0) + 1
        print()
        print("Flags raised by the imports:")
        for kind, count in sorted(kinds.items(), key=lambda item: -item[1]):
            print("  %5d  %s" % (count, kind))
        print()
        print("%-14s %5s %8s %8s" % ("step", "count", "wall s", "cpu s"))
        for kind in ("event", "session", "import", "register", "attend", "action", "action_update", "decision"):
            mine = [t for t in loader.timings if t[0] == kind]
            if mine:
                print("%-14s %5d %8.2f %8.2f" % (kind, len(mine), sum(t[2] for t in mine), sum(t[3] for t in mine)))

    def total(items, column):
        return sum(item[column] for item in items)

    rows_read = sum(i[2]["rows_read"] for i in outreach)
    steps, n_imports = len(loader.timings), len(imports)
    cpu = total(loader.timings, 3)
    estimate = cpu - steps * start - n_imports * directory
    import_estimate = total(imports, 3) - n_imports * (start + directory)
    outreach_estimate = total(outreach, 3) - len(outreach) * (start + directory)
    print()
    print("Load: %d steps, %.2f s wall, %.2f s CPU, one process each. Imports: %d files, %.2f s wall, %.2f s CPU; "
          "the %d village sheets (%d rows) %.2f s wall, %.2f s CPU." % (
              steps, load, cpu, n_imports, total(imports, 1), total(imports, 3), len(outreach), rows_read,
              total(outreach, 1), total(outreach, 3)))
    print("In-process estimate (CPU, less %.3f s a process start and open per step and %.3f s a directory parse "
          "per import): %.2f s in all, imports %.2f s, village sheets %.2f s (%.2f ms a row)." % (
              start, directory, estimate, import_estimate, outreach_estimate,
              1000 * outreach_estimate / max(1, rows_read)))
    if loader.skipped_updates:
        print("Skipped %d dated action updates: this convene has no `action update --date`." %
              len(loader.skipped_updates))
    if mismatches or suggestions or duplicates:
        print("FAILED: %d figure(s) differ%s%s." % (
            len(mismatches), "; organisation review has suggestions" if suggestions else "",
            "; duplicate organisation names" if duplicates else ""))
        return 1
    print("OK: every figure matches.")
    return 0


def cpu_of(loader, *args):
    loader.convene(*args)
    return loader.cpu


def got_reach(rows):
    return next(r[2] for r in rows if r[0] == "programme reach")


def got_women(rows):
    return next(r[2] for r in rows if r[0] == "programme women")


if __name__ == "__main__":
    sys.exit(main())
