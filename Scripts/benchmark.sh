#!/usr/bin/env bash
# The benchmark that stays: builds the release binary (unless --binary names one), installs
# sqlite3 and GNU time when they are missing, and runs Scripts/benchmark.py, which measures
# each row against its floor in the same run and prints the Markdown table.
#
#   Scripts/benchmark.sh [--scale tiny|small|full] [--binary PATH] [--baseline-binary PATH]
#                        [--runs N] [--out FILE] [--work DIR] [--keep]
#
# Full scale (100k registrations, ~1M marks) is what BENCHMARKS.md reports; small is for a
# quick look; tiny is the smoke run `swift test` does (BenchmarkSmokeTests).
set -euo pipefail
cd "$(dirname "$0")/.."

binary=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --binary) binary="$2"; shift 2 ;;
    --binary=*) binary="${1#--binary=}"; shift ;;
    -h|--help) exec python3 Scripts/benchmark.py --help ;;
    *) args+=("$1"); shift ;;
  esac
done

missing=()
command -v sqlite3 >/dev/null 2>&1 || missing+=(sqlite3)
[ -x /usr/bin/time ] || missing+=(time)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== installing ${missing[*]} (the floors and the max RSS need them)" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >&2
fi

if [ -z "$binary" ]; then
  # The binary as it is installed (README), built as Scripts/build-release.sh says why.
  echo "== Scripts/build-release.sh --product convene" >&2
  Scripts/build-release.sh --product convene >&2
  binary="$(Scripts/build-release.sh --show-bin-path)/convene"
fi

exec python3 Scripts/benchmark.py --binary "$binary" ${args[@]+"${args[@]}"}
