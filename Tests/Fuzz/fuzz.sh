#!/usr/bin/env bash
# Longer fuzzing of the xsg front end with libFuzzer (outside CI). Usage:
#   Tests/Fuzz/fuzz.sh [-max_total_time=600] [other libFuzzer flags]
# Builds .build/fuzz/xsg-syntax-fuzzer (optimised, preconditions on, address sanitizer), seeds the corpus with every golden
# script and example, and runs. Crashes are written to .build/fuzz/ as crash-<hash>.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build/fuzz
mkdir -p "$out/corpus"
find Tests/Golden/syntax examples -name '*.xsg' -exec cp {} "$out/corpus/" \;
swiftc -sanitize=fuzzer,address -parse-as-library -module-name XSGSyntax -g -O \
  $(find Sources/XSGSyntax -name '*.swift' | sort) Tests/Fuzz/FuzzTarget.swift \
  -o "$out/xsg-syntax-fuzzer"
if [ "$#" -eq 0 ]; then set -- -max_total_time=300; fi
exec "$out/xsg-syntax-fuzzer" "$@" -artifact_prefix="$out/" -max_len=4096 "$out/corpus"
