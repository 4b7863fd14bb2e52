# SPDX-License-Identifier: GPL-3.0-or-later
"""Helpers for tests that drive the real pkio-orders binary through AT-SPI, the way a screen
reader (Orca) sees it: start the app, find it on the accessibility bus, walk its tree, find
controls, click them, type into them, press keys and follow the keyboard focus. Prints TAP.

Needs /usr/bin/python3 with gi + Atspi, a display and a session bus (the test wrapper provides
both). Import it after checking the bindings: `atspi_util.require_atspi ()` prints a TAP skip
and exits when they are missing. Facts about GTK 4.8 this relies on (see the README's
Accessibility section): only toplevels carry the `showing` state, so "on screen" is told from
a widget's size; `Text.get_text (0, -1)` returns ''; focus changes arrive as
`object:state-changed:focused` events; keys are synthesized with XTest by the AT-SPI registry
(`Atspi.generate_keyboard_event`), which GTK 4.8 under Xvfb receives like real ones."""
import gettext
import os
import subprocess
import sys
import time

Atspi = None
GLib = None


def require_atspi():
    """Imports Atspi, or prints a TAP plan that skips everything and exits."""
    global Atspi, GLib
    try:
        import gi
        gi.require_version('Atspi', '2.0')
        from gi.repository import Atspi as atspi_module, GLib as glib_module
    except (ImportError, ValueError) as e:
        print('1..0 # SKIP no AT-SPI bindings for this python: %s' % e)
        sys.exit(0)
    Atspi = atspi_module
    GLib = glib_module
    return Atspi


# ---- TAP ----

class Tap:
    """Collects results and prints them as TAP at the end (diagnostics as they come)."""

    def __init__(self):
        self.results = []

    def check(self, ok, description, details=()):
        self.results.append((bool(ok), description))
        if not ok:
            for line in details:
                self.diag(line)
        return bool(ok)

    def diag(self, text):
        for line in str(text).splitlines() or ['']:
            sys.stderr.write('# %s\n' % line)
        sys.stderr.flush()

    def finish(self):
        print('1..%d' % len(self.results))
        for i, (ok, description) in enumerate(self.results, 1):
            print('%s %d - %s' % ('ok' if ok else 'not ok', i, description))
        sys.stdout.flush()
        return 0 if self.results and all(ok for ok, _ in self.results) else 1


# ---- the catalogue the app uses ----

def translator(plural=False):
    """gettext (ngettext when PLURAL) for the app's own catalogue, in the language the app runs
    in (LANGUAGE), so a test finds "Geschiedenis" in Dutch without a second copy of the
    translations."""
    localedir = os.environ.get('PKIO_ORDERS_LOCALEDIR')
    languages = [l for l in os.environ.get('LANGUAGE', '').split(':') if l]
    translation = gettext.translation('pkio-orders', localedir=localedir,
                                      languages=languages or None, fallback=True)
    return translation.ngettext if plural else translation.gettext


def plain(label):
    """A label as it is read: without its mnemonic underscore."""
    return label.replace('_', '')


# ---- the app ----

def app_env(extra=None):
    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    # The app runs with warnings fatal; the test does not (libatspi warns about apps that come
    # and go, which is not ours to fix).
    env['G_DEBUG'] = 'fatal-warnings'
    env.update(extra or {})
    return env


def _safe(fn, default=None):
    try:
        return fn()
    except GLib.Error:
        return default


