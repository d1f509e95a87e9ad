#!/usr/bin/env bash
# The release build: what the README installs and Scripts/benchmark.sh measures.
#
#   Scripts/build-release.sh                    # builds convene and convene-serve
#   Scripts/build-release.sh --product convene  # one of them
#   Scripts/build-release.sh --show-bin-path    # where they are (.build/release)
#
# --static-swift-stdlib links the Swift runtime and Foundation in (and, by Package.swift, the
# C++ runtime): the programs need only the system's libsqlite3 and C library, and no shared
# Swift libraries are loaded and relocated at each start.
#
# -disable-concrete-type-metadata-mangled-name-accessors, for every module (the packages
# too, which a setting in Package.swift cannot reach): by default the compiler makes the
# metadata of a concrete generic type such as Option<String> by demangling its name at its
# first use, and the runtime then checks each generic requirement by scanning all ~7,100
# protocol conformance records of the binary. Argument parsing meets dozens of such types
# in every command. With the flag the compiler calls the type's metadata function directly,
# with the requirements it already checked. callgrind, `convene attend` for one person:
# 40.9M instructions without, 33.8M with; the binary is 0.2% larger.
set -euo pipefail
cd "$(dirname "$0")/.."
exec swift build -c release --static-swift-stdlib \
  -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors "$@"
