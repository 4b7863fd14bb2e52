#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fails when a file of the repository points outside it, or at a note of docs/ that does not
exist. A newcomer with only a clone must be able to follow every reference. Prints TAP.

Scanned: every text file under src/, tests/, bench/, build-aux/, data/ and docs/, and also
flatpak/, .ci/ and the top-level README.md and meson files (not debian/, where a package build
leaves its own files). Checked:
- no path into the product's shared brief beside the repository (dot-dot-slash "shared") and no
  absolute path of the machine it was written on (the "work" folder at the root);
- the names of the brief's files (its decisions page, its CertCentral page, design, style,
  platform notes, glossary, the seed page) only as paths into docs/ that exist: outside docs/
  written from the top ("docs/" and the name), inside docs/ also as a relative link;
- every note of docs/ cited exists, and so does the section after '#' (a heading of that file,
  as GitHub makes its anchor);
- every relative Markdown link inside docs/ leads to a file (and section) that exists.
"""
import os
import re
import sys

srcdir = os.path.abspath(sys.argv[1])
SCANNED_DIRS = ('src', 'tests', 'bench', 'build-aux', 'data', 'docs', 'flatpak', '.ci')
SCANNED_FILES = ('README.md', 'meson.build', 'meson_options.txt')
# Inputs of the fuzz harnesses: bytes for a parser, not text anyone follows.
SKIPPED_DIRS = (os.path.join('tests', 'fuzz', 'corpus'),)

# Written in pieces so that this file does not match its own patterns.
OUTSIDE = [
    ('..' + '/shared', 'points at the shared brief beside the repository'),
    ('/' + 'work' + '/', 'names a path of the machine it was written on'),
]
BRIEF_NAMES = ['decisions', 'certcentral', 'design', 'style', 'platform-notes', 'glossary-nl']
BRIEF_NAME_RE = re.compile(r'[\w./-]*\b(?:' + '|'.join(re.escape(n) for n in BRIEF_NAMES)
                           + r')\.md\b(?:#[\w-]+)?|[\w./-]*\bseed-order-pkio-burger\.txt\b')
DOCS_REF_RE = re.compile(r'(?<![\w./-])docs/[\w./-]+?\.md(?:#[\w-]+)?')
MD_LINK_RE = re.compile(r'\]\(([^)\s]+)\)')


def text_files():
    for top in SCANNED_DIRS:
        for root, dirs, files in os.walk(os.path.join(srcdir, top)):
            rel_root = os.path.relpath(root, srcdir)
            dirs[:] = sorted(d for d in dirs
                             if d != '__pycache__'
                             and os.path.join(rel_root, d) not in SKIPPED_DIRS)
            for name in sorted(files):
                yield os.path.join(rel_root, name)
    for name in SCANNED_FILES:
        if os.path.exists(os.path.join(srcdir, name)):
            yield name


def read_text(rel):
    with open(os.path.join(srcdir, rel), 'rb') as f:
        data = f.read()
    if b'\0' in data:
        return None
    try:
        return data.decode('utf-8')
    except UnicodeDecodeError:
        return None


def slug(heading):
    """The anchor GitHub gives a Markdown heading."""
    text = heading.strip().lower()
    text = re.sub(r'[^\w\- ]', '', text)
    return text.replace(' ', '-')


_anchors = {}


def anchors_of(rel):
    if rel not in _anchors:
        found = set()
        seen = {}
        text = read_text(rel) or ''
        in_fence = False
        for line in text.splitlines():
            if line.lstrip().startswith('```'):
                in_fence = not in_fence
                continue
            m = re.match(r'#{1,6}\s+(.*?)\s*#*\s*$', line)
            if m and not in_fence:
                base = slug(m.group(1))
                n = seen.get(base, 0)
                seen[base] = n + 1
                found.add(base if n == 0 else f'{base}-{n}')
        _anchors[rel] = found
    return _anchors[rel]


def resolve(target, from_rel):
    """Repository-relative path of @target as cited from @from_rel, or None when it leaves the
    repository. 'docs/…' is from the top; inside docs/ a bare name is relative to the file."""
    if target.startswith('docs/'):
        path = os.path.normpath(target)
    elif from_rel.startswith('docs' + os.sep):
        path = os.path.normpath(os.path.join(os.path.dirname(from_rel), target))
    else:
        return None
    if path.startswith('..') or os.path.isabs(path):
        return None
    return path


def check_target(target, from_rel):
    """An error message for a cited 'file.md#section', or None when it exists."""
    path_part, _, anchor = target.partition('#')
    if path_part == '':
        path = from_rel
    else:
        path = resolve(path_part, from_rel)
        if path is None:
            return f'{target}: not a path into docs/ of this repository'
    if not os.path.isfile(os.path.join(srcdir, path)):
        return f'{target}: {path} does not exist'
    if anchor and path.endswith('.md') and anchor not in anchors_of(path):
        return f'{target}: {path} has no section "#{anchor}"'
    return None


problems = {key: [] for key in ('outside', 'brief', 'docs', 'links')}
scanned = {top: 0 for top in SCANNED_DIRS}
n_docs_refs = 0

for rel in text_files():
    text = read_text(rel)
    if text is None:
        continue
    top = rel.split(os.sep)[0]
    if top in scanned:
        scanned[top] += 1
    in_docs = rel.startswith('docs' + os.sep)
    for lineno, line in enumerate(text.splitlines(), 1):
        where = f'{rel}:{lineno}'
        for needle, why in OUTSIDE:
            if needle in line:
                problems['outside'].append(f'{where}: {why}')
        for m in BRIEF_NAME_RE.finditer(line):
            error = check_target(m.group(0), rel)
            if error:
                problems['brief'].append(f'{where}: {error}')
        for m in DOCS_REF_RE.finditer(line):
            n_docs_refs += 1
            error = check_target(m.group(0), rel)
            if error:
                problems['docs'].append(f'{where}: {error}')
        if in_docs and rel.endswith('.md'):
            for m in MD_LINK_RE.finditer(line):
                target = m.group(1)
                if re.match(r'[a-z]+:', target):
                    continue
                error = check_target(target, rel)
                if error:
                    problems['links'].append(f'{where}: {error}')

tests = [
    (all(scanned[top] > 0 for top in ('src', 'tests', 'docs')) and n_docs_refs > 0,
     f'the scan sees the tree ({sum(scanned.values())} files, {n_docs_refs} citations of docs/)',
     []),
    (not problems['outside'], 'no file points outside the repository', problems['outside']),
    (not problems['brief'], "the shared brief's file names appear only as paths into docs/",
     problems['brief']),
    (not problems['docs'], 'every docs/ note and section cited exists', problems['docs']),
    (not problems['links'], 'every link inside docs/ leads to a file and section that exist',
     problems['links']),
]

print(f'1..{len(tests)}')
failed = 0
for i, (ok, desc, details) in enumerate(tests, 1):
    print(f'{"ok" if ok else "not ok"} {i} - {desc}')
    for detail in details:
        print(f'# {detail}')
    failed += not ok
sys.exit(1 if failed else 0)
