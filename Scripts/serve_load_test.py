#!/usr/bin/env python3
"""Load on `convene serve` over loopback: CLIENTS phones each send MARKS marks through the
JSON API (keep-alive connections), two phones per session marking the same people in
different orders, while `convene stats` runs in a loop and `convene attend` marks another
session from the command line in the same database file.

Reports throughput, median and p99 latency, and checks that no mark was lost or doubled:
every person ends with exactly one mark per session, the web's with method web, and every
request answered 200 (half "marked", half "unchanged": the second phone's marks are idempotent).

Bounded: a fixed number of requests, loopback only, and a 300-second limit.

Usage: Scripts/serve_load_test.py [--clients 8] [--marks 500] [--alone] [--binary PATH] [--release]
"""
import http.client
import json
import os
import random
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

from harness_common import convene_binary, make_registrations, parser_with_common_options, run

LIMIT_SECONDS = 300


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class Phone:
    """One facilitator's phone: a keep-alive connection, a session cookie and its CSRF token."""

    def __init__(self, host, port, code):
        self.connection = http.client.HTTPConnection(host, port, timeout=30)
        status, headers, body = self.request("POST", "/api/v1/login", {"code": code})
        assert status == 200, (status, body)
        self.cookie = headers["Set-Cookie"].split(";")[0]
        self.csrf = body["csrf"]

    def request(self, method, path, body=None):
        headers = {"Content-Type": "application/json"}
        if hasattr(self, "cookie"):
            headers["Cookie"] = self.cookie
            headers["X-CSRF-Token"] = self.csrf
        self.connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        return response.status, response.headers, json.loads(data) if data else None


