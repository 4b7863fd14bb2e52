#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The include rules of src/ (see src/core/README.md), as TAP:
- src/ui and src/cli never include libsoup, libsecret, sqlite3 or a -private.h header of the
  core: they reach an account through the workspace;
- a folder of src/core includes only its own headers and those of the folders below it
  (order <- api <- history <- account; the simulator and batch use order only);
- a room of src/ui (order/, history/, account/: what a person sees) includes no -private.h
  header of another room, and the frame (src/ui itself) none of any room: a room's insides
  are its own.
Usage: check-includes.py SRCDIR"""
import os
import re
import sys

srcdir = sys.argv[1]
core = os.path.join(srcdir, 'src', 'core')

# Which folders each core folder may include from (besides itself).
ALLOWED = {
    'order': set(),
    'api': {'order'},
    'history': {'order', 'api'},
    'simulator': {'order'},
    'batch': {'order'},
    'account': {'order', 'api', 'history', 'simulator', 'batch'},
}
FRONT_ENDS = ('ui', 'cli')
FORBIDDEN_SYSTEM = re.compile(r'#\s*include\s*<(libsoup/|libsecret/|sqlite3\.h)')
LOCAL = re.compile(r'#\s*include\s*"([^"]+)"')

owner = {}  # header name -> core folder
for folder in ALLOWED:
    for name in os.listdir(os.path.join(core, folder)):
        if name.endswith('.h'):
            owner[name] = folder

def sources(path):
    for root, _, files in os.walk(path):
        for name in sorted(files):
            if name.endswith(('.c', '.h')):
                yield os.path.join(root, name)

def includes(path):
    with open(path, encoding='utf-8', errors='replace') as f:
        for number, line in enumerate(f, 1):
            yield number, line

tests = []
for front in FRONT_ENDS:
    for path in sources(os.path.join(srcdir, 'src', front)):
        rel = os.path.relpath(path, srcdir)
        bad = []
        for number, line in includes(path):
            if FORBIDDEN_SYSTEM.search(line):
                bad.append(f'line {number}: {line.strip()}')
            m = LOCAL.search(line)
            if m and m.group(1) in owner and m.group(1).endswith('-private.h'):
                bad.append(f'line {number}: {line.strip()} (a private header of the core)')
        tests.append((not bad, f'{rel} reaches the account only through the core\'s public '
                               f'headers', bad))

ui = os.path.join(srcdir, 'src', 'ui')
ui_owner = {}  # header name -> room ('' for the frame)
for root, _, files in os.walk(ui):
    for name in files:
        if name.endswith('.h'):
            ui_owner[name] = '' if root == ui else os.path.relpath(root, ui)
for path in sources(ui):
    rel = os.path.relpath(path, srcdir)
    room = os.path.relpath(os.path.dirname(path), ui)
    room = '' if room == '.' else room
    bad = []
    for number, line in includes(path):
        m = LOCAL.search(line)
        if not m or not m.group(1).endswith('-private.h') or m.group(1) not in ui_owner:
            continue
        target = ui_owner[m.group(1)]
        if target != room:
            bad.append(f'line {number}: {m.group(1)} is private to src/ui/{target}/')
    tests.append((not bad, f'{rel} includes no other room\'s private header', bad))

for folder, allowed in ALLOWED.items():
    for path in sources(os.path.join(core, folder)):
        rel = os.path.relpath(path, srcdir)
        bad = []
        for number, line in includes(path):
            m = LOCAL.search(line)
            if not m or m.group(1) not in owner:
                continue
            target = owner[m.group(1)]
            if target != folder and target not in allowed:
                bad.append(f'line {number}: {m.group(1)} belongs to {target}/, which {folder}/ '
                           f'must not depend on')
            if target != folder and m.group(1).endswith('-private.h'):
                bad.append(f'line {number}: {m.group(1)} is private to {target}/')
        tests.append((not bad, f'{rel} includes only {folder}/ and the folders below it', bad))

print(f'1..{len(tests)}')
failed = 0
for i, (ok, desc, details) in enumerate(tests, 1):
    print(f'{"ok" if ok else "not ok"} {i} - {desc}')
    for d in details:
        print(f'# {d}')
    failed += not ok
sys.exit(1 if failed else 0)
