#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Line coverage of the code each fuzz harness targets, from replaying a corpus (tests/README.md,
# "Fuzzing"): builds _build-cov (clang, source-based coverage) when needed, replays the
# committed corpus plus _build-fuzz/corpus-work/HARNESS when present, and prints llvm-cov's
# per-function table for the harness's files.
#   tests/fuzz/coverage.sh [HARNESS…]
set -euo pipefail
srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
builddir="${COV_BUILDDIR:-$srcdir/_build-cov}"
declare -A targets=(
  [account-answers]="src/core/api/pkio-client-calls.c"
  [api-error]="src/core/api/pkio-api-error.c"
  [json-guard]="src/core/api/pkio-json-guard.c"
  [order-answer]="src/core/api/pkio-client.c"
  [order-file]="src/cli/pkio-cli-common.c src/core/order/pkio-order-json-read.c src/core/order/pkio-order-json.c src/core/order/pkio-order-validate.c src/core/order/pkio-field-rules.c"
  [order-list]="src/core/api/pkio-client-orders.c src/core/api/pkio-remote-order.c"
  [order-validate]="src/core/order/pkio-order-validate.c src/core/order/pkio-field-rules.c src/core/order/pkio-order.c"
)
if [ $# -eq 0 ]; then
  set -- account-answers api-error json-guard order-answer order-file order-list order-validate
fi

if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" "$srcdir" -Dbuildtype=debug \
    -Dc_args="-fprofile-instr-generate -fcoverage-mapping" \
    -Dc_link_args="-fprofile-instr-generate" >&2
fi
for harness in "$@"; do
  ninja -C "$builddir" "tests/fuzz/fuzz-replay-$harness" >&2
  exe="$builddir/tests/fuzz/fuzz-replay-$harness"
  profile="$builddir/coverage-$harness"
  rm -rf "$profile"
  mkdir -p "$profile"
  corpora=("$srcdir/tests/fuzz/corpus/$harness")
  work="$srcdir/_build-fuzz/corpus-work/$harness"
  [ -d "$work" ] && corpora+=("$work")
  LLVM_PROFILE_FILE="$profile/%p.profraw" G_DEBUG=gc-friendly "$exe" "${corpora[@]}" \
    | grep -c '^ok' | sed "s/^/$harness: inputs replayed: /"
  llvm-profdata merge -sparse "$profile"/*.profraw -o "$profile/merged.profdata"
  # llvm-cov 14 ignores a source filter on these paths: read its JSON export instead.
  llvm-cov export "$exe" -instr-profile="$profile/merged.profdata" \
    | python3 -c '
import json, os, sys
wanted = sys.argv[1].split()
data = json.load(sys.stdin)["data"][0]
for f in data["files"]:
    name = os.path.normpath(f["filename"])
    rel = os.path.relpath(name, sys.argv[2])
    if rel not in wanted:
        continue
    lines = f["summary"]["lines"]
    funcs = f["summary"]["functions"]
    never = sorted({fn["name"].split(":")[-1] for fn in data["functions"]
                    if fn["count"] == 0 and any(os.path.normpath(n) == name
                                                for n in fn["filenames"])})
    text = "  %s: lines %d/%d (%.1f%%), functions %d/%d" % (
        rel, lines["covered"], lines["count"], lines["percent"], funcs["covered"],
        funcs["count"])
    if never:
        text += "; never run: " + ", ".join(never)
    print(text)
' "${targets[$harness]}" "$srcdir"
done