def main():
    parser = parser_with_common_options(__doc__)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--marks", type=int, default=500)
    parser.add_argument("--alone", action="store_true",
                        help="no stats loop and no CLI writer alongside (the server's own figures, for comparison)")
    args = parser.parse_args()
    if args.clients < 2 or args.clients % 2:
        sys.exit("--clients must be even: two phones share each session")
    binary = convene_binary(args.binary, args.release, serve=True)
    sessions = args.clients // 2
    cli_session = sessions + 1
    work = tempfile.mkdtemp(prefix="convene-load-")
    db = os.path.join(work, "load.sqlite")
    started = time.monotonic()
    try:
        csv_path = os.path.join(work, "people.csv")
        make_registrations(args.marks, csv_path)
        run(binary, db, "init")
        run(binary, db, "event", "add", "--code", "load", "--kind", "symposium", "--title", "Load test",
            "--start", "2024-09-24")
        for number in range(1, cli_session + 1):
            run(binary, db, "session", "add", "--event", "load", "--title", f"Room {number}",
                "--start", f"{8 + number}:00")
        run(binary, db, "import", "registrations", "--event", "load", csv_path)

        server = subprocess.Popen([binary, "--db", db, "serve", "--event", "load", "--host", "127.0.0.1",
                                   "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        host = port = code = None
        while not code:
            line = server.stdout.readline()
            if not line:
                sys.exit("convene serve did not start: " + server.stderr.read())
            if match := re.match(r"Serving \S+ on http://([\d.]+):(\d+)", line):
                host, port = match.group(1), int(match.group(2))
            if match := re.match(r"Facilitator code: (\d{4}-\d{4})", line):
                code = match.group(1)
        log_lines = []
        threading.Thread(target=lambda: log_lines.extend(server.stdout), daemon=True).start()

        with sqlite3.connect(db) as connection:
            ids = [row[0] for row in connection.execute(
                "SELECT participantId FROM registration JOIN event e ON e.id = eventId WHERE e.code = 'load'")]
        emails = [row[0] for row in sqlite3.connect(db).execute(
            "SELECT email FROM participant WHERE email IS NOT NULL ORDER BY email")]
        assert len(ids) == args.marks, len(ids)

        phones = [Phone(host, port, code) for _ in range(args.clients)]
        latencies = [[] for _ in phones]
        outcomes = [{} for _ in phones]
        failures = []
        done = threading.Event()

        def phone_worker(index):
            session = index % sessions + 1
            order = ids[:]
            random.Random(index).shuffle(order)
            for participant in order:
                if time.monotonic() - started > LIMIT_SECONDS:
                    failures.append("time limit reached")
                    return
                t0 = time.perf_counter()
                try:
                    status, _, body = phones[index].request(
                        "POST", f"/api/v1/sessions/{session}/marks", {"participant": participant, "status": "present"})
                except Exception as error:  # a lost connection is a failure, not a retry
                    failures.append(f"phone {index}: {error}")
                    return
                latencies[index].append(time.perf_counter() - t0)
                if status != 200:
                    failures.append(f"phone {index}: {status} {body}")
                else:
                    outcomes[index][body["outcome"]] = outcomes[index].get(body["outcome"], 0) + 1

        stats_runs = [0]
        stats_failures = []

        def stats_loop():
            while not done.is_set():
                result = subprocess.run([binary, "--db", db, "stats", "--event", "load", "--format", "json"],
                                        capture_output=True, text=True)
                if result.returncode != 0:
                    stats_failures.append(result.stderr.strip()[:200])
                else:
                    json.loads(result.stdout)
                    stats_runs[0] += 1

        cli_marked = [0]
        cli_failures = []

        def cli_writer():
            for start in range(0, len(emails), 25):
                if done.is_set():
                    break
                batch = emails[start:start + 25]
                result = subprocess.run([binary, "--db", db, "attend", "--session", f"load/{cli_session}",
                                         "--by", "cli-desk", *batch], capture_output=True, text=True)
                if result.returncode != 0:
                    cli_failures.append(result.stderr.strip()[:200])
                else:
                    cli_marked[0] += len(batch)

        background = [] if args.alone else [threading.Thread(target=stats_loop), threading.Thread(target=cli_writer)]
        workers = [threading.Thread(target=phone_worker, args=(i,)) for i in range(args.clients)]
        for thread in background:
            thread.start()
        t_start = time.perf_counter()
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
        elapsed = time.perf_counter() - t_start
        done.set()
        for thread in background:
            thread.join()
        server.terminate()
        server.wait(timeout=15)

        with sqlite3.connect(db) as connection:
            per_session = dict(connection.execute(
                "SELECT s.title, COUNT(*) FROM attendance a JOIN session s ON s.id = a.sessionId GROUP BY s.title"))
            web_rows = connection.execute("SELECT COUNT(*) FROM attendance WHERE method = 'web'").fetchone()[0]
            doubled = connection.execute(
                "SELECT COUNT(*) FROM (SELECT 1 FROM attendance GROUP BY sessionId, participantId HAVING COUNT(*) > 1)"
            ).fetchone()[0]
        final_stats = json.loads(run(binary, db, "stats", "--event", "load", "--format", "json").stdout)

        all_latencies = [value for values in latencies for value in values]
        sent = len(all_latencies)
        expected_web = sessions * args.marks
        stored_web = sum(per_session.get(f"Room {n}", 0) for n in range(1, sessions + 1))
        marked = sum(o.get("marked", 0) for o in outcomes)
        unchanged = sum(o.get("unchanged", 0) for o in outcomes)
        lost = expected_web - stored_web
        print(f"load: {sent} marks from {args.clients} phones ({sessions} sessions, two phones each, "
              f"{args.marks} people) in {elapsed:.2f} s")
        print(f"  throughput {sent / elapsed:.0f} marks/s; latency median {percentile(all_latencies, 0.5) * 1000:.1f} ms, "
              f"p99 {percentile(all_latencies, 0.99) * 1000:.1f} ms, max {max(all_latencies) * 1000:.1f} ms")
        print(f"  answers: {marked} marked, {unchanged} unchanged, {len(failures)} failed")
        print(f"  stored: {stored_web} web marks of {expected_web} expected (lost {lost}), {web_rows} with method web, "
              f"{doubled} person-sessions doubled")
        print(f"  alongside: convene stats ran {stats_runs[0]} times ({len(stats_failures)} failed); "
              f"convene attend marked {cli_marked[0]} in load/{cli_session} ({len(cli_failures)} failed)")
        print(f"  final stats: {final_stats['attendances']} attendances, {final_stats['participants']} participants")
        for message in (failures + stats_failures + cli_failures)[:5]:
            print("  failure:", message)
        checks = [
            sent == args.clients * args.marks,
            not failures,
            lost == 0,
            doubled == 0,
            web_rows == expected_web,
            marked == expected_web and unchanged == expected_web,
            args.alone or (stats_runs[0] > 0 and not stats_failures),
            args.alone or (not cli_failures and cli_marked[0] == args.marks),
            final_stats["attendances"] == expected_web + (0 if args.alone else args.marks),
        ]
        failed = checks.count(False)
        print(f"load test: {len(checks) - failed} passed, {failed} failed")
        sys.exit(1 if failed else 0)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