def find_app(pid, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            if app is not None and _safe(lambda: app.get_process_id() == pid
                                         and app.get_child_count() > 0, False):
                return app
        time.sleep(0.1)
    return None


class RunningApp:
    """pkio-orders started with ARGS, seen on the accessibility bus."""

    def __init__(self, binary, args=(), env=None):
        self.proc = subprocess.Popen([binary] + list(args), env=app_env(env),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.app = find_app(self.proc.pid)

    def windows(self):
        """The app's toplevels that are on screen: windows carry "showing", GTK 4.8's dialogs
        only "visible"."""
        if self.app is None:
            return []
        result = []
        for i in range(_safe(self.app.get_child_count, 0)):
            child = _safe(lambda: self.app.get_child_at_index(i))
            if child is None:
                continue
            if has_state(child, Atspi.StateType.SHOWING) or (
                    role(child) in ('dialog', 'alert') and has_state(child, Atspi.StateType.VISIBLE)
                    and on_screen(child)):
                result.append(child)
        return result

    def window(self, name=None, timeout=10):
        """The toplevel named NAME (any when None), once it is on screen."""
        def match():
            for w in self.windows():
                if name is None or _safe(w.get_name) == name:
                    return w
            return None
        return wait_for(match, timeout)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.stderr.read().decode(errors='replace') if self.proc.stderr else ''


class NotificationServer:
    """tests/notification-server.py in its own process, for as long as the test runs."""

    def __init__(self):
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                              'notification-server.py')
        self.proc = subprocess.Popen([sys.executable, script], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        self.ready = self.proc.stdout.readline().strip() == 'ready'

    def stop(self):
        self.proc.stdin.close()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


# ---- the tree ----

def has_state(node, state):
    return node is not None and bool(_safe(lambda: node.get_state_set().contains(state), False))


def size_of(node):
    """(width, height), or None for an object without a component (a GtkStackPage)."""
    component = _safe(node.get_component_iface)
    if component is None:
        return None
    size = _safe(component.get_size)
    return None if size is None else (size.x, size.y)


def extents_of(node):
    component = _safe(node.get_component_iface)
    if component is None:
        return None
    return _safe(lambda: component.get_extents(Atspi.CoordType.WINDOW))


def on_screen(node):
    """GTK 4.8 marks widgets "visible" even on stack pages that are not shown, and none
    "showing": a widget that is not shown has no size."""
    size = size_of(node)
    return size is not None and size[0] > 0 and size[1] > 0


def walk(node, depth=0, prune=None):
    """NODE and its descendants, depth first; PRUNE (node -> bool) skips a subtree."""
    if node is None or depth > 60:
        return
    if prune is not None and depth > 0 and prune(node):
        return
    yield node
    for i in range(_safe(node.get_child_count, 0)):
        child = _safe(lambda: node.get_child_at_index(i))
        if child is not None:
            yield from walk(child, depth + 1, prune)


# How far a child may stand out of its parent and still count as shown (a header bar is 2 px
# wider than its window). NUDGE_PX, how much narrower shown_nodes makes a window, is larger.
OVERHANG_PX = 3
NUDGE_PX = 12


def _inside(box, outer):
    return (box[0] >= outer[0] - OVERHANG_PX and box[1] >= outer[1] - OVERHANG_PX
            and box[0] + box[2] <= outer[0] + outer[2] + OVERHANG_PX
            and box[1] + box[3] <= outer[1] + outer[3] + OVERHANG_PX)


def _box(node):
    extents = extents_of(node)
    return None if extents is None else (extents.x, extents.y, extents.width, extents.height)


def _walk_shown(root, alternatives):
    """Depth first, as (node, index of the last node of its subtree) once the walk is done.
    Children of an AdwSqueezer go to ALTERNATIVES too (see shown_nodes)."""
    found = []

    def visit(node, outer, scrolled_content, depth, parent_name):
        box = _box(node)
        if box is not None:
            if box[2] <= 0 or box[3] <= 0:
                return
            if outer is not None and not scrolled_content and not _inside(box, outer):
                return
        index = len(found)
        found.append([node, index])
        if parent_name == 'AdwSqueezer':
            alternatives.append((index, box))
        if depth < 60:
            is_scroller = role(node) == 'scroll pane'
            # What a viewport (the child of a scroll pane) holds scrolls: it may be larger.
            content = not is_scroller and role(_safe(node.get_parent)) == 'scroll pane'
            this_name = name(node)
            for i in range(_safe(node.get_child_count, 0)):
                child = _safe(lambda: node.get_child_at_index(i))
                if child is not None:
                    visit(child, box or outer, content, depth + 1, this_name)
        found[index][1] = len(found) - 1

    visit(root, None, False, 0, None)
    return found


def walk_shown(root):
    """What ROOT shows, as far as AT-SPI lets one tell on GTK 4.8 without moving anything: a
    subtree without size, or standing out of its parent, is not shown. See shown_nodes for
    pages that were shown before."""
    return (node for node, _last in _walk_shown(root, []))


def shown_nodes(app, root):
    """What ROOT shows, on GTK 4.8, which marks no widget "showing": a widget never shown has
    no size, but one shown before (a stack page left since) keeps its old size and place. So
    the window is made a little narrower first (nudge), and what was not laid out anew stands
    out of its parent, which was. A squeezer (a title that gives way to a view switcher) shows
    one child: the one that moves when the window gets its width back."""
    nudged = nudge(app, root)
    alternatives = []
    found = _walk_shown(root, alternatives)
    restore(app, root)
    hidden = set()
    if nudged and alternatives:
        moved = [(index, _box(found[index][0]) != box) for index, box in alternatives]
        if any(m for _i, m in moved):
            for index, m in moved:
                if not m:
                    hidden.update(range(index, found[index][1] + 1))
    return [node for i, (node, _last) in enumerate(found) if i not in hidden]


# ---- the window's size ----

_nudged = {}


def _xdotool(*args):
    try:
        result = subprocess.run(['xdotool'] + list(args), capture_output=True, text=True,
                                timeout=10)
    except FileNotFoundError:
        return None
    return result.stdout if result.returncode == 0 else None


def _x_window(app, root):
    """The X window of ROOT (a toplevel of APP): the one visible window with its title."""
    found = _xdotool('search', '--onlyvisible', '--pid', str(app.proc.pid)) or ''
    title = name(root)
    matches = [w for w in found.split() if (_xdotool('getwindowname', w) or '').strip() == title]
    return matches[0] if len(matches) == 1 else None


def nudge(app, root):
    """Makes ROOT's window NUDGE_PX narrower (see shown_nodes); restore () undoes it. Only
    windows ("frame"): a dialog is sized to its content, which would no longer fit, and is new
    each time it opens. False when not done (a dialog, no xdotool, no title to find it by)."""
    if role(root) != 'frame':
        return False
    window = _x_window(app, root)
    geometry = window and _xdotool('getwindowgeometry', '--shell', window)
    if not geometry:
        return False
    values = dict(line.split('=', 1) for line in geometry.split() if '=' in line)
    width, height = int(values['WIDTH']), int(values['HEIGHT'])
    before = size_of(root)
    _xdotool('windowsize', window, str(width - NUDGE_PX), str(height))
    _nudged[root.path] = (window, width, height)
    wait_for(lambda: size_of(root) != before, 3, interval=0.05)
    pump(0.4)
    return True


def restore(app, root):
    window, width, height = _nudged.pop(root.path, (None, 0, 0))
    if window is not None:
        before = size_of(root)
        _xdotool('windowsize', window, str(width), str(height))
        wait_for(lambda: size_of(root) != before, 3, interval=0.05)
        pump(0.2)


def role(node):
    return '' if node is None else _safe(node.get_role_name, '')


def name(node):
    return '' if node is None else _safe(node.get_name, '') or ''


def description(node):
    return '' if node is None else _safe(node.get_description, '') or ''


def text_of(node):
    text = _safe(node.get_text_iface)
    if text is None:
        return None
    count = _safe(text.get_character_count, 0)
    return _safe(lambda: text.get_text(0, count), '')


def ancestors(node):
    result = []
    parent = _safe(node.get_parent)
    while parent is not None and len(result) < 80:
        result.append(parent)
        if role(parent) == 'application':
            break
        parent = _safe(parent.get_parent)
    return result


def describe(node):
    return '%s %r' % (role(node), name(node))


def find(root, role_name=None, name_is=None, where=None, shown=True):
    for node in (walk_shown(root) if shown else walk(root)):
        if role_name is not None and role(node) != role_name:
            continue
        if name_is is not None and name(node) != name_is:
            continue
        if where is not None and not where(node):
            continue
        return node
    return None


def find_all(root, role_name=None, where=None, shown=True):
    return [node for node in (walk_shown(root) if shown else walk(root))
            if (role_name is None or role(node) == role_name)
            and (where is None or where(node))]


# ---- waiting ----

def pump(seconds=0.0):
    """Lets AT-SPI events arrive (and time pass)."""
    context = GLib.MainContext.default()
    deadline = time.time() + seconds
    while True:
        while context.iteration(False):
            pass
        if time.time() >= deadline:
            return
        time.sleep(0.01)


def wait_for(predicate, timeout=10, interval=0.1):
    """PREDICATE's first true value within TIMEOUT seconds, else None."""
    deadline = time.time() + timeout
    while True:
        pump()
        value = predicate()
        if value:
            return value
        if time.time() >= deadline:
            return None
        time.sleep(interval)


# ---- acting ----

def click(node):
    """Runs the control's first action (`click` for buttons, `activate` for rows)."""
    action = _safe(node.get_action_iface)
    if action is None or _safe(action.get_n_actions, 0) == 0:
        return False
    names = [_safe(lambda: action.get_action_name(i), '') for i in range(action.get_n_actions())]
    index = names.index('click') if 'click' in names else 0
    return bool(_safe(lambda: action.do_action(index), False))


def set_text(node, text):
    editable = _safe(node.get_editable_text_iface)
    return editable is not None and bool(_safe(lambda: editable.set_text_contents(text), False))


# ---- the keyboard ----

KEYSYMS = {
    'Tab': 0xff09, 'Return': 0xff0d, 'Escape': 0xff1b, 'space': 0x20, 'F10': 0xffc7,
    'Up': 0xff52, 'Down': 0xff54, 'Left': 0xff51, 'Right': 0xff53, 'Home': 0xff50,
    'End': 0xff57, 'comma': 0x2c, 'question': 0x3f, 'BackSpace': 0xff08,
}
MODIFIERS = {'shift': 1 << 0, 'ctrl': 1 << 2, 'alt': 1 << 3}


def press(key, *modifiers):
    """Presses KEY (a name in KEYSYMS or one character) with MODIFIERS ('shift', 'ctrl',
    'alt') held, as a person would on the keyboard."""
    keysym = KEYSYMS.get(key, ord(key) if len(key) == 1 else None)
    if keysym is None:
        raise ValueError('unknown key %r' % key)
    mask = 0
    for modifier in modifiers:
        mask |= MODIFIERS[modifier]
    if mask:
        Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.LOCKMODIFIERS)
    try:
        Atspi.generate_keyboard_event(keysym, None, Atspi.KeySynthType.SYM)
    finally:
        if mask:
            Atspi.generate_keyboard_event(mask, None, Atspi.KeySynthType.UNLOCKMODIFIERS)


def type_text(text):
    """Types TEXT on the keyboard, into whatever has the focus."""
    Atspi.generate_keyboard_event(0, text, Atspi.KeySynthType.STRING)
    pump(0.1)


class FocusTracker:
    """Follows the keyboard focus through `object:state-changed:focused` events."""

    def __init__(self):
        self.focused = None
        self.changes = 0
        self.listener = Atspi.EventListener.new(self._event_cb)
        self.listener.register('object:state-changed:focused')

    def _event_cb(self, event):
        if event.detail1 == 1 and event.source is not None:
            self.focused = event.source
            self.changes += 1

    def close(self):
        self.listener.deregister('object:state-changed:focused')

    def press(self, key, *modifiers, timeout=1.0):
        """Presses a key and returns what has the focus afterwards (None if nothing new got
        it within TIMEOUT: the focus stayed where it was)."""
        before = self.changes
        press(key, *modifiers)
        if wait_for(lambda: self.changes > before, timeout, interval=0.02):
            pump(0.05)
            return self.focused
        return None


def go_round(press, node_of=lambda x: x, limit=150):
    """Calls PRESS () (a key press; what it reports of the new focus, or None when the focus did
    not move) until the focus is back where the first press put it: what it reported, in order.
    Two presses that move nothing end it (a trap, or nothing else to go to)."""
    visited = []
    misses = 0
    for _i in range(limit):
        got = press()
        if got is None or node_of(got) is None:
            misses += 1
            if misses >= 2:
                break
            continue
        misses = 0
        if visited and node_of(got).path == node_of(visited[0]).path:
            break
        visited.append(got)
    return visited


def alerts(root, max_depth=6):
    """The alerts near the top of ROOT's tree (toasts live in the window's toast overlay), each
    as its role and the text it carries."""
    found = []

    def visit(node, depth):
        if role(node) in ('alert', 'notification'):
            texts = [name(node)] + [name(n) for n in walk(node) if role(n) == 'label']
            found.append(' | '.join(t for t in texts if t))
            return
        if depth < max_depth:
            for i in range(_safe(node.get_child_count, 0)):
                child = _safe(lambda: node.get_child_at_index(i))
                if child is not None:
                    visit(child, depth + 1)

    visit(root, 0)
    return found


def wait_for_alert(root, text, timeout=10, seen=None):
    """True once an alert whose text contains TEXT is in ROOT's tree; what alerts were seen
    meanwhile goes to SEEN (a list)."""
    def look():
        now = alerts(root)
        if seen is not None:
            seen.extend(a for a in now if a not in seen)
        return any(text in a for a in now)
    return bool(wait_for(look, timeout, interval=0.2))
