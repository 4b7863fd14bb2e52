#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs one libFuzzer harness by hand (tests/README.md, "Fuzzing"):
#   tests/fuzz/run-fuzzer.sh HARNESS [SECONDS]      e.g. order-file 600
# Builds _build-fuzz (clang, -Dfuzzing=true) when needed. New inputs go to
# _build-fuzz/corpus-work/HARNESS (the committed corpus is only read), crashes to
# _build-fuzz/fuzz-artifacts/HARNESS/, the log to _build-fuzz/fuzz-logs/HARNESS.log.
# Runs at nice 10: the machine is shared.
set -euo pipefail
srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
builddir="${FUZZ_BUILDDIR:-$srcdir/_build-fuzz}"
harness="${1:?usage: $0 HARNESS [SECONDS]}"
seconds="${2:-600}"

if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" "$srcdir" -Dfuzzing=true >&2
fi
ninja -C "$builddir" "tests/fuzz/fuzz-$harness" >&2

mkdir -p "$builddir/corpus-work/$harness" "$builddir/fuzz-artifacts/$harness" \
         "$builddir/fuzz-logs"
dict=()
case "$harness" in
  order-validate) ;;
  # Its 1,001-row seed is 130 kB, and libFuzzer would make inputs that long: longer inputs add
  # rows, not paths, at a tenth of the speed.
  batch-csv) dict=(-dict="$srcdir/tests/fuzz/csv.dict" -max_len=16384) ;;
  *) dict=(-dict="$srcdir/tests/fuzz/json.dict") ;;
esac
nice -n 10 "$builddir/tests/fuzz/fuzz-$harness" -max_total_time="$seconds" -print_final_stats=1 \
  -timeout=10 -artifact_prefix="$builddir/fuzz-artifacts/$harness/" "${dict[@]}" \
  "$builddir/corpus-work/$harness" "$srcdir/tests/fuzz/corpus/$harness" \
  2>&1 | tee "$builddir/fuzz-logs/$harness.log" | grep -E '^#[0-9]+ +(DONE|pulse)|^stat::|ERROR|SUMMARY' \
  || true
grep -q 'ERROR: libFuzzer\|ERROR: AddressSanitizer\|runtime error' "$builddir/fuzz-logs/$harness.log" \
  && { echo "crash: see $builddir/fuzz-artifacts/$harness/" >&2; exit 1; }
exit 0
