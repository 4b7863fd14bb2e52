#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a file with translatable strings is missing from po/POTFILES.in, when a listed
file does not exist, or when the list is not sorted. Prints TAP."""
import os
import re
import sys

srcdir = sys.argv[1]
potfiles_path = os.path.join(srcdir, 'po', 'POTFILES.in')
with open(potfiles_path, encoding='utf-8') as f:
    listed = [l.strip() for l in f if l.strip() and not l.startswith('#')]

MARKERS = {
    '.c': re.compile(r'\b(?:_|N_|C_|NC_|ngettext|g_dngettext)\s*\('),
    '.ui': re.compile(r'translatable="yes"'),
    '.in': re.compile(r'.'),
    '.xml': re.compile(r'<summary>|<description>'),
}

needed = []
for top in ('src', 'data'):
    for root, dirs, files in os.walk(os.path.join(srcdir, top)):
        for name in files:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, srcdir)
            ext = os.path.splitext(name)[1]
            if name.endswith('.gschema.xml') or name.endswith('.gschema.xml.in'):
                ext = '.xml'
            elif ext == '.xml':
                continue
            if ext not in MARKERS:
                continue
            if ext == '.in' and not (name.endswith('.desktop.in') or name.endswith('.metainfo.xml.in')):
                continue
            with open(path, encoding='utf-8', errors='replace') as f:
                text = f.read()
            if ext == '.c':
                # ignore the "#include <glib/gi18n.h>" line and comments
                text = re.sub(r'/\*.*?\*/', '', text, flags=re.S)
            if MARKERS[ext].search(text):
                needed.append(rel)

tests = []
for rel in sorted(needed):
    tests.append((rel in listed, f'{rel} is in po/POTFILES.in'))
for rel in listed:
    tests.append((os.path.exists(os.path.join(srcdir, rel)), f'{rel} (listed) exists'))
tests.append((listed == sorted(listed), 'po/POTFILES.in is sorted'))
tests.append((len(set(listed)) == len(listed), 'po/POTFILES.in has no duplicates'))

print(f'1..{len(tests)}')
failed = 0
for i, (ok, desc) in enumerate(tests, 1):
    print(f'{"ok" if ok else "not ok"} {i} - {desc}')
    failed += not ok
sys.exit(1 if failed else 0)
