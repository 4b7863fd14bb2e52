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
# Files whose whole code is the target; FILE:FUNC,FUNC when only those functions of a file are
# (the rest is the client's network code, which no harness runs).
declare -A targets=(
  [account-answers]="src/core/api/pkio-client-calls.c:read_object_answer,_pkio_client_read_user_answer,_pkio_client_read_balance_answer,_pkio_client_read_product_answer"
  [api-error]="src/core/api/pkio-api-error.c"
  [json-guard]="src/core/api/pkio-json-guard.c"
  [order-answer]="src/core/api/pkio-client.c:pkio_order_answer_from_json,pkio_order_answer_new,pkio_order_answer_free"
  [order-file]="src/cli/pkio-cli-common.c:pkio_cli_read_json_file,print_parse_error src/core/order/pkio-order-json-read.c src/core/order/pkio-order-json.c src/core/order/pkio-order-validate.c src/core/order/pkio-field-rules.c"
  [order-list]="src/core/api/pkio-client-orders.c:_pkio_client_read_orders_answer,_pkio_client_read_order_answer src/core/api/pkio-remote-order.c"
  [order-validate]="src/core/order/pkio-order-validate.c src/core/order/pkio-field-rules.c src/core/order/pkio-order.c"
  [batch-csv]="src/core/batch/pkio-batch-text.c src/core/order/pkio-csv.c src/core/batch/pkio-batch.c src/core/batch/pkio-batch-row.c src/core/batch/pkio-batch-columns.c src/core/batch/pkio-batch-values.c src/core/batch/pkio-batch-write.c"
)
if [ $# -eq 0 ]; then
  set -- account-answers api-error json-guard order-answer order-file order-list order-validate \
    batch-csv
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
data = json.load(sys.stdin)["data"][0]
for target in sys.argv[1].split():
    rel, _, names = target.partition(":")
    name = os.path.join(sys.argv[2], rel)
    if not names:
        for f in data["files"]:
            if os.path.normpath(f["filename"]) == name:
                lines = f["summary"]["lines"]
                funcs = f["summary"]["functions"]
                print("  %s: lines %d/%d (%.1f%%), functions %d/%d" % (
                    rel, lines["covered"], lines["count"], lines["percent"],
                    funcs["covered"], funcs["count"]))
        continue
    # Regions (code blocks) of the named functions, counted where the function was compiled.
    seen = {}
    for fn in data["functions"]:
        short = fn["name"].split(":")[-1]
        if short in names.split(",") and os.path.normpath(fn["filenames"][0]) == name:
            regions = [r for r in fn["regions"] if r[5] == 0 and r[7] == 0]
            covered = sum(1 for r in regions if r[4] > 0)
            best = seen.get(short, (0, 0))
            if covered >= best[0]:
                seen[short] = (covered, len(regions))
    text = ", ".join("%s %d/%d" % (k, v[0], v[1]) for k, v in sorted(seen.items()))
    total = sum(v[1] for v in seen.values())
    covered = sum(v[0] for v in seen.values())
    print("  %s: regions of %s covered %d/%d (%.1f%%)" % (
        rel, text, covered, total, 100.0 * covered / total if total else 0))
' "${targets[$harness]}" "$srcdir"
done
