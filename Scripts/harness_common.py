"""Shared helpers for the reliability harnesses: find or build the convene binary, run it."""
import argparse
import collections
import os
import signal
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parser_with_common_options(doc):
    """An argument parser with the options every harness takes: --full, --binary, --release."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="the scale of the published figures")
    parser.add_argument("--binary", help="a built convene executable (default: swift build)")
    parser.add_argument("--release", action="store_true", help="build and use a release binary")
    return parser


def convene_binary(explicit=None, release=False, serve=False):
    """The convene executable: --binary, else `swift build` (debug unless release) and its bin path.
    With `serve`, also convene-serve, which `convene serve` runs from the same folder."""
    config = ["-c", "release"] if release else []
    if explicit:
        binary = os.path.abspath(explicit)
    else:
        subprocess.run(["swift", "build", *config, "--product", "convene"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        path = subprocess.run(["swift", "build", *config, "--show-bin-path"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
        binary = os.path.join(path, "convene")
    if serve:
        if not explicit:
            subprocess.run(["swift", "build", *config, "--product", "convene-serve"], cwd=ROOT, check=True,
                           stdout=subprocess.DEVNULL)
        server = os.path.join(os.path.dirname(os.path.realpath(binary)), "convene-serve")
        if not os.access(server, os.X_OK):
            sys.exit(f"{server} is missing: `convene serve` runs it from convene's folder "
                     "(swift build --product convene-serve)")
    return binary


def run(binary, db, *args, check=True):
    """Runs `convene --db DB ARGS…`; returns the completed process."""
    result = subprocess.run([binary, "--db", db, *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit(f"convene {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result


def make_registrations(count, path):
    subprocess.run([sys.executable, os.path.join(ROOT, "Scripts", "make_registrations.py"), str(count), path], check=True)


def file_size(path):
    """The size of a file in bytes, 0 when it does not exist (a WAL is removed when the last connection closes)."""
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def watch(process, wal, poll=0.001):
    """Samples the size of `wal` every `poll` seconds until `process` exits; returns the samples
    as (seconds since the watch began, size)."""
    started = time.monotonic()
    samples = []
    while process.poll() is None:
        samples.append((time.monotonic() - started, file_size(wal)))
        time.sleep(poll)
    return samples


def resting_size(samples, count_empty=False):
    """The size the file held for most of the samples (ties: the smallest), ignoring 0 (no file yet)
    unless `count_empty`."""
    counted = collections.Counter(size for size in samples if count_empty or size > 0)
    if not counted:
        return 0
    most = max(counted.values())
    return min(size for size, count in counted.items() if count == most)


def kill_when(process, wal, after=None, wal_above=None, poll=0.001):
    """SIGKILLs `process` once `after` seconds have passed or `wal` is larger than `wal_above` bytes,
    whichever comes first. Returns (killed, wal_at_kill, wal_samples): killed is False when the
    process exited on its own first; wal_at_kill is the last size seen before the signal."""
    started = time.monotonic()
    samples = []
    while process.poll() is None:
        size = file_size(wal)
        samples.append(size)
        if (after is not None and time.monotonic() - started >= after) or (wal_above is not None and size > wal_above):
            process.send_signal(signal.SIGKILL)
            process.wait()
            return True, size, samples
        time.sleep(poll)
    return False, file_size(wal), samples
