#!/usr/bin/env python3
"""Import at scale: wall time and peak memory (max RSS, from /usr/bin/time -v) of
`convene import registrations` on files that used to hurt.

  blank     a 10 MB file of blank lines under a header
  rows N    N distinct people (Scripts/make_registrations.py), e.g. 1000000
  namesakes N…  N people with the same name and organisation and distinct e-mails
            (cost per row must not grow with N: compare the times as N doubles)

Usage: Scripts/import_scale.py --binary PATH [--binary OLD_PATH …] blank | rows N | namesakes N [N …]
Each binary runs the same inputs in the same run, so their figures compare. Nothing is
asserted: this measures. Timeouts (--timeout, default 300 s) are reported as such.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write_blank(path):
    with open(path, "w") as handle:
        handle.write("Nama,Email\n")
        handle.write("\n" * (10 * 1024 * 1024 - 11))


def write_namesakes(path, count):
    with open(path, "w") as handle:
        handle.write("Nama,Instansi,Email\n")
        for i in range(count):
            handle.write(f"Siti Aminah,Kementerian Luar Negeri,siti.{i}@example.org\n")


def measure(binary, csv_path, timeout, extra=()):
    work = tempfile.mkdtemp(prefix="convene-scale-")
    db = os.path.join(work, "scale.sqlite")
    try:
        for args in (["init"], ["event", "add", "--code", "big", "--kind", "training", "--title", "Big",
                               "--start", "2024-08-05"]):
            subprocess.run([binary, "--db", db, *args], check=True, capture_output=True)
        command = ["/usr/bin/time", "-v", binary, "--db", db, "import", "registrations", "--event", "big",
                   "--skip-invalid", *extra, csv_path]
        started = time.monotonic()
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"seconds": None, "rss_mb": None, "code": "timeout", "message": f"not done after {timeout} s"}
        seconds = time.monotonic() - started
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr)
        message = [line for line in result.stderr.splitlines()
                   if line.startswith("Error") or "empty" in line][:1]
        return {"seconds": seconds, "rss_mb": int(rss.group(1)) / 1024 if rss else None,
                "code": result.returncode, "message": message[0][:110] if message else ""}
    finally:
        shutil.rmtree(work, ignore_errors=True)


def show(label, binary, figures):
    seconds = "—" if figures["seconds"] is None else f"{figures['seconds']:.2f} s"
    rss = "—" if figures["rss_mb"] is None else f"{figures['rss_mb']:.0f} MB"
    print(f"| {label} | {os.path.relpath(binary, ROOT)} | {seconds} | {rss} | exit {figures['code']} | {figures['message']} |",
          flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", action="append", required=True)
    parser.add_argument("--timeout", type=int, default=300)
    parser.add_argument("mode", choices=["blank", "rows", "namesakes"])
    parser.add_argument("counts", nargs="*", type=int)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="convene-scale-input-")
    print("| input | binary | wall | max RSS | exit | message |\n|---|---|---|---|---|---|")
    try:
        if args.mode == "blank":
            path = os.path.join(work, "blank.csv")
            write_blank(path)
            for binary in args.binary:
                show("10 MB of blank lines", binary, measure(binary, path, args.timeout, ["--allow-empty"]
                     if "allow-empty" in subprocess.run([binary, "import", "registrations", "--help"],
                                                        capture_output=True, text=True).stdout else []))
        elif args.mode == "rows":
            for count in args.counts or [1_000_000]:
                path = os.path.join(work, f"rows-{count}.csv")
                subprocess.run([sys.executable, os.path.join(ROOT, "Scripts", "make_registrations.py"), str(count), path],
                               check=True)
                for binary in args.binary:
                    show(f"{count:,} rows", binary, measure(binary, path, args.timeout))
        else:
            for count in args.counts or [500, 1000, 2000, 4000]:
                path = os.path.join(work, f"namesakes-{count}.csv")
                write_namesakes(path, count)
                for binary in args.binary:
                    show(f"{count:,} namesakes", binary, measure(binary, path, args.timeout))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
