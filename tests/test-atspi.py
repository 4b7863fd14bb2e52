#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Starts the real pkio-orders binary and looks at it the way a screen reader (or a person) does,
through AT-SPI: the window, both views, the main menu, the practice banner. Prints TAP.

usage: test-atspi.py PKIO_ORDERS_BINARY   (env LANGUAGE=nl expects the Dutch UI)
Needs /usr/bin/python3 with gi + Atspi, a display and a session bus (the test wrapper)."""
import os
import subprocess
import sys
import time

try:
    import gi
    gi.require_version('Atspi', '2.0')
    from gi.repository import Atspi
except (ImportError, ValueError) as e:
    print('1..0 # SKIP no AT-SPI bindings for this python: %s' % e)
    sys.exit(0)

binary = sys.argv[1]
dutch = os.environ.get('LANGUAGE', '').startswith('nl')
T = {
    'title': 'PKIo-bestellingen' if dutch else 'PKIo Orders',
    'new': 'Nieuwe bestelling' if dutch else 'New order',
    'history': 'Geschiedenis' if dutch else 'History',
    'menu': 'Hoofdmenu' if dutch else 'Main menu',
    'banner': 'Oefenmodus — geen echte bestellingen' if dutch else 'Practice mode — no real orders',
}

results = []


def check(ok, description):
    results.append((bool(ok), description))


def find_app(pid, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_process_id() == pid and app.get_child_count() > 0:
                    return app
            except gi.repository.GLib.Error:
                pass
        time.sleep(0.1)
    return None


def walk(node, depth=0):
    if node is None or depth > 40:
        return
    yield node
    for i in range(node.get_child_count()):
        yield from walk(node.get_child_at_index(i), depth + 1)


def find(root, role, name):
    for node in walk(root):
        try:
            if node.get_role_name() == role and node.get_name() == name:
                return node
        except gi.repository.GLib.Error:
            continue
    return None


def showing(node):
    # GTK 4.8 marks every widget "visible" and none "showing"; an unrevealed widget has no size.
    if node is None:
        return False
    component = node.get_component_iface()
    if component is None:
        return False
    size = component.get_size()
    return size.x > 0 and size.y > 0


def run(extra_args, practice):
    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    # The app runs with warnings fatal; this script does not (libatspi warns about apps that
    # come and go, which is not ours to fix).
    env['G_DEBUG'] = 'fatal-warnings'

    proc = subprocess.Popen([binary] + extra_args, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        app = find_app(proc.pid)
        label = ' (practice)' if practice else ''
        check(app is not None, 'the app appears on the accessibility bus' + label)
        if app is None:
            return
        time.sleep(0.5)
        frame = find(app, 'frame', T['title'])
        check(frame is not None, 'a window titled %r%s' % (T['title'], label))
        new_tab = find(app, 'page tab', T['new'])
        history_tab = find(app, 'page tab', T['history'])
        check(new_tab is not None, 'a view named %r' % T['new'] + label)
        check(history_tab is not None, 'a view named %r' % T['history'] + label)
        menu = find(app, 'push button', T['menu'])
        check(menu is not None, 'a button named %r' % T['menu'] + label)
        banner = find(app, 'label', T['banner'])
        if practice:
            check(showing(banner), 'the practice banner is showing')
        else:
            check(not showing(banner), 'no practice banner outside practice mode')
        if history_tab is not None:
            action = history_tab.get_action_iface()
            if action is not None and action.get_n_actions() > 0:
                action.do_action(0)
                time.sleep(0.3)
            check(history_tab.get_state_set().contains(Atspi.StateType.SELECTED),
                  'activating %r selects it' % T['history'] + label)
    finally:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()


run([], practice=False)
run(['--practice'], practice=True)

print('1..%d' % len(results))
for i, (ok, description) in enumerate(results, 1):
    print('%s %d - %s' % ('ok' if ok else 'not ok', i, description))
sys.exit(0 if all(ok for ok, _ in results) else 1)
