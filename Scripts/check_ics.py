#!/usr/bin/env python3
"""Checks `convene agenda --format ics` with a real iCalendar library (icalendar, PyPI):
builds a sample event with timed and untimed sessions (a title with a comma, a long
line, accents), exports it twice, and asserts one VEVENT per session, a VTIMEZONE for
the event's zone, start times in that zone, and UIDs that do not change between exports.

Usage: Scripts/check_ics.py [BINARY]   (pip install icalendar)
"""
import os
import subprocess
import sys
import tempfile

try:
    import icalendar
except ImportError:
    sys.exit("needs icalendar: pip install icalendar")

BIN = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    subprocess.check_output(["swift", "build", "--show-bin-path"], text=True).strip(), "convene")


def run(*args, env):
    # Bytes, not text: text mode would turn the CRLF line ends RFC 5545 requires into LF.
    return subprocess.run([BIN, *args], env=env, check=True, capture_output=True).stdout.decode("utf-8")


def main():
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, CONVENE_DB=os.path.join(folder, "ics.sqlite"))
        run("init", env=env)
        run("event", "add", "--code", "tot-1", "--kind", "training", "--title", "Pelatihan, fasilitator daerah",
            "--start", "2024-08-05", "--end", "2024-08-06", "--timezone", "Asia/Makassar", "--city", "Mataram",
            env=env)
        sessions = [
            ["--title", "Pembukaan", "--start", "2024-08-05 08:30", "--end", "2024-08-05 10:00", "--chair", "Kepala Dinas"],
            ["--title", "Sesi panjang tentang perlindungan pekerja migran Indonesia, pra-keberangkatan; dan purna",
             "--start", "2024-08-05 10:30", "--end", "2024-08-05 12:00", "--room", "Ruang Rinjani"],
            ["--title", "Hari kedua", "--start", "2024-08-06 09:00", "--end", "2024-08-06 11:00"],
        ]
        for session in sessions:
            run("session", "add", "--event", "tot-1", *session, env=env)
        first = run("agenda", "--event", "tot-1", "--format", "ics", env=env)
        second = run("agenda", "--event", "tot-1", "--format", "ics", env=env)

    calendar = icalendar.Calendar.from_ical(first)
    events = calendar.walk("VEVENT")
    zones = calendar.walk("VTIMEZONE")
    assert len(events) == len(sessions), f"{len(events)} VEVENTs for {len(sessions)} sessions"
    assert [z["TZID"] for z in zones] == ["Asia/Makassar"], zones
    starts = [e.decoded("DTSTART") for e in events]
    assert starts[0].hour == 8 and starts[0].minute == 30, starts[0]
    assert starts[0].utcoffset().total_seconds() == 8 * 3600, starts[0].utcoffset()
    assert str(events[1]["SUMMARY"]) == sessions[1][1], events[1]["SUMMARY"]
    assert "\n" not in first.replace("\r\n", ""), "a line ends without CR"
    assert all(len(line.encode()) <= 75 for line in first.split("\r\n")), "unfolded line"
    again = [str(e["UID"]) for e in icalendar.Calendar.from_ical(second).walk("VEVENT")]
    assert [str(e["UID"]) for e in events] == again, "UIDs changed between exports"
    print(f"ics ok: {len(events)} VEVENTs, VTIMEZONE {zones[0]['TZID']}, "
          f"first start {starts[0].isoformat()}, stable UIDs (icalendar {icalendar.__version__})")


if __name__ == "__main__":
    main()
