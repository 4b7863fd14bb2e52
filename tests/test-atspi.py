#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Starts the real pkio-orders binary and looks at it the way a screen reader (or a person) does,
through AT-SPI: the window, both views, the main menu, the practice banner. In practice mode it
also places the seed's first example order through the accessible names of the form's fields,
reviews it, places it and reads the order number from the result page. Practice mode's example
that ends in 20 days is warned about with a desktop notification (a notification server of the
test's own takes it: without one GLib warns, and the app runs with warnings fatal). Prints TAP.

usage: test-atspi.py PKIO_ORDERS_BINARY   (env LANGUAGE=nl expects the Dutch UI)
Needs /usr/bin/python3 with gi + Atspi, a display and a session bus (the test wrapper)."""
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
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
    'first': 'Voornaam' if dutch else 'First name',
    'last': 'Achternaam' if dutch else 'Last name',
    'email': 'E-mailadres' if dutch else 'Email address',
    'phone': 'Telefoonnummer' if dutch else 'Telephone',
    'state': 'Provincie' if dutch else 'Province or state',
    'city': 'Plaats' if dutch else 'City',
    'zip': 'Postcode' if dutch else 'Postal code',
    'recipient': 'Naam van de ontvanger' if dutch else 'Recipient name',
    'addr1': 'Adresregel 1' if dutch else 'Address',
    'addr2': 'Adresregel 2 (niet verplicht)' if dutch else 'Address line 2 (optional)',
    'encryption': 'Vertrouwelijkheid' if dutch else 'Encryption',
    'advanced': 'Geavanceerd' if dutch else 'Advanced',
    'pss': 'RSASSA-PSS-handtekening' if dutch else 'RSASSA-PSS signature',
    'csa': ('De certificaathouder gaat akkoord met de certificaatabonneeovereenkomst' if dutch
            else 'The certificate holder agrees to the Certificate Subscriber Agreement'),
    'review': 'Bestelling controleren' if dutch else 'Review order',
    'place': 'Bestelling plaatsen' if dutch else 'Place order',
    'placed': 'Bestelling geplaatst' if dutch else 'Order placed',
    'order_number': 'Bestelnummer' if dutch else 'Order number',
    'ends_soon': 'Certificaat verloopt binnenkort' if dutch else 'Certificate ends soon',
}

results = []


def check(ok, description):
    results.append((bool(ok), description))
    # At once (TAP allows the plan at the end): a run stopped by its timeout shows how far it got.
    print('%s %d - %s' % ('ok' if ok else 'not ok', len(results), description), flush=True)


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


def describe_path(nodes):
    """'role name > role name …' of the last few of @nodes, as far as they can still be read."""
    names = []
    for node in nodes[-5:]:
        try:
            names.append('%s %r' % (node.get_role_name(), node.get_name()))
        except gi.repository.GLib.Error:
            names.append('(gone)')
    return ' > '.join(names)


def walk(node, depth=0, path=()):
    """Every node under @node. The app may take a node away while the tree is read (a page
    rebuilt, a row replaced): libatspi then says "The application no longer exists" for that
    node. A screen reader skips it and reads the tree again later, and so does this (wait_for);
    what went is said on stderr, so that a node the app keeps replacing can be seen. (Only the
    nodes are kept on the way down: each name read costs a call to the app.)"""
    if node is None or depth > 40:
        return
    yield node
    here = path + (node,)
    try:
        n = node.get_child_count()
    except gi.repository.GLib.Error as e:
        sys.stderr.write('# went while read, under %s: %s\n' % (describe_path(path), e))
        return
    for i in range(n):
        try:
            child = node.get_child_at_index(i)
        except gi.repository.GLib.Error as e:
            sys.stderr.write('# went while read, child %d of %s: %s\n'
                             % (i, describe_path(here), e))
            continue
        yield from walk(child, depth + 1, here)


def find(root, role, name):
    for node in walk(root):
        try:
            if node.get_role_name() == role and node.get_name() == name:
                return node
        except gi.repository.GLib.Error:
            continue
    return None


def find_all(root, role, name):
    found = []
    for node in walk(root):
        try:
            if node.get_role_name() == role and node.get_name() == name:
                found.append(node)
        except gi.repository.GLib.Error:
            continue
    return found


def wait_for(what, timeout=15):
    deadline = time.time() + timeout
    while time.time() < deadline:
        result = what()
        if result:
            return result
        time.sleep(0.2)
    return None


def checked(node):
    return node.get_state_set().contains(Atspi.StateType.CHECKED)


def is_checked_soon(node):
    """A click is handled when the app's main loop gets to it, and its new state reaches the
    accessibility bus after that: on a busy machine later than the click's own pause."""
    return bool(wait_for(lambda: checked(node), 10))


# The window has no window manager to place it: it sits at 0,0, so its coordinates are the
# screen's. The form scrolls between the header bar and the bottom of the 680 px window.
VISIBLE_TOP, VISIBLE_BOTTOM, WHEEL_X, WHEEL_Y = 110, 630, 480, 400


def click(node):
    """Scrolls @node into view with the mouse wheel, as a person would, then clicks it."""
    component = node.get_component_iface()
    for _ in range(200):
        extents = component.get_extents(Atspi.CoordType.WINDOW)
        if extents.y < VISIBLE_TOP:
            Atspi.generate_mouse_event(WHEEL_X, WHEEL_Y, 'b4c')
        elif extents.y + extents.height > VISIBLE_BOTTOM:
            Atspi.generate_mouse_event(WHEEL_X, WHEEL_Y, 'b5c')
        else:
            # Scrolling may still be settling: click where the node is once it stays put.
            time.sleep(0.3)
            settled = component.get_extents(Atspi.CoordType.WINDOW)
            if (settled.y, settled.height) != (extents.y, extents.height):
                continue
            Atspi.generate_mouse_event(extents.x + extents.width // 2,
                                       extents.y + extents.height // 2, 'b1c')
            time.sleep(0.3)
            return True
        time.sleep(0.02)
    return False


def type_into(app, name, text, index=0):
    fields = find_all(app, 'text', name)
    if len(fields) <= index:
        return False
    # GTK 4.8 gives the field's text box (see pkio-accessible-fields.c) no Text interface to read
    # back: what was typed is checked in the order the simulator took.
    return bool(fields[index].get_editable_text_iface().set_text_contents(text))


def press(app, name):
    buttons = find_all(app, 'push button', name)
    if not buttons or buttons[0].get_action_iface() is None:
        return False
    return buttons[0].get_action_iface().do_action(0)


def practice_orders(data_home):
    state_path = os.path.join(data_home, 'pkio-orders', 'practice-simulator.json')
    try:
        with open(state_path, encoding='utf-8') as f:
            return json.load(f).get('orders', [])
    except (OSError, ValueError):
        return []


def place_seed_order(app, data_home):
    """Seed example 1 (a new person, encryption) through the accessible names."""
    check(wait_for(lambda: find_all(app, 'text', T['first'])),
          'the form offers a field named %r' % T['first'])
    typed = [
        type_into(app, T['first'], 'John'),
        type_into(app, T['last'], 'Doe'),
        type_into(app, T['email'], 'john.doe@example.com'),
        type_into(app, T['phone'], '+31(0)20 254 7999'),
        type_into(app, T['state'], 'Amsterdam', 0),
        type_into(app, T['city'], 'Amsterdam', 0),
        type_into(app, T['zip'], '1013 AA', 0),
        type_into(app, T['recipient'], 'John Doe'),
        type_into(app, T['addr1'], '813 Lincoln Street'),
        type_into(app, T['addr2'], 'Suite 20'),
        type_into(app, T['zip'], '1013 AA', 1),
        type_into(app, T['city'], 'Amsterdam', 1),
        type_into(app, T['state'], 'Amsterdam', 1),
    ]
    check(all(typed), 'every field of the seed order is found by its name and typed into')

    encryption = find_all(app, 'radio button', T['encryption'])
    check(encryption and click(encryption[0]) and is_checked_soon(encryption[0]),
          'the profile %r is chosen' % T['encryption'])
    advanced = find_all(app, 'list item', T['advanced'])
    pss = find_all(app, 'check box', T['pss'])
    check(advanced and click(advanced[0]) and pss and click(pss[0]) and is_checked_soon(pss[0]),
          'the switch %r is on' % T['pss'])
    csa = find_all(app, 'check box', T['csa'])
    check(csa and click(csa[0]) and is_checked_soon(csa[0]), 'the agreement is ticked')

    check(press(app, T['review']), 'a button named %r' % T['review'])
    check(wait_for(lambda: find_all(app, 'push button', T['place'])),
          'the review offers %r' % T['place'])
    ids_before = {o.get('id') for o in practice_orders(data_home)}
    check(press(app, T['place']), 'the order is placed from the review')

    check(wait_for(lambda: find_all(app, 'label', T['placed'])), 'the result says %r' % T['placed'])
    rows = find_all(app, 'list item', T['order_number'])
    numbers = []
    for row in rows:
        for node in walk(row):
            try:
                if node.get_role_name() == 'label' and node.get_name().isdigit():
                    numbers.append(int(node.get_name()))
            except gi.repository.GLib.Error:
                continue
    check(len(numbers) == 1, 'the result page shows one order number')
    if not numbers:
        return

    # The practice simulator keeps its orders on disk: the number shown is the one order it
    # took (besides practice mode's examples, which were there before).
    orders = [o for o in practice_orders(data_home) if o.get('id') not in ids_before]
    placed = [o for o in orders if o.get('id') == numbers[0]]
    check(len(orders) == 1 and len(placed) == 1
          and placed[0].get('first_name') == 'John'
          and placed[0].get('last_name') == 'Doe'
          and placed[0].get('email') == 'john.doe@example.com'
          and placed[0].get('profile_option') == 'encryption'
          and placed[0].get('ship_method') == 'STANDARD'
          and placed[0].get('payment_method') == 'balance',
          'the simulator took exactly that order, %d, for john.doe@example.com' % numbers[0])


def showing(node):
    # GTK 4.8 marks every widget "visible" and none "showing"; an unrevealed widget has no size.
    if node is None:
        return False
    component = node.get_component_iface()
    if component is None:
        return False
    size = component.get_size()
    return size.x > 0 and size.y > 0


class NotificationServer:
    """tests/notification-server.py: prints the summary of each notification it is sent."""

    def __init__(self):
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                              'notification-server.py')
        self.proc = subprocess.Popen([sys.executable, script], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        self.ready = self.proc.stdout.readline().strip() == 'ready'

    def wait_for(self, summary, timeout):
        end = time.time() + timeout
        while time.time() < end:
            readable, _w, _x = select.select([self.proc.stdout], [], [], end - time.time())
            if not readable:
                break
            line = self.proc.stdout.readline()
            if not line:
                break
            if line.strip() == summary:
                return True
        return False

    def stop(self):
        self.proc.stdin.close()
        self.proc.wait(5)


notifications = NotificationServer()


def run(extra_args, practice):
    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    # The app runs with warnings fatal; this script does not (libatspi warns about apps that
    # come and go, which is not ours to fix).
    env['G_DEBUG'] = 'fatal-warnings'
    # A data folder of its own: the practice orders of this run and nothing else.
    data_home = tempfile.mkdtemp(prefix='pkio-atspi-')
    env['XDG_DATA_HOME'] = data_home

    # The app's stderr goes to a file, shown after the run when the app said anything (a
    # warning is fatal for it here): a pipe nobody reads could also fill up and stop the app.
    app_log = tempfile.TemporaryFile(mode='w+', prefix='pkio-atspi-app-')
    proc = subprocess.Popen([binary] + extra_args, env=env,
                            stdout=subprocess.DEVNULL, stderr=app_log)
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
        # The banner's title is an alert (pkio-banner.c): news for a screen reader.
        banner = find(app, 'alert', T['banner']) or find(app, 'label', T['banner'])
        if practice:
            check(showing(banner), 'the practice banner is showing')
            check(notifications.wait_for(T['ends_soon'], 10),
                  'the example that ends in 20 days is warned about (%r)' % T['ends_soon'])
        else:
            check(not showing(banner), 'no practice banner outside practice mode')
        if history_tab is not None:
            action = history_tab.get_action_iface()
            if action is not None and action.get_n_actions() > 0:
                action.do_action(0)
                time.sleep(0.3)
            check(history_tab.get_state_set().contains(Atspi.StateType.SELECTED),
                  'activating %r selects it' % T['history'] + label)
        if practice and new_tab is not None:
            new_tab.get_action_iface().do_action(0)
            time.sleep(0.3)
            place_seed_order(app, data_home)
    finally:
        ended_by_itself = proc.poll()
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        check(ended_by_itself is None, 'the app ran until the test ended it%s%s'
              % (' (practice)' if practice else '',
                 '' if ended_by_itself is None else ' (it ended by itself: %s)' % ended_by_itself))
        app_log.seek(0)
        said = app_log.read()
        app_log.close()
        if said:
            sys.stderr.write('---- the app said%s:\n%s\n' % (' (practice)' if practice else '',
                                                          said))
        shutil.rmtree(data_home, ignore_errors=True)


check(notifications.ready, 'a notification server of the test\'s own runs')
run([], practice=False)
run(['--practice'], practice=True)
notifications.stop()

print('1..%d' % len(results))
sys.exit(0 if all(ok for ok, _ in results) else 1)
