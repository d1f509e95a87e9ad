#!/usr/bin/env python3
"""The benchmark that stays: Convene's everyday work at scale, each against its floor in the
same run. Run it through Scripts/benchmark.sh, which builds the release binary and installs
sqlite3 and GNU time when they are missing.

Usage: benchmark.py --binary PATH [--baseline-binary PATH] [--scale tiny|small|full] [--runs N]
                    [--out FILE] [--work DIR] [--keep]

Data is generated with a fixed seed (Scripts/bench_data.py): a Google Forms registration
export, Excel sign-in sheets per session, loaded through Convene's own `import registrations`
and `import attendance`. Every measured command runs under `/usr/bin/time -v` (max RSS, CPU);
wall time is this script's clock around it. Within a run, Convene and its floor (the same
work done by the sqlite3 CLI on the same file) alternate, so both see the same machine load.
A floor's figures are checked against Convene's (the counts of `stats --format json`, the rows
an import leaves); a floor that computes something else stops the benchmark (exit 1). No
timing is asserted: the table reports, the person reads.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_data as data  # noqa: E402

SEED = 20240709
SCALES = {
    # rows: registration rows (people ≈ prior + 0.9 × rows); marks: sign-in sheet marks in all.
    "tiny": dict(rows=200, prior=20, marks=600, events=3, sessions=2, growth=[100, 300], sheet=150, batch=50,
                 calls=2, meeting=30, runs=1),
    "small": dict(rows=10_000, prior=1_000, marks=100_000, events=20, sessions=6, growth=[1_000, 10_000, 100_000],
                  sheet=10_000, batch=1_000, calls=10, meeting=200, runs=3),
    "full": dict(rows=100_000, prior=10_000, marks=1_000_000, events=40, sessions=6,
                 growth=[10_000, 100_000, 1_000_000], sheet=100_000, batch=1_000, calls=10, meeting=200, runs=3),
}
# Growth inputs this size and larger are imported once per binary: they take minutes before any
# speed-up, and the import registrations row already takes medians at 100k.
ONCE_FROM = 100_000
ATTENDED = "'present','late','left-early'"
GROWTH_TARGET = 11.0  # the import's wall time per tenfold rows, at most (the performance issue)
UUID_SQL = ("lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' "
            "|| substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2) || '-' "
            "|| hex(randomblob(6)))")


def ordered_id_sql(counter):
    """A time-ordered (version 7) UUID in SQL, as Convene gives registrations and marks: the
    Unix time in milliseconds, then `counter` (26 bits, in the version 7 layout's rand_a and
    the bits after the variant), then 48 random bits. One statement sees one time, so the
    counter (a row number) keeps the ids in insert order, as the passing milliseconds do for
    Convene: each insert lands at the end of the id index, not on a random page of it."""
    ms = "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)"
    return (f"printf('%08x-%04x-7%03x-%x%03x-%s', {ms} >> 16, {ms} & 65535, (({counter}) >> 14) & 4095, "
            f"8 + ((({counter}) >> 12) & 3), ({counter}) & 4095, lower(hex(randomblob(6))))")


NOW_SQL = "strftime('%Y-%m-%d %H:%M:%f', 'now')"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "Scripts"))
import generate_embedded  # noqa: E402  (type_changes, the rule the binary embeds)
STARTED = time.monotonic()


LOAD = []  # the 1-minute load average at each step: the machine is shared, so the run says how busy it was


def load_average():
    try:
        with open("/proc/loadavg") as handle:
            return float(handle.read().split()[0])
    except OSError:
        return None


def log(message):
    load = load_average()
    if load is not None:
        LOAD.append(load)
    print(f"[{time.monotonic() - STARTED:7.1f} s, load {load}] {message}", file=sys.stderr, flush=True)


class Failure(Exception):
    """A command failed or a floor disagreed with Convene: the benchmark stops."""


# MARK: - Running and measuring

class Measure:
    def __init__(self, wall, cpu, rss_mb, out, err, code):
        self.wall, self.cpu, self.rss_mb, self.out, self.err, self.code = wall, cpu, rss_mb, out, err, code


def measured(command, stdin_text=None, check=True):
    """Runs `command` under `/usr/bin/time -v` (max RSS); wall time from this clock, CPU time
    (user + system, to the microsecond) from the kernel's accounting of the finished process."""
    with tempfile.NamedTemporaryFile("r", prefix="time-", suffix=".txt") as report, \
            tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(["/usr/bin/time", "-v", "-o", report.name, *command],
                                   stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL,
                                   stdout=out, stderr=err)
        if stdin_text is not None:
            process.stdin.write(stdin_text.encode())
            process.stdin.close()
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        text = report.read()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if check and process.returncode != 0:
        raise Failure(f"{' '.join(command[:6])} … exited {process.returncode}:\n{stderr.strip()[-2000:]}")
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return Measure(wall, usage.ru_utime + usage.ru_stime, int(found.group(1)) / 1024 if found else 0.0, stdout,
                   stderr, process.returncode)


def run(command, stdin_text=None):
    result = subprocess.run(command, input=stdin_text, capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"{' '.join(command[:8])} … exited {result.returncode}:\n{result.stderr.strip()[-2000:]}")
    return result.stdout


# Every floor runs on a connection set up as Convene sets up its own writer
# (AppDatabase.makeConfiguration): foreign keys checked, deleted content overwritten, up to
# 64 MiB of page cache; otherwise SQLite's defaults, as Convene has.
CONNECTION = ("PRAGMA foreign_keys = ON;\n.output /dev/null\nPRAGMA secure_delete = ON;\n"
              "PRAGMA cache_size = -65536;\n.output stdout\n")


def sql(db, script):
    """The sqlite3 CLI on `db`, tab-separated output, stopping at the first error."""
    return run(["sqlite3", "-bail", "-batch", "-tabs", db], ".bail on\n" + script)


def floor(db, script, tabs=False):
    """Measures the sqlite3 CLI running a floor's `script` on `db`, connected as Convene connects."""
    return measured(["sqlite3", "-bail", "-batch", *(["-tabs"] if tabs else []), db], stdin_text=CONNECTION + script)


