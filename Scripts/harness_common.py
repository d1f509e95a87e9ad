"""Shared helpers for the reliability harnesses: find or build the convene binary, run it."""
import argparse
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parser_with_common_options(doc):
    """An argument parser with the options every harness takes: --full, --binary, --release."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--full", action="store_true", help="the scale of the published figures")
    parser.add_argument("--binary", help="a built convene executable (default: swift build)")
    parser.add_argument("--release", action="store_true", help="build and use a release binary")
    return parser


def convene_binary(explicit=None, release=False):
    """The convene executable: --binary, else `swift build` (debug unless release) and its bin path."""
    if explicit:
        return os.path.abspath(explicit)
    config = ["-c", "release"] if release else []
    subprocess.run(["swift", "build", *config, "--product", "convene"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    path = subprocess.run(["swift", "build", *config, "--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "convene")


def run(binary, db, *args, check=True):
    """Runs `convene --db DB ARGS…`; returns the completed process."""
    result = subprocess.run([binary, "--db", db, *args], capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit(f"convene {' '.join(args)} failed ({result.returncode}): {result.stderr.strip()}")
    return result


def make_registrations(count, path):
    subprocess.run([sys.executable, os.path.join(ROOT, "Scripts", "make_registrations.py"), str(count), path], check=True)
