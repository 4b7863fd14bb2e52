#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Writes what Orca says on each view into tests/a11y/transcripts/<view>.<lang>.txt: runs the
# `orca` and `orca-nl` tests (tests/test-orca.py) with PKIO_ORCA_TRANSCRIPTS pointing there.
# Commit the result with the change that made a screen reader say something else; review the
# diff as what a person who uses Orca will hear. The tests never compare against these files.
# BUILDDIR as for build-aux/pkio-dev.sh (default: _build).
set -euo pipefail
srcdir="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PKIO_ORCA_TRANSCRIPTS="$srcdir/tests/a11y/transcripts"
mkdir -p "$PKIO_ORCA_TRANSCRIPTS"
exec "$srcdir/build-aux/pkio-dev.sh" test orca orca-nl "$@"