def copy_db(source, target):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(target + suffix):
            os.remove(target + suffix)
    shutil.copyfile(source, target)


class Convene:
    """One binary and the databases it measures on (its own copies: a newer binary migrates them)."""

    def __init__(self, path, label, work):
        self.path, self.label = os.path.abspath(path), label
        self.dir = os.path.join(work, label)
        os.makedirs(self.dir, exist_ok=True)
        self.figures = {}

    def db(self, name):
        return os.path.join(self.dir, name)

    def __call__(self, db, *args):
        return run([self.path, "--db", db, *args])

    def measure(self, db, *args, check=True):
        return measured([self.path, "--db", db, *args], check=check)


# MARK: - Inputs and databases

class Inputs:
    """Every file the benchmark reads, generated once per run of the script."""

    def __init__(self, scale, work):
        self.scale, self.dir = scale, os.path.join(work, "inputs")
        os.makedirs(self.dir, exist_ok=True)
        s = SCALES[scale]
        log(f"generating {scale} inputs (seed {SEED})")
        rows = list(data.registration_rows(s["rows"], SEED, "p", prior=s["prior"]))
        pool = data.pool_of(SEED, "p", max(index for index, _ in rows) + 1)
        self.prior_csv = self.path("prior-registrations.csv")
        data.write_registrations(self.prior_csv, SEED, "p", data.registration_rows(s["prior"], SEED, "p"),
                                 day="3/1/2023", people=pool)
        self.rows = len(rows)
        self.repeats_prior = sum(1 for index, again in rows if index < s["prior"])
        self.repeats_file = sum(1 for index, again in rows if again)
        self.people = max(index for index, _ in rows) + 1
        # The forum's registered people, in the order they first registered.
        self.registered = list(dict.fromkeys(index for index, _ in rows))
        self.registration_csv = self.path("forum-registrations.csv")
        data.write_registrations(self.registration_csv, SEED, "p", rows, people=pool)
        self.events = data.programme(SEED, self.people, s["marks"], s["events"], s["sessions"])
        self.sheets = []  # (event, session number, path, marks)
        self.marks = 0
        for event in self.events:
            for session in range(1, event.sessions + 1):
                entries = list(data.sheet_entries(SEED, event, session, self.people, "p", "w",
                                                  walk_ins=max(1, event.attendees // 400)))
                path = self.path(f"daftar-hadir-{event.code}-{session}.csv")
                data.write_sheet(path, event.title, event.date, entries)
                self.sheets.append((event, session, path, len(entries)))
                self.marks += len(entries)
        # One session's sheet of the forum's registered people, and the people `attend` names.
        sheet_people = min(s["sheet"], len(self.registered))
        forum = data.Event("forum", "symposium", "Forum Nasional Migrasi", "2024-08-07", 1, sheet_people)
        draw = data.Draw(SEED, "forum-sheet")
        self.forum_sheet = self.path("daftar-hadir-forum.csv")
        self.forum_sheet_marks = sheet_people
        data.write_sheet(self.forum_sheet, forum.title, "Rabu, 7 Agustus 2024",
                         [(pool[i], data.ATTENDANCE_PICK.pick(draw.next())[0], True)
                          for i in self.registered[:sheet_people]])
        self.batch = [pool[i].email for i in self.registered[:s["batch"]]]
        meeting = data.Event("psc-3", "psc-meeting", "Rapat Komite Pengarah Program ke-3", "2024-01-09", 1,
                             s["meeting"])
        self.meeting_sheet = self.path("daftar-hadir-psc-3.csv")
        data.write_sheet(self.meeting_sheet, meeting.title, "Selasa, 9 Januari 2024",
                         [(data.Person(SEED, "m", i), "hadir", True) for i in range(s["meeting"])])
        self.growth = []
        for size in s["growth"]:
            path = self.path(f"growth-{size}.csv")
            data.write_registrations(path, SEED, f"g{size}-", data.registration_rows(size, SEED, f"g{size}-"))
            self.growth.append((size, path))
        log(f"inputs: {self.rows:,} registration rows ({self.repeats_prior:,} people already in the database, "
            f"{self.repeats_file:,} submitted twice), {self.people:,} people, {len(self.events)} events, "
            f"{len(self.sheets)} sign-in sheets with {self.marks:,} marks")

    def path(self, name):
        return os.path.join(self.dir, name)

    def single(self, k):
        """The k-th person `attend` marks one at a time (registered, never in the batch)."""
        return data.Person(SEED, "p", self.registered[-1 - k]).email


def build(convene, inputs, runs):
    """Builds, with Convene's own commands, the databases the rows measure on:
    base   the forum event and 10% of the people (an earlier event's registrations)
    full   base + the forum's registrations + the programme's events, sessions and marks
    small  one 200-person meeting with decisions and actions, for minutes and cold starts."""
    base = convene.db("base.sqlite")
    for db in (base, convene.db("small.sqlite")):
        if os.path.exists(db):
            os.remove(db)
    convene(base, "init")
    convene(base, "event", "add", "--code", "prior", "--kind", "meeting", "--title", "Rapat Persiapan",
            "--start", "2023-03-14")
    convene(base, "import", "registrations", "--event", "prior", inputs.prior_csv)
    convene(base, "event", "add", "--code", "forum", "--kind", "symposium", "--title", "Forum Nasional Migrasi",
            "--start", "2024-08-07", "--end", "2024-08-08")
    # Sessions the write rows mark into, one per run (codes, so no numbering is needed).
    codes = ["bench-single"] + [f"bench-{kind}-{r}" for kind in ("sheet", "sheetfloor", "marksfloor", "attend", "floor")
                                for r in range(runs)]
    for number, code in enumerate(codes):
        convene(base, "session", "add", "--event", "forum", "--title", code, "--code", code, "--start",
                f"2024-08-07 {8 + number // 6:02d}:{number % 6 * 10:02d}")

    full = convene.db("full.sqlite")
    copy_db(base, full)
    log(f"{convene.label}: importing {inputs.rows:,} registrations into the full database")
    convene(full, "import", "registrations", "--event", "forum", inputs.registration_csv)
    started = time.monotonic()
    for event in inputs.events:
        convene(full, "event", "add", "--code", event.code, "--kind", event.kind, "--title", event.title, "--start",
                event.date)
        for session in range(1, event.sessions + 1):
            convene(full, "session", "add", "--event", event.code, "--title", f"Sesi {session}", "--start",
                    f"{event.date} {7 + 2 * session:02d}:00", "--end", f"{event.date} {8 + 2 * session:02d}:30")
    log(f"{convene.label}: loading {inputs.marks:,} marks from {len(inputs.sheets)} sign-in sheets "
        "(import attendance)")
    for number, (event, session, path, marks) in enumerate(inputs.sheets, 1):
        convene(full, "import", "attendance", "--session", f"{event.code}/{session}", path)
        if number % 20 == 0:
            log(f"  {number}/{len(inputs.sheets)} sheets")
    convene(full, "check")
    convene.figures["load"] = time.monotonic() - started
    log(f"{convene.label}: marks loaded in {convene.figures['load']:.1f} s")

    small = convene.db("small.sqlite")
    convene(small, "init")
    convene(small, "event", "add", "--code", "psc-2", "--kind", "psc-meeting", "--series", "PSC", "--number", "2",
            "--title", "Rapat Komite Pengarah Program ke-2", "--start", "2023-03-14")
    convene(small, "event", "add", "--code", "psc-3", "--kind", "psc-meeting", "--series", "PSC", "--number", "3",
            "--title", "Rapat Komite Pengarah Program ke-3", "--start", "2024-01-09", "--venue", "Gedung Pancasila",
            "--city", "Jakarta")
    for number, title in enumerate(["Pembukaan", "Pleno", "Penutupan"]):
        convene(small, "session", "add", "--event", "psc-3", "--title", title, "--start",
                f"2024-01-09 {9 + 2 * number:02d}:00", "--end", f"2024-01-09 {10 + 2 * number:02d}:30")
    convene(small, "import", "attendance", "--session", "psc-3/2", inputs.meeting_sheet)
    # The action owners as organisations first: a baseline from before the directory knew them
    # (owners by acronym alone) runs the same steps.
    for name, acronym, kind in (("Kementerian Luar Negeri", "Kemlu", "ministry"),
                                ("Badan Pelindungan Pekerja Migran Indonesia", "BP2MI", "government-agency")):
        known = convene(small, "org", "list", "--format", "csv").lower()
        if f",{acronym.lower()}," not in known and name.lower() not in known:
            convene(small, "org", "add", "--name", name, "--acronym", acronym, "--type", kind)
    for number in range(5):
        convene(small, "action", "add", "--event", "psc-2", f"Tindak lanjut {number + 1} dari PSC-2", "--owner",
                "Kemlu", "--due", "2023-06-30")
        convene(small, "action", "add", "--event", "psc-3", f"Tindak lanjut {number + 1} dari PSC-3", "--owner",
                "BP2MI", "--due", "2024-03-31")
        convene(small, "decision", "add", "--event", "psc-3", f"Keputusan {number + 1}: rencana kerja disetujui.")


def adopt(convene, builder):
    """`convene` measures on copies of what `builder` built, migrated by a first command; a
    binary that cannot open them (an older schema) builds its own."""
    try:
        for name in ("base.sqlite", "full.sqlite", "small.sqlite"):
            copy_db(builder.db(name), convene.db(name))
            convene(convene.db(name), "event", "list")
        convene.figures["load"] = builder.figures.get("load")
        return False
    except Failure as failure:
        log(f"{convene.label} cannot use {builder.label}'s databases ({str(failure).splitlines()[-1][:120]}); "
            "building its own")
        return True


# MARK: - Floors

def type_changes():
    """Directory.typeChanges, from the same Directory/organisations.json the binary embeds."""
    with open(os.path.join(ROOT, "Directory", "organisations.json"), encoding="utf-8") as handle:
        return generate_embedded.type_changes(json.load(handle))


def quote(value):
    return "NULL" if value is None else "'" + str(value).replace("'", "''") + "'"


def stats_floor_sql(event=None, cross=False):
    """The counting `stats` does, in plain SQL: the person set built once into a temp table,
    then grouped by gender, stakeholder, ministry (top-level body of type ministry on the
    event's date), organisation and event; with `cross`, ministry × gender."""
    changes = ",".join(f"({', '.join(quote(v) for v in row)})" for row in type_changes())
    scope = f"WHERE code = {quote(event)}" if event else ""
    ministry_key = "CASE WHEN m.ministryId IS NOT NULL THEN m.ministryKey ELSE 'not-a-ministry' END"
    script = f"""
CREATE TEMP TABLE typeChange(directoryKey TEXT PRIMARY KEY, validFrom TEXT, typeBefore TEXT, validTo TEXT);
{"INSERT INTO typeChange VALUES " + changes + ";" if changes else ""}
CREATE TEMP TABLE scopeEvent AS SELECT id, code, startDate FROM event {scope};
CREATE TEMP TABLE orgRoot AS
  WITH RECURSIVE r(id, rootId) AS (
    SELECT id, id FROM organisation WHERE parentId IS NULL
    UNION ALL SELECT o.id, r.rootId FROM organisation o JOIN r ON o.parentId = r.id)
  SELECT id, rootId FROM r;
CREATE TEMP TABLE personEvent AS
  SELECT a.participantId AS pid, s.eventId AS eid, COUNT(*) AS marks
  FROM attendance a JOIN session s ON s.id = a.sessionId
  WHERE s.eventId IN (SELECT id FROM scopeEvent) AND a.status IN ({ATTENDED})
  GROUP BY a.participantId, s.eventId;
CREATE TEMP TABLE person AS
  SELECT p.id, p.gender, COALESCE(p.stakeholderType, 'unknown') AS stakeholder, p.organisationId
  FROM (SELECT DISTINCT pid FROM personEvent) x JOIN participant p ON p.id = x.pid;
CREATE TEMP TABLE personMinistry AS
  SELECT pe.pid, pe.eid, COALESCE(root.acronym, root.name) AS ministryKey,
         CASE WHEN (CASE WHEN tc.validTo IS NOT NULL AND e.startDate > tc.validTo THEN 'dissolved'
                         WHEN tc.validFrom IS NOT NULL AND e.startDate < tc.validFrom THEN tc.typeBefore
                         ELSE root.type END) = 'ministry' THEN root.id END AS ministryId
  FROM personEvent pe JOIN scopeEvent e ON e.id = pe.eid JOIN participant p ON p.id = pe.pid
  LEFT JOIN orgRoot r ON r.id = p.organisationId LEFT JOIN organisation root ON root.id = r.rootId
  LEFT JOIN typeChange tc ON tc.directoryKey = root.directoryKey;
SELECT 'participants', '', COUNT(*) FROM person;
SELECT 'attendances', '', COALESCE(SUM(marks), 0) FROM personEvent;
SELECT 'women', '', COUNT(*) FROM person WHERE gender = 'female';
SELECT 'registered', '', COUNT(DISTINCT participantId) FROM registration
  WHERE eventId IN (SELECT id FROM scopeEvent) AND status <> 'cancelled';
SELECT 'ministries', '', COUNT(DISTINCT ministryId) FROM personMinistry;
SELECT 'organisations', '', COUNT(DISTINCT r.rootId) FROM person p JOIN orgRoot r ON r.id = p.organisationId;
SELECT 'by_gender', gender, COUNT(*) FROM person GROUP BY gender;
SELECT 'by_stakeholder_type', stakeholder, COUNT(*) FROM person GROUP BY stakeholder;
SELECT 'by_ministry', {ministry_key}, COUNT(DISTINCT m.pid) FROM personMinistry m GROUP BY 2;
SELECT 'by_organisation', COALESCE(o.acronym, o.name, 'none'), COUNT(*)
  FROM person p LEFT JOIN organisation o ON o.id = p.organisationId GROUP BY 2;
SELECT 'by_event', e.code, COUNT(*) FROM personEvent pe JOIN scopeEvent e ON e.id = pe.eid GROUP BY e.code;
"""
    if cross:
        script += f"""SELECT 'crosstab', {ministry_key} || char(31) || p.gender, COUNT(DISTINCT m.pid)
  FROM personMinistry m JOIN person p ON p.id = m.pid GROUP BY 2;
"""
    return script


def parse_floor(text):
    figures = {}
    for line in text.splitlines():
        section, key, count = line.split("\t")
        if key == "":
            figures[section] = int(count)
        else:
            figures.setdefault(section, {})[key] = int(count)
    return figures


def convene_figures(report, cross=False):
    """The same figures from `stats --format json` (zero rows of the fixed sets left out)."""
    figures = {name: report[name] for name in ("participants", "attendances", "women", "registered", "ministries",
                                               "organisations")}
    for name in ("by_gender", "by_stakeholder_type", "by_ministry", "by_organisation", "by_event"):
        figures[name] = {row["key"]: row["count"] for row in report[name] if row["count"]}
    if cross:
        table = report["crosstab"]
        figures["crosstab"] = {f"{cell['key']}\x1f{column}": count for cell in table["cells"]
                               for column, count in zip(table["column_keys"], cell["counts"]) if count}
    return figures


def compare(what, convene, floor):
    if convene == floor:
        return
    lines = [f"{what}: the floor's SQL and Convene disagree, so the floor does not measure the same work:"]
    for name in sorted(set(convene) | set(floor)):
        a, b = convene.get(name), floor.get(name)
        if a == b:
            continue
        if isinstance(a, dict) and isinstance(b, dict):
            for key in sorted(set(a) | set(b)):
                if a.get(key) != b.get(key):
                    lines.append(f"  {name}[{key}]: Convene {a.get(key)}, floor {b.get(key)}")
        else:
            lines.append(f"  {name}: Convene {a}, floor {b}")
    raise Failure("\n".join(lines[:40]))


def import_floor_sql(csv_path, event_code):
    """What `import registrations` does, in plain SQL into Convene's schema (text ids, its
    indexes): the CSV into a staging table, answers mapped, organisations found by name,
    acronym or alias (else added), people deduplicated by e-mail against the database and
    within the file (first row wins), and a registration per person."""
    def case(column, pairs, default):
        return (f"CASE trim(\"{column}\") " + " ".join(f"WHEN {quote(a)} THEN {quote(b)}" for a, b, _ in pairs)
                + f" ELSE {quote(default)} END")
    return f"""
.import --csv --schema temp {csv_path} staging
BEGIN;
CREATE TEMP TABLE src AS
  SELECT rowid AS r, lower(trim("Email address")) AS email, trim("Nama Lengkap") AS name,
         {case("Jenis Kelamin", data.GENDERS, "undisclosed")} AS gender,
         {case("Kategori", data.STAKEHOLDERS, None)} AS stakeholder,
         CAST("Usia" AS INTEGER) AS age, trim("Instansi/Lembaga") AS org, NULLIF(trim("Jabatan"), '') AS position,
         '+62' || substr(trim("Nomor WhatsApp"), 2) AS phone, NULLIF(trim("Provinsi"), '') AS province
  FROM temp.staging;
CREATE INDEX temp.src_email ON src(email, r);
CREATE TEMP TABLE orgName AS SELECT DISTINCT org AS name FROM src WHERE org <> '';
INSERT INTO organisation (id, name, type, origin, createdAt)
  SELECT {UUID_SQL}, n.name, 'other', 'import', {NOW_SQL} FROM orgName n
  WHERE NOT EXISTS (SELECT 1 FROM organisation o WHERE o.name = n.name OR o.acronym = n.name)
    AND NOT EXISTS (SELECT 1 FROM organisationAlias a WHERE a.alias = n.name);
CREATE TEMP TABLE orgMap AS
  SELECT n.name, COALESCE((SELECT id FROM organisation o WHERE o.name = n.name),
                          (SELECT id FROM organisation o WHERE o.acronym = n.name),
                          (SELECT organisationId FROM organisationAlias a WHERE a.alias = n.name)) AS id
  FROM orgName n;
INSERT INTO participant (id, fullName, nameKey, gender, stakeholderType, organisationId, position, email, phone,
                         province, birthYear, disability, dataUseConsent, createdAt, updatedAt)
  SELECT {UUID_SQL}, s.name, lower(s.name), s.gender, s.stakeholder, m.id, s.position, s.email, s.phone,
         s.province, 2024 - s.age, 'undisclosed', 1, {NOW_SQL}, {NOW_SQL}
  FROM src s LEFT JOIN orgMap m ON m.name = s.org
  WHERE s.r = (SELECT MIN(f.r) FROM src f WHERE f.email = s.email)
    AND NOT EXISTS (SELECT 1 FROM participant p WHERE p.email = s.email);
INSERT INTO registration (id, eventId, participantId, role, status, source, registeredAt)
  SELECT {ordered_id_sql("row_number() OVER ()")}, e.id, p.id, 'participant', 'registered', 'import', {NOW_SQL}
  FROM (SELECT DISTINCT email FROM src) s JOIN participant p ON p.email = s.email
  JOIN event e ON e.code = {quote(event_code)}
  WHERE NOT EXISTS (SELECT 1 FROM registration x WHERE x.eventId = e.id AND x.participantId = p.id);
COMMIT;
"""


def people_and_registrations(db, event_code):
    out = sql(db, f"""SELECT (SELECT COUNT(*) FROM participant),
  (SELECT COUNT(*) FROM registration r JOIN event e ON e.id = r.eventId
   WHERE e.code = {quote(event_code)} AND r.status = 'registered');""")
    people, registrations = out.split()
    return int(people), int(registrations)


def attend_floor_sql(session_code, emails):
    """`attend` of registered people, as one INSERT…SELECT: found by e-mail, only if registered.
    CROSS JOIN keeps SQLite's planner on the e-mail index: left to itself it walks the event's
    whole registration index and looks up every person (0.4 s at 100k registrations)."""
    listed = ",".join(quote(email) for email in emails)
    return f"""
INSERT INTO attendance (id, sessionId, participantId, status, markedAt, markedBy, method)
  SELECT {ordered_id_sql("row_number() OVER ()")}, s.id, p.id, 'present', {NOW_SQL}, NULL, 'cli'
  FROM session s CROSS JOIN participant p CROSS JOIN registration r
  WHERE s.code = {quote(session_code)} AND p.email IN ({listed})
    AND r.eventId = s.eventId AND r.participantId = p.id AND r.status = 'registered';
"""


def sheet_floor_sql(csv_path, session_code):
    """What `import attendance` does with a sign-in sheet, in plain SQL into Convene's schema:
    the sheet (title rows skipped, `;`-separated) into a staging table, each signer found by
    e-mail among the event's registered people, and a mark per person with the status the
    sheet gives, inserted in person order with time-ordered ids (as Convene inserts them)."""
    statuses = " ".join(f"WHEN {quote(word)} THEN {quote(status)}" for word, status, _ in data.ATTENDANCE_WORDS)
    return f"""
.mode csv
.separator ;
.import --skip 4 --schema temp {csv_path} sheet
BEGIN;
INSERT INTO attendance (id, sessionId, participantId, status, markedAt, markedBy, method)
  SELECT {ordered_id_sql("row_number() OVER (ORDER BY p.id)")}, s.id, p.id,
         CASE lower(trim(k."Kehadiran")) {statuses} ELSE 'present' END, {NOW_SQL}, NULL, 'sheet'
  FROM temp.sheet k CROSS JOIN session s CROSS JOIN participant p CROSS JOIN registration r
  WHERE s.code = {quote(session_code)} AND p.email = lower(trim(k."Email"))
    AND r.eventId = s.eventId AND r.participantId = p.id AND r.status = 'registered'
  ORDER BY p.id;
COMMIT;
"""


def marks_floor_sql(session_code):
    """The least any import of a sign-in sheet pays: its marks, already matched to people
    (table `bench_marks`), inserted in person order by one INSERT…SELECT, with the trigger that
    counts each attendee and the commit. The ids are time-ordered, so the id index is appended
    to, not written at random."""
    return f"""
BEGIN;
INSERT INTO attendance (id, sessionId, participantId, status, markedAt, markedBy, method)
  SELECT {ordered_id_sql("row_number() OVER (ORDER BY m.participantId)")}, s.id, m.participantId, m.status,
         {NOW_SQL}, NULL, 'sheet'
  FROM session s CROSS JOIN bench_marks m
  WHERE s.code = {quote(session_code)}
  ORDER BY m.participantId;
COMMIT;
"""


def marks_in(db, session_code):
    return int(sql(db, f"SELECT COUNT(*) FROM attendance a JOIN session s ON s.id = a.sessionId "
                       f"WHERE s.code = {quote(session_code)};").strip())


# MARK: - The rows

class Row:
    """One line of the table: Convene's and the floor's measures per binary; `target` is on
    `metric` (wall seconds, or max RSS in MB), `ratio_target` on Convene's wall ÷ the floor's."""

    def __init__(self, work, target=None, metric="wall", floor=True, ratio_target=None):
        self.work, self.target, self.metric, self.has_floor = work, target, metric, floor
        self.ratio_target = ratio_target
        self.samples = {}  # (binary label, "convene" | "floor") → [Measure]

    def add(self, label, kind, measure):
        self.samples.setdefault((label, kind), []).append(measure)

    def median(self, label, kind, metric=None):
        values = [getattr(m, metric or self.metric) for m in self.samples.get((label, kind), [])]
        return statistics.median(values) if values else None

    def most(self, label, kind, metric):
        values = [getattr(m, metric) for m in self.samples.get((label, kind), [])]
        return max(values) if values else None


def alternate(run_index, first, second):
    """Convene first on even runs, the floor first on odd ones."""
    return (first, second) if run_index % 2 == 0 else (second, first)


def measure_all(binaries, inputs, scale, runs):
    s = SCALES[scale]
    rows = []
    event = max(inputs.events, key=lambda e: e.attendees * e.sessions)
    people = f"{inputs.people / 1000:,.0f}k" if inputs.people >= 1000 else f"{inputs.people}"
    stats_all = Row(f"`stats --format json`, whole database ({people} people, {inputs.marks:,} marks)",
                    ratio_target=1.0)
    stats_event = Row(f"`stats --event {event.code} --by ministry --by gender` ({event.attendees:,} invited, "
                      f"{event.sessions} sessions)")
    registrations = Row(f"`import registrations`, {inputs.rows:,} rows (Google Forms; {inputs.repeats_prior:,} "
                        f"already in the database, {inputs.repeats_file:,} repeated in the file)", ratio_target=2.0)
    growth = [Row(f"import growth: {size:,} rows (floor: `.import` of the CSV)") for size, _ in inputs.growth]
    growth_sql = [Row(f"import growth: {size:,} rows (floor: the same import in plain SQL, as for `import "
                      "registrations` above)") for size, _ in inputs.growth]
    peak = Row(f"peak memory of the {inputs.growth[-1][0]:,}-row import (max RSS)", target=150, metric="rss_mb",
               floor=False)
    sheet = Row(f"`import attendance`, {inputs.forum_sheet_marks:,} marks into one session (floor: the sheet "
                "`.import`ed, one INSERT…SELECT)", target=1.0)
    marks_only = Row(f"the same {inputs.forum_sheet_marks:,} marks already matched, inserted from a table by one "
                     "INSERT…SELECT (floor only: the insert, the attendee counts and the commit any import of the "
                     "sheet pays)")
    batch = Row(f"`attend --session S` with {len(inputs.batch):,} people in one call (floor: one INSERT…SELECT)",
                ratio_target=2.0)
    single = Row("`attend` for one person (per call)", target=0.015, floor=False)
    cold = Row("cold start: `event list` on a small database", target=0.020, floor=False)
    minutes = Row(f"`minutes --event psc-3` for a {s['meeting']}-person meeting", target=0.050, floor=False)
    rows = [stats_all, stats_event, registrations, *growth, *growth_sql, peak, sheet, marks_only, batch, single, cold,
            minutes]

    def each(count=runs):
        """Run r, then each binary in turn: Convene and the floor alternate, and so do the binaries."""
        for r in range(count):
            order = binaries if r % 2 == 0 else binaries[::-1]
            for convene in order:
                yield r, convene, convene.label

    def floor_first(r, convene):
        return (r + binaries.index(convene)) % 2 == 1

    log("stats, whole database")
    floor_script = stats_floor_sql()
    for r, convene, label in each():
        full = convene.db("full.sqlite")
        steps = ["convene", "floor"][::-1] if floor_first(r, convene) else ["convene", "floor"]
        for step in steps:
            if step == "convene":
                m = convene.measure(full, "stats", "--format", "json")
                stats_all.add(label, "convene", m)
                convene_counts = convene_figures(json.loads(m.out))
            else:
                m = floor(full, floor_script, tabs=True)
                stats_all.add(label, "floor", m)
                floor_counts = parse_floor(m.out)
        compare(f"{label}: stats, whole database", convene_counts, floor_counts)
    log(f"  {convene_counts['participants']:,} participants, {convene_counts['attendances']:,} attendances, "
        f"{convene_counts['ministries']} ministries: the floor agrees")

    log(f"stats --event {event.code}")
    args = ["stats", "--event", event.code, "--by", "ministry", "--by", "gender"]
    floor_script = stats_floor_sql(event.code, cross=True)
    for convene in binaries:
        full = convene.db("full.sqlite")
        compare(f"{convene.label}: stats --event {event.code}",
                convene_figures(json.loads(convene(full, *args, "--format", "json")), cross=True),
                parse_floor(sql(full, CONNECTION + floor_script)))
    for r, convene, label in each():
        full = convene.db("full.sqlite")
        steps = ["convene", "floor"][::-1] if floor_first(r, convene) else ["convene", "floor"]
        for step in steps:
            if step == "convene":
                stats_event.add(label, "convene", convene.measure(full, *args))
            else:
                stats_event.add(label, "floor", floor(full, floor_script, tabs=True))

    log(f"import attendance ({inputs.forum_sheet_marks:,} marks into one session)")
    for r, convene, label in each():
        full = convene.db("full.sqlite")
        steps = ["convene", "floor"][::-1] if floor_first(r, convene) else ["convene", "floor"]
        for step in steps:
            if step == "convene":
                sheet.add(label, "convene", convene.measure(full, "import", "attendance", "--session",
                                                            f"bench-sheet-{r}", inputs.forum_sheet))
            else:
                sheet.add(label, "floor", floor(full, sheet_floor_sql(inputs.forum_sheet, f"bench-sheetfloor-{r}")))
        # The marks Convene made, into a table of their own (not timed), then inserted again.
        sql(full, f"CREATE TABLE bench_marks AS SELECT a.participantId, a.status FROM attendance a "
                  f"JOIN session s ON s.id = a.sessionId WHERE s.code = {quote(f'bench-sheet-{r}')};")
        marks_only.add(label, "floor", floor(full, marks_floor_sql(f"bench-marksfloor-{r}")))
        sql(full, "DROP TABLE bench_marks;")
        for code in (f"bench-sheet-{r}", f"bench-sheetfloor-{r}", f"bench-marksfloor-{r}"):
            if marks_in(full, code) != inputs.forum_sheet_marks:
                raise Failure(f"{label}: {code} holds {marks_in(full, code)} marks after the import, "
                              f"not {inputs.forum_sheet_marks}")

    log(f"attend, {len(inputs.batch):,} people in one call and one at a time")
    for r, convene, label in each():
        full = convene.db("full.sqlite")
        steps = ["convene", "floor"][::-1] if floor_first(r, convene) else ["convene", "floor"]
        for step in steps:
            if step == "convene":
                batch.add(label, "convene", convene.measure(full, "attend", "--session", f"bench-attend-{r}",
                                                            *inputs.batch))
            else:
                batch.add(label, "floor", floor(full, attend_floor_sql(f"bench-floor-{r}", inputs.batch)))
        convene_marks, floor_marks = marks_in(full, f"bench-attend-{r}"), marks_in(full, f"bench-floor-{r}")
        if convene_marks != floor_marks or convene_marks != len(inputs.batch):
            raise Failure(f"{label}: attend marked {convene_marks}, the floor {floor_marks}, "
                          f"of {len(inputs.batch)} people")
    calls = s["calls"]
    for r, convene, label in each():
        for c in range(calls):
            email = inputs.single(binaries.index(convene) * runs * calls + r * calls + c)
            single.add(label, "convene", convene.measure(convene.db("full.sqlite"), "attend", "--session",
                                                         "bench-single", email))

    log(f"import registrations ({inputs.rows:,} rows)")
    floor_script = import_floor_sql(inputs.registration_csv, "forum")
    for r, convene, label in each():
        base, trial, floor_db = convene.db("base.sqlite"), convene.db("trial.sqlite"), convene.db("floor.sqlite")
        steps = ["convene", "floor"][::-1] if floor_first(r, convene) else ["convene", "floor"]
        for step in steps:
            if step == "convene":
                copy_db(base, trial)
                m = convene.measure(trial, "import", "registrations", "--event", "forum", "--format", "json",
                                    inputs.registration_csv)
                registrations.add(label, "convene", m)
                summary = json.loads(m.out)
            else:
                copy_db(base, floor_db)
                registrations.add(label, "floor", floor(floor_db, floor_script))
        ours, theirs = people_and_registrations(trial, "forum"), people_and_registrations(floor_db, "forum")
        if ours != theirs:
            raise Failure(f"{label}: after import registrations Convene has {ours[0]:,} people and {ours[1]:,} "
                          f"registrations, the floor {theirs[0]:,} and {theirs[1]:,}")
    log(f"  {ours[0]:,} people, {ours[1]:,} registrations, as the floor's; Convene's summary: "
        + ", ".join(f"{k} {v}" for k, v in summary.items() if isinstance(v, int))[:300])

    def fresh(convene, db):
        """A new database holding only the event the growth files are imported into."""
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(db + suffix):
                os.remove(db + suffix)
        convene(db, "init")
        convene(db, "event", "add", "--code", "big", "--kind", "training", "--title", "Big", "--start", "2024-08-05")

    for (size, path), row, sql_row in zip(inputs.growth, growth, growth_sql):
        log(f"import growth, {size:,} rows")
        for r, convene, label in each(1 if size >= ONCE_FROM else runs):
            trial, floor_db = convene.db("trial.sqlite"), convene.db("floor.sqlite")
            # The plain-SQL import does not depend on the binary: measured once a run (75 s at
            # 1M rows), it stands for each binary's floor.
            sql_db = binaries[0].db("sql.sqlite")
            steps = ["convene", "floor"] + (["sql"] if convene is binaries[0] else [])
            for step in steps[::-1] if floor_first(r, convene) else steps:
                if step == "convene":
                    fresh(convene, trial)
                    m = convene.measure(trial, "import", "registrations", "--event", "big", path)
                    row.add(label, "convene", m)
                    sql_row.add(label, "convene", m)
                    if size == inputs.growth[-1][0]:
                        peak.add(label, "convene", m)
                elif step == "floor":
                    if os.path.exists(floor_db):
                        os.remove(floor_db)
                    row.add(label, "floor", floor(floor_db, f".import --csv {path} staging\n"))
                else:
                    fresh(convene, sql_db)
                    m = floor(sql_db, import_floor_sql(path, "big"))
                    for each_binary in binaries:
                        sql_row.add(each_binary.label, "floor", m)
            ours, theirs = people_and_registrations(trial, "big"), people_and_registrations(sql_db, "big")
            if ours != theirs:
                raise Failure(f"{label}: after the {size:,}-row import Convene has {ours[0]:,} people and "
                              f"{ours[1]:,} registrations, the plain-SQL floor {theirs[0]:,} and {theirs[1]:,}")
        for convene in binaries:
            label = convene.label
            log(f"  {label}: {row.median(label, 'convene', 'cpu'):.2f} s CPU, {row.median(label, 'convene'):.2f} s "
                f"wall, {row.most(label, 'convene', 'rss_mb'):.0f} MB; .import {row.median(label, 'floor', 'cpu'):.2f}"
                f" s CPU; plain SQL {sql_row.median(label, 'floor', 'cpu'):.2f} s CPU")
    for convene in binaries:
        for name in ("trial.sqlite", "floor.sqlite", "sql.sqlite"):
            if os.path.exists(convene.db(name)):
                os.remove(convene.db(name))

    log("cold start, minutes")
    for r, convene, label in each():
        small = convene.db("small.sqlite")
        for c in range(calls):
            cold.add(label, "convene", convene.measure(small, "event", "list"))
            minutes.add(label, "convene", convene.measure(small, "minutes", "--event", "psc-3"))
    return rows


# MARK: - The table

def seconds(value):
    if value is None:
        return "—"
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def megabytes(value):
    return "—" if value is None else f"{value:.0f} MB"


def ratio(a, b, digits=1):
    return f"{a / b:.{digits}f}×" if a is not None and b else "—"


def table(rows, binaries):
    """Wall and CPU medians, Convene ÷ floor for each, Convene's largest max RSS; with a
    baseline, its wall median, its own ratio to its floor, and baseline ÷ Convene."""
    primary = binaries[0].label
    baseline = binaries[1].label if len(binaries) > 1 else None
    header = ["work", "Convene wall", "floor wall", "ratio", "Convene CPU", "floor CPU", "CPU ratio", "max RSS"]
    if baseline:
        header += ["baseline wall", "baseline ratio", "speed-up"]
    header += ["target", "met?"]
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 3) + "---|---|"]
    for row in rows:
        ours, floor = row.median(primary, "convene", "wall"), row.median(primary, "floor", "wall")
        cpu, floor_cpu = row.median(primary, "convene", "cpu"), row.median(primary, "floor", "cpu")
        if row.metric == "rss_mb":
            ours = floor = cpu = floor_cpu = None
        cells = [row.work, seconds(ours), seconds(floor), ratio(ours, floor), seconds(cpu), seconds(floor_cpu),
                 ratio(cpu, floor_cpu), megabytes(row.most(primary, "convene", "rss_mb"))]
        if baseline and row.metric == "rss_mb":
            theirs = row.most(baseline, "convene", "rss_mb")
            cells += [megabytes(theirs), "—", ratio(theirs, row.most(primary, "convene", "rss_mb"), 2)]
        elif baseline:
            theirs = row.median(baseline, "convene", "wall")
            cells += [seconds(theirs), ratio(theirs, row.median(baseline, "floor", "wall")), ratio(theirs, ours, 2)]
        if row.ratio_target is not None:
            cells += [f"≤ {row.ratio_target:.1f}× the floor",
                      "yes" if ours is not None and floor and ours / floor <= row.ratio_target else "no"]
        elif row.target is None:
            cells += ["—", "—"]
        else:
            value = row.median(primary, "convene")
            shown = megabytes(row.target) if row.metric == "rss_mb" else seconds(row.target)
            cells += [f"< {shown}", "yes" if value is not None and value < row.target else "no"]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def growth_summary(rows, label):
    """Each import's wall time per tenfold rows: Convene's, the plain-SQL import's, `.import`'s."""
    by_size = {}
    for row in rows:
        match = re.match(r"import growth: ([0-9,]+) rows \(floor: (`\.import`|the same import)", row.work)
        if match:
            size = int(match.group(1).replace(",", ""))
            kind = "import" if match.group(2) == "`.import`" else "sql"
            by_size.setdefault(size, {})["convene"] = row.median(label, "convene", "wall")
            by_size[size][kind] = row.median(label, "floor", "wall")
    sizes = sorted(by_size)

    def growths(kind):
        return [by_size[b][kind] / by_size[a][kind] if by_size[a].get(kind) and by_size[b].get(kind) else None
                for a, b in zip(sizes, sizes[1:])]

    def steps(kind):
        return ", ".join("—" if g is None else f"{g:.1f}×" for g in growths(kind))
    if len(sizes) < 2:
        return ""
    span = " → ".join(f"{size:,}" for size in sizes)
    # 11× per tenfold rows is linear with 10% to spare: a step of k-fold rows may take 1.1 k times as long.
    allowed = [GROWTH_TARGET / 10 * b / a for a, b in zip(sizes, sizes[1:])]
    met = "yes" if all(g is not None and g <= limit for g, limit in zip(growths("convene"), allowed)) else "no"
    return (f"Growth of the wall time from {span} rows, each step: Convene {steps('convene')}; the same import in "
            f"plain SQL {steps('sql')}; `.import` of the CSV {steps('import')}. Target: Convene at most "
            f"{GROWTH_TARGET:.0f}× per tenfold rows ({', '.join(f'{limit:.1f}×' for limit in allowed)}); met? {met}.")


def machine():
    memory = "?"
    try:
        with open("/proc/meminfo") as handle:
            memory = f"{int(handle.readline().split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    sqlite = run(["sqlite3", "--version"]).split()[0]
    load = (f"1-minute load average during the run {min(LOAD):.1f}–{max(LOAD):.1f} (median "
            f"{statistics.median(LOAD):.1f})") if LOAD else "load average unknown"
    return (f"{os.cpu_count()} cores, {memory} memory, {platform.system()} {platform.release()}, "
            f"sqlite3 CLI {sqlite}; {load}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True, help="the convene binary to measure")
    parser.add_argument("--baseline-binary", help="a second binary measured in the same run (e.g. the one before)")
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--runs", type=int, help="runs per row (default: 1 tiny, 3 otherwise)")
    parser.add_argument("--out", help="also write the table (with the machine and commands) to this file")
    parser.add_argument("--work", help="folder for inputs and databases (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    for tool in ("sqlite3", "/usr/bin/time"):
        if shutil.which(tool) is None:
            sys.exit(f"benchmark: {tool} is missing (Scripts/benchmark.sh installs it: apt-get install "
                     f"{'sqlite3' if tool == 'sqlite3' else 'time'})")
    runs = args.runs or SCALES[args.scale]["runs"]
    work = os.path.abspath(args.work) if args.work else tempfile.mkdtemp(prefix="convene-bench-")
    os.makedirs(work, exist_ok=True)
    started = datetime.datetime.now().astimezone()
    try:
        binaries = [Convene(args.binary, "convene", work)]
        if args.baseline_binary:
            binaries.append(Convene(args.baseline_binary, "baseline", work))
        inputs = Inputs(args.scale, work)
        build(binaries[0], inputs, runs)
        for other in binaries[1:]:
            if adopt(other, binaries[0]):
                build(other, inputs, runs)
        rows = measure_all(binaries, inputs, args.scale, runs)
    except Failure as failure:
        print(f"benchmark failed: {failure}", file=sys.stderr)
        return 1
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.monotonic() - STARTED
    lines = [f"Scale {args.scale}, {runs} run{'s' if runs != 1 else ''} per row "
             f"(growth inputs of {ONCE_FROM:,} rows or more: once), {started:%Y-%m-%d %H:%M %Z}; {machine()}.",
             f"Convene: {binaries[0].path}" + (f"; baseline: {binaries[1].path}" if len(binaries) > 1 else ""),
             f"Data: {inputs.people:,} people, {inputs.marks:,} marks in {len(inputs.sheets)} sign-in sheets "
             f"(loaded by `import attendance` in {binaries[0].figures['load']:.0f} s), seed {SEED}.",
             "", table(rows, binaries), "", growth_summary(rows, binaries[0].label), "",
             "Medians over the runs; ratio = Convene ÷ floor, the floor being the same work done by the sqlite3 CLI "
             "on the same file in the same run, Convene and floor alternating; CPU = user + system; max RSS is "
             "Convene's largest over the runs (`/usr/bin/time -v`); targets are on the wall median (the peak-memory "
             "row: on max RSS; a target in × the floor: on the ratio of the wall medians).",
             f"Whole benchmark: {elapsed:.0f} s."]
    text = "\n".join(lines)
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
