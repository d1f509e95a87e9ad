#!/usr/bin/env bash
# Fuzz the CSV import (dialect detection, row parsing, header mapping, classification,
# de-duplication, the writes — each input as a rolled-back dry run) with libFuzzer for a
# bounded time. Crashing inputs land in Fuzz/crashes/; after the fix, move them to
# Fuzz/regressions/ so `swift test` keeps importing them.
#
# Usage: Scripts/fuzz.sh [SECONDS]        (default 60)
#
# Built with -sanitize=fuzzer,address and linked with lld (gold fails on the sanitizer
# runtime here). SwiftPM gives every executable its own entry point, so
# Fuzz/ConveneFuzz/main.swift calls libFuzzer's LLVMFuzzerRunDriver itself.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
flags=(-c release --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld)
CONVENE_FUZZ=1 swift build "${flags[@]}" --product convene-fuzz
bin="$(CONVENE_FUZZ=1 swift build "${flags[@]}" --show-bin-path)"
mkdir -p Fuzz/crashes .build-fuzz/corpus
cp -n Fuzz/corpus/* .build-fuzz/corpus/ 2>/dev/null || true
"$bin/convene-fuzz" .build-fuzz/corpus -max_total_time="$seconds" -max_len=65536 \
  -rss_limit_mb=4096 -timeout=20 -artifact_prefix=Fuzz/crashes/ -print_final_stats=1
