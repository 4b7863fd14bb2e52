#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What Flathub asks of the metainfo beyond `appstreamcli validate`, checked on the merged
(translated) file. Prints TAP.

usage: check-metainfo.py METAINFO APP_ID VERSION SOURCE_ROOT MIN_SCREENSHOTS
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

path, app_id, version, srcroot, min_screenshots = sys.argv[1:6]
min_screenshots = int(min_screenshots)
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
MAX_SUMMARY = 35  # Flathub's limit, in characters
COLOUR = re.compile(r'^#[0-9a-fA-F]{6}$')

root = ET.parse(path).getroot()
tests = []


def check(ok, description):
    tests.append((bool(ok), description))


check(root.findtext('id') == app_id, f'id is {app_id}')
check(root.findtext('launchable') == app_id + '.desktop', f'launchable is {app_id}.desktop')

developer = root.find('developer')
check(developer is not None and developer.get('id') == 'io.github.pkioorders',
      'developer has id="io.github.pkioorders"')
check(developer is not None and (developer.findtext('name') or '').strip() != '',
      'developer has a name')
check(root.find('developer_name') is None, 'no deprecated developer_name')

colours = {c.get('scheme_preference'): (c.text or '').strip()
           for c in root.findall('branding/color') if c.get('type') == 'primary'}
for scheme in ('light', 'dark'):
    check(COLOUR.match(colours.get(scheme, '')),
          f'branding has a {scheme} primary colour #rrggbb (got {colours.get(scheme)!r})')
check(colours.get('light') != colours.get('dark'), 'light and dark branding colours differ')

summaries = {s.get(XML_LANG): (s.text or '').strip() for s in root.findall('summary')}
for lang in (None, 'nl'):
    text = summaries.get(lang, '')
    label = 'English' if lang is None else f'translated ({lang})'
    check(0 < len(text) <= MAX_SUMMARY,
          f'{label} summary has 1..{MAX_SUMMARY} characters (got {len(text)}: {text!r})')
check(summaries.get('nl') != summaries.get(None), 'the Dutch summary is a translation')

urls = {u.get('type'): (u.text or '').strip() for u in root.findall('url')}
for kind in ('homepage', 'bugtracker', 'vcs-browser'):
    check(urls.get(kind, '').startswith('https://'), f'url type="{kind}" is https')

ratings = {a.get('id'): a.text for a in root.findall('content_rating/content_attribute')}
check(root.find('content_rating') is not None
      and root.find('content_rating').get('type') == 'oars-1.1', 'content_rating is OARS 1.1')
check(ratings.get('social-info') == 'intense',
      'OARS social-info intense: a citizen\'s name, email, phone and address go to DigiCert')
check(ratings.get('money-purchasing') == 'intense', 'OARS money-purchasing intense: orders cost money')

# Screenshots live in this repository and are addressed through the release tag, so the store
# shows the files of that release, never whatever a branch holds later.
prefix = f'https://raw.githubusercontent.com/pkioorders/pkio-orders/v{version}/'
images = [(i.text or '').strip() for i in root.findall('screenshots/screenshot/image')]
check(len(images) >= min_screenshots,
      f'at least {min_screenshots} screenshot(s) (got {len(images)})')
for url in images:
    in_repo = url[len(prefix):] if url.startswith(prefix) else None
    check(in_repo is not None, f'{url} points at tag v{version}')
    check(in_repo is not None and os.path.isfile(os.path.join(srcroot, in_repo)),
          f'{url}: the file is in the source tree')
check(all(s.findtext('caption') for s in root.findall('screenshots/screenshot')),
      'every screenshot has a caption')

releases = [r.get('version') for r in root.findall('releases/release')]
check(releases[:1] == [version], f'the newest release is {version}, the project version')

print(f'1..{len(tests)}')
failed = 0
for i, (ok, description) in enumerate(tests, 1):
    print(f'{"ok" if ok else "not ok"} {i} - {description}')
    failed += not ok
sys.exit(1 if failed else 0)
