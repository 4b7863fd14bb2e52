#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every control speaks: a screen-reader and keyboard audit of every view of the real
pkio-orders, through AT-SPI, as Orca sees it. Prints TAP.

usage: test-a11y-audit.py PKIO_ORDERS PKIO_SIMULATOR_TOOL FIXTURES_DIR
(LANGUAGE=nl: the Dutch UI). Needs /usr/bin/python3 with gi + Atspi, xdotool, a display, a
session bus and an unlocked Secret Service (the test wrapper provides them all).

For each view in VIEWS the audit walks whatever the window (or dialog, or menu) shows and
checks:
  - names: every interactive control (ROLES) and every window, menu, list and table
    (CONTAINER_ROLES) has a name that is not empty, not a class name (Gtk…, Adw…, Pkio…), without a mnemonic underscore and not said
    twice;
  - keyboard: Tab (the arrow keys in a menu) reaches every interactive control the view shows,
    the focus never lands on something that is not shown, and whatever takes the focus has a
    name too.
A view only says how to open it (and close it); a new view needs one entry in VIEWS. A view
switcher tab without an entry fails `every view in the view switcher is audited`.

Besides: the welcome page connects the app with a key typed into its field through AT-SPI
(EditableText) and Connect, against pkio-simulator-tool, into a keyring that has no key for it
yet; error messages are the description of the field they are about; and status changes that
appear without the focus moving (connected, a sync finished, an order recorded as placed, an
outcome still unknown) appear as alerts that carry their text. Last, with settings an
organisation locked in a real dconf database (DCONF_PROFILE, the dconf backend): the welcome
page and the main menu without practice mode, and Preferences with the API address read-only
and described as set by the organisation."""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import atspi_util as U  # noqa: E402
import a11y_world as W  # noqa: E402
import batch_steps as B  # noqa: E402
from a11y_rules import (ROLES, check_rules, name_exception, name_problem,  # noqa: E402
                        naming_problems, reached_as_its_row, tab_exception)

Atspi = U.require_atspi()
_ = U.translator()
plain = U.plain

if __name__ == '__main__':
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    BINARY, SIMULATOR_TOOL, FIXTURES = sys.argv[1:4]
else:  # imported by hand, to look around
    BINARY, SIMULATOR_TOOL, FIXTURES = os.environ['PKIO_AUDIT_ARGS'].split()
TEST_KEY = 'audit-key-0001-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'
WRONG_KEY = 'audit-key-0002-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'
POST_PATH = W.POST_PATH
stored_key = W.stored_key

tap = U.Tap()

# ---- a run of the app ----

class Session:
    def __init__(self, args, env, label):
        self.label = label
        self.app = U.RunningApp(BINARY, args, env)
        self.focus = U.FocusTracker()
        self.frame = self.app.window(_('PKIo Orders'), timeout=20)
        tap.check(self.frame is not None, '%s: the window %r is on the accessibility bus'
                  % (label, _('PKIo Orders')))
        # Keys go to the window with the keyboard focus: wait until it is this one.
        U.wait_for(lambda: U.has_state(self.frame, Atspi.StateType.ACTIVE), 10)
        U.pump(1.0)

    def stop(self):
        self.focus.close()
        stderr = self.app.stop()
        tap.check('CRITICAL' not in stderr and 'WARNING' not in stderr,
                  '%s: the app ran without warnings' % self.label, stderr.splitlines()[-20:])

    def toplevel(self, name=None, timeout=10):
        """A window or dialog of the app other than the main window."""
        def match():
            for w in self.app.windows():
                if w.path != self.frame.path and (name is None or U.name(w) == name):
                    return w
            return None
        return U.wait_for(match, timeout)

    def others(self):
        return [w for w in self.app.windows() if w.path != self.frame.path]


# ---- the audit of one view ----

def focus_cycle(session, key, *modifiers):
    """Presses KEY until the focus is back where the first press put it: what had the focus,
    in order."""
    # 3 s: a key that moves nothing is rare (a trap, the end), and a busy machine may take
    # longer than a second to move the focus.
    return U.go_round(lambda: session.focus.press(key, *modifiers, timeout=3.0))


def audit(session, view, root):
    label = '%s: %s' % (session.label, view.title)
    # A view may rebuild part of itself while it is audited (a details pane filled anew when
    # its order's answer comes in). Its old objects are gone then, with no role and no name: that
    # is not an unnamed control, so the view is looked at again, at most twice.
    for attempt in range(3):
        t0 = time.time()
        shown = U.shown_nodes(session.app, root)
        tap.diag('%s: %d objects shown, found in %.1f s' % (label, len(shown), time.time() - t0))
        controls = [node for node in shown if U.role(node) in ROLES]
        found = naming_problems(shown, controls)
        gone = [node for node, _problem in found if not U.role(node)]
        if not gone or attempt == 2:
            break
        tap.diag('%s: %d objects went away while they were audited; looking again'
                 % (label, len(gone)))
        U.pump(1.0)
    shown_paths = {node.path for node in shown}
    tap.check(controls, '%s: the audit sees its controls (%d)' % (label, len(controls)))

    problems = ['%s %s' % (U.describe(node), problem) for node, problem in found]
    tap.check(not problems, '%s: every control has a name that says what it is' % label,
              problems)

    visited = focus_cycle(session, view.key)
    reached = {node.path for node in visited}
    missing = [U.describe(node) for node in controls
               if U.has_state(node, Atspi.StateType.FOCUSABLE)
               and U.has_state(node, Atspi.StateType.SENSITIVE)
               and not tab_exception(node) and node.path not in reached
               and not reached_as_its_row(node, reached)]
    stuck = visited and session.focus.press(view.key) is None and len(visited) > 1
    tap.check(visited and not missing, '%s: %s reaches every control (%d stops)'
              % (label, view.key, len(visited)),
              ['not reached: ' + m for m in missing]
              + ['reached: ' + ', '.join(U.describe(n) for n in visited)]
              + (['the focus stays on %s: a keyboard trap' % U.describe(visited[-1])]
                 if stuck else []))
    check_laps(session, view, label, visited)
    hidden = [U.describe(node) for node in visited
              if node.path not in shown_paths or not U.on_screen(node)]
    tap.check(not hidden, '%s: the focus never lands on something not shown' % label, hidden)
    unnamed = ['%s %s' % (U.describe(node), name_problem(U.name(node))) for node in visited
               if name_problem(U.name(node)) and not name_exception(node)]
    tap.check(not unnamed, '%s: whatever takes the focus says what it is' % label, unnamed)


# Laps of the keyboard check: the first lap, then (with 3) a second one forward and one
# backward, after the view's between_laps (New order shows its problems). A lighter audit
# (PKIO_AUDIT_LAPS=1) is what the sanitizer build runs.
LAPS = int(os.environ.get('PKIO_AUDIT_LAPS', '3'))
BACK = {'Tab': ('Tab', 'shift'), 'Down': ('Up',)}


def stop_of(node):
    """What a lap stops at: a control, or for a row of a table the table. GTK 4.8's list views
    move Tab from row to row to the end of the list, and enter it again where the focus last
    left it, so which rows a lap meets depends on the lap before (README, Known not to work);
    the list itself is met on every lap."""
    if U.role(node) == 'table row':
        table = next((a for a in U.ancestors(node) if U.role(a) in ('tree table', 'table')), None)
        if table is not None:
            return table.path
    return node.path


def lap_stops(nodes):
    stops = []
    for node in nodes:
        stop = stop_of(node)
        if not stops or stops[-1] != stop:
            stops.append(stop)
    if len(stops) > 1 and stops[0] == stops[-1]:
        stops.pop()
    return stops


def cyclic(paths):
    """A lap as a cycle: the same stops in the same order, from wherever it started."""
    if not paths:
        return ()
    start = paths.index(min(paths))
    return tuple(paths[start:] + paths[:start])


def check_laps(session, view, label, first):
    """Goes round again, forward and then backward: every lap stops at the same controls.
    After the first lap the view may show more (New order its problems, with a list of what is
    still to do): the second lap stops wherever the first did, and the backward lap exactly
    where the second did, in the reverse order. This is how a Tab that skips the fields after
    one with a problem, or only on the second time round, is caught."""
    if LAPS < 3 or not first:
        return
    if view.between_laps is not None:
        view.between_laps(session)
    second = focus_cycle(session, view.key)
    back_key = BACK[view.key]
    back = focus_cycle(session, back_key[0], *back_key[1:])
    second_paths = lap_stops(second)
    skipped = [U.describe(n) for n in first if stop_of(n) not in set(second_paths)]
    tap.check(second and not skipped,
              '%s: the second %s lap stops wherever the first did (%d stops)'
              % (label, view.key, len(second)),
              ['skipped: ' + m for m in skipped]
              + ['second lap: ' + ', '.join(U.describe(n) for n in second)])
    back_paths = lap_stops(back)
    same = cyclic(list(reversed(back_paths))) == cyclic(second_paths)
    tap.check(same, '%s: %s backward stops where %s forward did, in reverse (%d stops)'
              % (label, '+'.join(reversed(back_key)), view.key, len(back)),
              ['forward: ' + ', '.join(U.describe(n) for n in second),
               'backward: ' + ', '.join(U.describe(n) for n in back)]
              + ['only forward: ' + U.describe(n) for n in second
                 if stop_of(n) not in set(back_paths)]
              + ['only backward: ' + U.describe(n) for n in back
                 if stop_of(n) not in set(second_paths)])


class View:
    def __init__(self, title, open_fn, close_fn=None, key='Tab', between_laps=None):
        self.title = title
        self.open = open_fn
        self.close = close_fn
        self.key = key
        self.between_laps = between_laps


def close_strays(session):
    """What a view left open (it failed half-way) is closed: the next one starts from the
    window alone."""
    for _i in range(3):
        if not session.others():
            return
        U.press('Escape')
        U.pump(0.5)


def run_view(session, key):
    view = VIEWS[key]
    started = time.time()
    close_strays(session)
    root = view.open(session)
    if not tap.check(root is not None, '%s: %s opens' % (session.label, view.title),
                     ['windows: ' + ', '.join(U.describe(w) for w in session.app.windows()),
                      'focus: ' + (U.describe(session.focus.focused)
                                   if session.focus.focused else 'none')]):
        return None
    opened = time.time()
    audit(session, view, root)
    if view.close is not None:
        view.close(session, root)
    tap.diag('%s: %s: opened in %.1f s, audited in %.1f s' % (session.label, view.title,
                                                              opened - started,
                                                              time.time() - opened))
    return root


# ---- how each view opens ----

def selected_tab(session, title):
    tab = U.find(session.frame, 'page tab', plain(title))
    return tab if U.has_state(tab, Atspi.StateType.SELECTED) else None


def show_view(session, title, digit):
    """Alt+DIGIT, the window's shortcut for the view."""
    U.press(digit, 'alt')
    if U.wait_for(lambda: selected_tab(session, title), 5) is None:
        return None
    U.pump(0.8)
    return session.frame


def open_welcome(session):
    field = U.wait_for(lambda: key_field(session))
    return session.frame if field is not None else None


def key_field(session):
    return U.find(session.frame, 'text', plain(_('API _key')))


def open_new_order(session):
    return show_view(session, _('New order'), '1')


def open_history(session):
    if show_view(session, _('History'), '2') is None:
        return None
    rows = U.wait_for(lambda: [r for r in U.find_all(session.frame, 'table row')
                               if U.find(r, 'table cell') is not None], 15)
    # The rows come before the view has settled: a CI run once went round with Tab while
    # Export (enabled once rows are listed) and the status filter could not take the focus.
    # A person meets the view settled; the laps audit that.
    export = U.find(session.frame, 'push button', plain(_('Export to CSV')))
    U.wait_for(lambda: export is not None and U.has_state(export, Atspi.StateType.SENSITIVE), 15)
    U.pump(1.0)
    return session.frame if rows else None


def row_of(node):
    for candidate in [node] + U.ancestors(node):
        if U.role(candidate) == 'table row':
            return candidate
    return None


def select_row_with(session, text):
    """Tabs into the list, then goes down it with the arrow keys (the selection follows the
    focus) to the row that shows TEXT."""
    for _i in range(40):
        focused = session.focus.press('Tab')
        if focused is not None and row_of(focused) is not None:
            break
    else:
        return None
    # Tab comes back to the row it left; Home goes to the first (and selects it).
    session.focus.press('Home')
    for _i in range(40):
        row = row_of(session.focus.focused)
        if row is not None and any(text == U.name(n) for n in U.walk(row)
                                   if U.role(n) == 'label'):
            U.pump(1.0)
            return row
        if session.focus.press('Down') is None:
            return None
    return None


def open_details_of(text):
    def open_fn(session):
        return session.frame if select_row_with(session, text) is not None else None
    return open_fn


def button(root, label):
    return U.find(root, 'push button', plain(label))


def open_cancel_dialog(session):
    if not U.click(button(session.frame, _('_Cancel order…'))):
        return None
    dialog = session.toplevel(_('Cancel this order?'))
    reason = dialog and U.wait_for(lambda: U.find(dialog, 'text', plain(_('_Reason (required)'))))
    if reason is None:
        return None
    hint = _('CertCentral only cancels an order when you give a reason. Canceling cannot be '
             'undone.')
    tap.check(hint in U.description(reason), '%s: the reason field is described by its hint'
              % session.label, [U.description(reason)])
    # With a reason, "Cancel order" can be pressed, and Tab has to reach it.
    U.set_text(reason, 'Ordered twice')
    U.pump(0.3)
    return dialog


def close_with_escape(session, root):
    """Escape closes it (a second one if the first left a field that was being edited)."""
    title = U.name(root)
    gone = None
    for _i in range(2):
        U.press('Escape')
        gone = U.wait_for(lambda: root.path not in {w.path for w in session.app.windows()}, 3)
        if gone:
            break
    tap.check(gone, '%s: Escape closes %r' % (session.label, title))
    U.pump(0.5)


def open_preferences(session):
    U.press('comma', 'ctrl')
    return session.toplevel(_('Preferences'))


def open_locked_preferences(session):
    prefs = open_preferences(session)
    field = prefs and U.wait_for(lambda: U.find(prefs, 'text', plain(_('API address'))))
    return prefs if field is not None else None


def open_remove_key_dialog(session):
    prefs = open_preferences(session)
    remove = prefs and U.wait_for(lambda: button(prefs, _('_Remove…')))
    if remove is None or not U.click(remove):
        return None
    session.prefs = prefs
    return session.toplevel(_('Remove the API key?'))


def close_remove_key_dialog(session, root):
    close_with_escape(session, root)
    close_with_escape(session, session.prefs)


def open_main_menu(session):
    """F10 opens the main menu; the menu (a popover) is audited on its own."""
    U.press('F10')
    item = U.wait_for(lambda: session.focus.focused if U.role(session.focus.focused)
                      == 'menu item' else None, 5)
    return item and next((a for a in U.ancestors(item) if U.role(a) == 'menu'), None)


def open_menu_item(label):
    """The main menu's item LABEL, with the keyboard: F10, Down to it, Return."""
    def open_fn(session):
        if open_main_menu(session) is None:
            return None
        for _i in range(10):
            if U.name(session.focus.focused) == plain(label):
                U.press('Return')
                return session.toplevel()
            session.focus.press('Down')
        return None
    return open_fn


def open_shortcuts(session):
    U.press('question', 'ctrl')
    return session.toplevel()


def close_menu(session, root):
    U.press('Escape')
    U.pump(0.5)


# The seed's first example, as a person types it: (field, occurrence, text). The holder's
# and the delivery address both have a postal code, city and province.
SEED_FIELDS = [
    ('First name', 0, 'John'), ('Last name', 0, 'Doe'), ('Email address', 0, 'john.doe@example.com'),
    ('Telephone', 0, '+31(0)20 254 7999'), ('Province or state', 0, 'Amsterdam'),
    ('City', 0, 'Amsterdam'), ('Postal code', 0, '1013 AA'), ('Recipient name', 0, 'John Doe'),
    ('Address', 0, '813 Lincoln Street'), ('Postal code', 1, '1013 AA'),
    ('City', 1, 'Amsterdam'), ('Province or state', 1, 'Amsterdam'),
]


def open_review(session, can_place=True):
    """The form filled in through AT-SPI (EditableText), the agreement ticked, Review pressed.
    CAN_PLACE false: the review is shown without "Place order" (a key CertCentral no longer
    accepts), and is open once the page is."""
    texts = U.find_all(session.frame, 'text')
    typed = []
    for label, index, text in SEED_FIELDS:
        fields = [n for n in texts if U.name(n) == plain(_(label))]
        typed.append(len(fields) > index and U.set_text(fields[index], text))
    # Ticked with the keyboard (GTK 4.8's check buttons and rows have no AT-SPI action).
    agreement = _('The certificate holder agrees to the Certificate Subscriber Agreement')
    agree = U.find(session.frame, 'check box', agreement)
    agreed = (agree is not None
              and press_with_keyboard(session, lambda n: U.role(n) == 'check box'
                                      and U.name(n) == agreement)
              and U.wait_for(lambda: U.has_state(agree, Atspi.StateType.CHECKED), 5))
    tap.check(all(typed) and agreed,
              '%s: the form is filled in through the names of its fields' % session.label,
              ['%s #%d: %s' % (label, index, 'typed' if ok else 'not found')
               for (label, index, _text), ok in zip(SEED_FIELDS, typed)])
    U.pump(0.3)
    review = button(session.frame, _('_Review order'))
    if review is None or not U.click(review):
        return None
    if not can_place:
        shown = U.wait_for(lambda: U.find(session.frame, 'label', _('Check the order')), 10)
        U.pump(0.8)
        return session.frame if shown is not None else None
    # The holder may already have one (issue 20): then the button says "Order anyway".
    # Until CertCentral answered, "Place order" waits (insensitive).
    place = U.wait_for(lambda: (lambda b: b if b is not None
                                and U.has_state(b, Atspi.StateType.SENSITIVE) else None)(
        button(session.frame, _('_Place order'))) or button(session.frame, _('_Order anyway')),
        10)
    U.pump(0.8)
    if place is not None and U.name(place) == plain(_('_Order anyway')):
        check_duplicate_said(session)
    return session.frame if place is not None else None


def check_duplicate_said(session):
    """The review of an order the holder already has: the finding is said, and the box that
    confirms a second one carries it as its description, so a screen reader reads it there."""
    confirm = U.find(session.frame, 'check box', plain(_('_Yes, I want a second one')))
    said = [U.name(n) for n in U.find_all(session.frame, 'label')
            if U.name(n).startswith('John Doe ')]
    tap.check(confirm is not None and said and U.description(confirm) == said[0],
              '%s: the review says the holder already has one, also on the box that confirms '
              'a second one' % session.label,
              ['said: %r' % said,
               'description: %r' % (U.description(confirm) if confirm else None)])


def open_result(title):
    """Place order pressed on the review: the page that says what happened, titled TITLE.
    When the holder already has one, "Yes, I want a second one" is ticked with the keyboard
    first, and "Order anyway" pressed."""
    def open_fn(session):
        place = button(session.frame, _('_Place order'))
        if place is None:
            confirm_name = plain(_('_Yes, I want a second one'))
            confirmed = press_with_keyboard(session, lambda n: U.role(n) == 'check box'
                                            and U.name(n) == confirm_name)
            place = confirmed and U.wait_for(
                lambda: (lambda b: b if b is not None
                         and U.has_state(b, Atspi.StateType.SENSITIVE) else None)(
                    button(session.frame, _('_Order anyway'))), 5)
        if not place or not U.click(place):
            return None
        shown = U.wait_for(lambda: U.find(session.frame, 'label', title), 30)
        if shown is None:
            tap.diag('%s: the page says: %s' % (session.label, ' | '.join(
                U.name(n) for n in U.find_all(session.frame, 'label') if U.name(n))))
        U.pump(0.8)
        return session.frame if shown is not None else None
    return open_fn


# How to open each view from where the one before left the window; the phases below run them
# in this order.
VIEWS = {}


def view(key, title, open_fn, close_fn=None, key_name='Tab', between_laps=None):
    VIEWS[key] = View(title, open_fn, close_fn, key_name, between_laps)


def show_problems(session):
    """Review pressed on a form not filled in (Ctrl+Return): every field shows its problem."""
    U.press('Return', 'ctrl')
    U.wait_for(lambda: any(U.description(n) for n in U.find_all(session.frame, 'text')), 5)
    U.pump(0.5)


view('welcome', _('Welcome to PKIo Orders'), open_welcome)
view('new-order', plain(_('New order')), open_new_order, between_laps=show_problems)
view('review', _('Check the order'), open_review)
view('placed', _('Order placed'), open_result(_('Order placed')))
view('unknown', _('The outcome is still not known'),
     open_result(_('The outcome is still not known')))
view('history', plain(_('History')), open_history)
view('details', _('Order'), open_details_of(_('Pending')))
view('cancel-dialog', _('Cancel this order?'), open_cancel_dialog, close_with_escape)
view('candidates', _('Is one of these your order?'), open_details_of(_('Outcome unknown')))
# Practice mode's example that ends in 20 days (phase_practice): revoking it, and renewing it.
ENDING_SOON = 'Lars Visser'


def open_revoke_dialog(session):
    if select_row_with(session, ENDING_SOON) is None:
        return None
    revoke = U.wait_for(lambda: button(session.frame, _('_Revoke certificate…')), 10)
    if revoke is None or not U.click(revoke):
        return None
    dialog = session.toplevel(_('Revoke this certificate?'))
    keep = dialog and U.wait_for(lambda: button(dialog, _('_Keep certificate')), 5)
    return dialog if keep is not None else None


def open_renewal_review(session):
    """"Order a new certificate" on the example that ends soon: New order, filled in for its
    holder, then the review, which says which order it replaces."""
    renew = U.wait_for(lambda: button(session.frame, _('Order a _new certificate')), 10)
    if renew is None or not U.click(renew):
        return None
    if U.wait_for(lambda: selected_tab(session, _('New order')), 10) is None:
        return None
    U.pump(0.8)
    if open_review(session) is None:
        return None
    said = U.wait_for(lambda: [n for n in U.find_all(session.frame, 'label')
                               if U.name(n).startswith(_('Replaces order %s').split('%s')[0])],
                      10)
    tap.check(said, '%s: the review says which order the renewal replaces' % session.label)
    return session.frame if said else None


view('revoke-dialog', _('Revoke this certificate?'), open_revoke_dialog, close_with_escape)
view('renewal-review', _('Check the order') + ' (' + _('Renewal') + ')', open_renewal_review)
view('preferences', _('Preferences'), open_preferences, close_with_escape)
view('remove-key', _('Remove the API key?'), open_remove_key_dialog, close_remove_key_dialog)
view('main-menu', _('Main menu'), open_main_menu, close_menu, key_name='Down')
view('about', plain(_('_About PKIo Orders')), open_menu_item(_('_About PKIo Orders')),
     close_with_escape)
view('shortcuts', plain(_('_Keyboard Shortcuts')), open_shortcuts, close_with_escape)
# A key CertCentral no longer accepts (phase_key_rejected): the banner over the views, the
# review that does not send, and the dialog that replaces the key.
KEY_REJECTED = _('CertCentral no longer accepts this API key')


def open_history_key_rejected(session):
    if show_view(session, _('History'), '2') is None:
        return None
    shown = U.wait_for(lambda: button(session.frame, _('Replace _key…')), 15)
    U.pump(0.5)
    return session.frame if shown is not None else None


def open_review_key_rejected(session):
    if show_view(session, _('New order'), '1') is None or open_review(session, False) is None:
        return None
    shown = U.wait_for(lambda: button(session.frame, _('_Replace key…')), 10)
    return session.frame if shown is not None else None


def open_replace_key_dialog(session):
    """The review's own "Replace key…", pressed with the keyboard."""
    name = plain(_('_Replace key…'))
    if not press_with_keyboard(session, lambda n: U.role(n) == 'push button'
                               and U.name(n) == name):
        return None
    dialog = session.toplevel(_('Replace API key'))
    field = dialog and U.wait_for(lambda: U.find(dialog, 'text', plain(_('New API _key'))))
    return dialog if field is not None else None


view('history-key-rejected', plain(_('History')) + ' (' + KEY_REJECTED + ')',
     open_history_key_rejected)
view('review-key-rejected', _('Check the order') + ' (' + KEY_REJECTED + ')',
     open_review_key_rejected)
view('replace-key', _('Replace API key'), open_replace_key_dialog)
# Order from a spreadsheet (phase_practice, issue 22): the main menu's item opens the batch
# window on its start page; a file chosen there (in GTK's own file chooser, tests/batch_steps.py)
# shows its problems, or the review of its orders, and placing them the result of each.
BATCH_TITLE = B.TITLE
BATCH_FILES = {}  # 'problems', 'good': paths of the files phase_practice writes


def open_batch_start(session):
    """The main menu's "Order from a Spreadsheet…": the batch window's start page."""
    return B.open_window(session)


def open_batch_file(name, shown):
    """The batch window with BATCH_FILES[NAME] chosen in it; open once SHOWN (window) finds
    what its page says."""
    def open_fn(session):
        window = open_batch_start(session)
        if window is None or not B.choose_file(
                session, window, BATCH_FILES[name],
                diag=lambda text: tap.diag('%s: %s' % (session.label, text))):
            return None
        found = U.wait_for(lambda: shown(window), 20)
        if found is None:
            tap.diag('%s: the batch window says: %s' % (session.label, ' | '.join(
                U.name(n) for n in U.find_all(window, 'label') if U.name(n))))
        U.pump(0.5)
        return window if found is not None else None
    return open_fn


def batch_placed(session):
    """The review's Place pressed: every row ends, and "Save Results…" is there."""
    window = open_batch_file('good', B.place_button)(session)
    place = window and B.place_button(window)
    if place is None or not U.click(place):
        return None
    done = U.wait_for(lambda: B.results_button(window), 30)
    U.pump(0.5)
    return window if done is not None else None


def write_batch_files(env, folder):
    files, problem = B.write_files(BINARY, env, folder)
    tap.check(problem is None, 'practice: the CLI writes the batch template', [problem or ''])
    BATCH_FILES.update(files)


view('batch-start', BATCH_TITLE + ' (' + _('Many Orders at Once') + ')', open_batch_start,
     close_with_escape)
view('batch-problems', BATCH_TITLE + ' (' + _('Problems') + ')',
     open_batch_file('problems', B.problems_shown), close_with_escape)
view('batch-review', BATCH_TITLE + ' (' + _('For whom') + ')',
     open_batch_file('good', B.place_button), close_with_escape)
view('batch-placed', BATCH_TITLE + ' (' + plain(_('Save _Results…')) + ')', batch_placed,
     close_with_escape)


# An organisation's locks: practice mode off, the API address set (phase_organisation).
view('welcome-organisation', _('Welcome to PKIo Orders') + ' (' + _('Set by your organisation')
     + ')', open_welcome)
view('preferences-locked', _('Preferences') + ' (' + _('Set by your organisation') + ')',
     open_locked_preferences)


def check_every_view_audited(session):
    tabs = {U.name(t) for t in U.find_all(session.frame, 'page tab')}
    titles = {v.title for v in VIEWS.values()}
    tap.check(tabs and tabs <= titles, 'every view in the view switcher is audited',
              ['no entry in VIEWS: %r' % t for t in sorted(tabs - titles)])


# ---- the world the views need ----

def run_cli(env, *args):
    return W.run_cli(BINARY, env, *args)


def seed_orders(sim, env, tmp):
    """Two orders placed from here, and one attempt whose outcome is unknown, with two orders
    that could be it (as in test-cli-reconcile)."""
    seed = os.path.join(FIXTURES, 'seed-details.json')
    # The same person twice on purpose: the second passes the duplicate check (issue 20).
    placed = [run_cli(env, 'order', seed), run_cli(env, 'order', '--allow-existing', seed)]
    tap.check(all(r.returncode == 0 for r in placed), 'two orders are placed with the CLI',
              [r.stderr for r in placed])
    with open(seed, encoding='utf-8') as f:
        text = f.read().replace('john.doe@example.com', 'kees@example.nl')
    kees = os.path.join(tmp, 'kees.json')
    with open(kees, 'w', encoding='utf-8') as f:
        f.write(text.replace('"encryption"', '"authentication"'))
    sim.command('add-remote kees@example.nl John Doe 0')
    time.sleep(1.1)
    sim.command('fault POST %s drop-after-body 1' % POST_PATH)
    unknown = run_cli(env, 'order', '--allow-existing', kees)
    tap.check(unknown.returncode == 4, 'an order whose outcome is unknown (exit 4)',
              [unknown.stdout, unknown.stderr])


# ---- the phases ----

def connect_through_welcome(session, url):
    """A wrong key is refused and said on the field; the right one (for the simulator at URL)
    leads to the order form."""
    label = session.label
    field = key_field(session)
    connect = button(session.frame, _('_Connect'))
    for key in (WRONG_KEY, TEST_KEY):
        typed = U.set_text(field, key)
        U.wait_for(lambda: U.has_state(connect, Atspi.StateType.SENSITIVE), 5)
        pressed = typed and U.click(connect)
        if key == WRONG_KEY:
            tap.check(pressed, '%s: a wrong key is typed into %r (EditableText) and %r pressed'
                      % (label, U.name(field), U.name(connect)))
            said = U.wait_for(lambda: U.description(field), 10)
            tap.check(said and U.has_state(field, Atspi.StateType.FOCUSED),
                      '%s: why the key was refused is said on the key field, which has the focus'
                      % label, ['description: %r' % said])
    tap.check(pressed, '%s: the key is typed in and %r pressed' % (label, U.name(connect)))
    seen = []
    said = U.wait_for_alert(session.frame, _('Connected to CertCentral as %s').split('%s')[0],
                            15, seen)
    new_order = U.wait_for(lambda: selected_tab(session, _('New order')), 10)
    shown = U.shown_nodes(session.app, session.frame)
    key_shown = [n for n in shown if U.role(n) == 'text' and U.name(n) == plain(_('API _key'))]
    tap.check(new_order is not None and not key_shown,
              '%s: the order form (%r) takes the place of the welcome page'
              % (label, plain(_('New order'))))
    tap.check(stored_key(url) == TEST_KEY, '%s: the key is in the keyring' % label)
    tap.check(said, '%s: "connected" appears as an alert' % label, seen)


def phase_first_run(sim, env):
    """No key yet: the welcome page, connecting through it, then the order form."""
    W.clear_key(sim.url)
    tap.check(stored_key(sim.url) is None, 'first run: no key is stored for the simulator')
    session = Session([], env, 'first run')
    try:
        if run_view(session, 'welcome') is not None:
            connect_through_welcome(session, sim.url)
            run_view(session, 'new-order')
    finally:
        session.stop()


def check_sync_announced(session):
    seen = []
    U.press('r', 'ctrl')
    said = U.wait_for_alert(session.frame, _('The history is up to date'), 15, seen)
    tap.check(said, '%s: a sync the person asked for says when it is done, as an alert'
              % session.label, seen)


def press_with_keyboard(session, matches):
    """Tab to the control MATCHES (node -> bool) accepts, and press Space on it."""
    for _i in range(60):
        focused = session.focus.press('Tab')
        if focused is not None and matches(focused):
            U.press('space')
            return True
    return False


def check_outcome_announced(session):
    """On the unknown attempt: "Check outcome" cannot tell, and says so; choosing one of the
    orders records it as placed, and says so. Both with the keyboard."""
    seen = []
    check = plain(_('C_heck outcome'))
    pressed = press_with_keyboard(session, lambda n: U.name(n) == check)
    said = pressed and U.wait_for_alert(
        session.frame, _('Still unknown: more than one order may be this attempt'), 15, seen)
    tap.check(said, '%s: an outcome that stays unknown is said, as an alert' % session.label,
              seen)
    mine = re.compile('^' + r'\d+'.join(re.escape(part) for part in
                                        _('Record order %s as the outcome of this attempt')
                                        .split('%s')) + '$')
    pressed = press_with_keyboard(session, lambda n: mine.match(U.name(n)) is not None)
    said = pressed and U.wait_for_alert(session.frame, _('Recorded as placed'), 20, seen)
    tap.check(said, '%s: an order recorded as placed is said, as an alert' % session.label, seen)


def check_address_error_on_field(session):
    """A refused API address is said on its field."""
    prefs = open_preferences(session)
    field = prefs and U.wait_for(lambda: U.find(prefs, 'text', plain(_('API address'))))
    if not tap.check(field is not None, '%s: the API address field is found' % session.label):
        return
    # Typed, as a person would: the row offers "Apply" (Enter) only for text typed into it.
    for _i in range(30):
        session.focus.press('Tab')
        if session.focus.focused is not None and session.focus.focused.path == field.path:
            U.press('a', 'ctrl')
            U.type_text('http://example.com/services/v2/')
            U.press('Return')
            break
    said = U.wait_for(lambda: 'http' in U.description(field) or U.description(field), 5)
    tap.check(said, '%s: why an API address is refused is said on its field' % session.label,
              ['description: %r' % U.description(field)])
    # The address typed stays in the field (the setting did not change); Reset puts it back.
    reset = button(prefs, _('R_eset'))
    tap.check(U.click(reset) and U.wait_for(lambda: not U.description(field), 5),
              '%s: Reset takes the problem off the field' % session.label)
    close_with_escape(session, prefs)


def phase_account(sim, env):
    """A real account (the simulator) with a key and orders, one of them of unknown outcome."""
    session = Session([], env, 'account')
    try:
        for key in ('history', 'details', 'cancel-dialog'):
            run_view(session, key)
        check_sync_announced(session)
        if run_view(session, 'candidates') is not None:
            check_outcome_announced(session)
        for key in ('preferences', 'remove-key', 'main-menu', 'about', 'shortcuts'):
            run_view(session, key)
        check_address_error_on_field(session)
        check_every_view_audited(session)
        # An order sent from the window whose answer is lost, and CertCentral cannot be asked
        # whether it arrived: the page that says so.
        if run_view(session, 'new-order') is not None and run_view(session, 'review'):
            sim.command('fault POST %s drop-after-body 1' % POST_PATH)
            sim.command('fault GET order/certificate server-error 8')
            run_view(session, 'unknown')
    finally:
        session.stop()


def phase_practice(env):
    """Practice mode: its banner (and its button) over the views; the revoke dialog and the
    review of a renewal, on the example that ends soon; ordering from a spreadsheet."""
    placed = run_cli(env, '--practice', 'order', os.path.join(FIXTURES, 'seed-details.json'))
    tap.check(placed.returncode == 0, 'practice: an order is placed with the CLI',
              [placed.stderr])
    session = Session(['--practice'], env, 'practice')
    try:
        for key in ('new-order', 'review', 'placed', 'history', 'revoke-dialog',
                    'renewal-review', 'preferences'):
            if run_view(session, key) is not None and key == 'new-order':
                check_own_field(session)
        write_batch_files(env, os.path.dirname(env['XDG_DATA_HOME']))
        for key in ('batch-start', 'batch-problems', 'batch-review', 'batch-placed'):
            run_view(session, key)
    finally:
        session.stop()


def replace_key_through_dialog(session, dialog, url):
    """A key CertCentral does not know is refused, said on the field; the right one closes
    the dialog, and the banner goes."""
    label = session.label
    field = U.find(dialog, 'text', plain(_('New API _key')))
    save = button(dialog, _('_Check and save'))
    typed = U.set_text(field, WRONG_KEY + 'x')
    pressed = typed and U.wait_for(lambda: U.has_state(save, Atspi.StateType.SENSITIVE), 5) \
        and U.click(save)
    said = pressed and U.wait_for(lambda: U.description(field), 10)
    tap.check(said, '%s: why a replacement key was refused is said on its field' % label,
              ['description: %r' % (U.description(field) if field else '')])
    typed = U.set_text(field, TEST_KEY)
    pressed = typed and U.wait_for(lambda: U.has_state(save, Atspi.StateType.SENSITIVE), 5) \
        and U.click(save)
    closed = pressed and U.wait_for(
        lambda: dialog.path not in {w.path for w in session.app.windows()}, 15)
    gone = closed and U.wait_for(lambda: button(session.frame, _('Replace _key…')) is None, 15)
    tap.check(gone and stored_key(url) == TEST_KEY,
              '%s: the right key replaces the old one, and the banner goes' % label)


def phase_key_rejected(sim, env):
    """The stored key is one CertCentral no longer accepts: History and New order say so,
    with "Replace key…"; the review does not send; the dialog replaces the key."""
    # What the account phase left unused (its lost answer's server errors) is not this phase's.
    tap.check(sim.command('clear-faults') == 'ok', 'key rejected: the simulator has no faults')
    W.store_key(sim.url, WRONG_KEY)
    session = Session([], env, 'key rejected')
    try:
        if run_view(session, 'history-key-rejected') is not None:
            said = U.find(session.frame, 'alert', KEY_REJECTED)
            try_again = button(session.frame, _('_Try again'))
            tap.check(said is not None and try_again is None,
                      '%s: History says the key is not accepted, as an alert, and offers no '
                      '"Try again"' % session.label,
                      ['alerts: %r' % [U.name(n) for n in U.find_all(session.frame, 'alert')],
                       '"Try again": %s' % (U.describe(try_again) if try_again else 'none')])
        if run_view(session, 'review-key-rejected') is not None:
            dialog = run_view(session, 'replace-key')
            if dialog is not None:
                replace_key_through_dialog(session, dialog, sim.url)
    finally:
        session.stop()
        W.store_key(sim.url, TEST_KEY)


def check_own_field(session):
    """Practice mode's account has one order field of its own, "Cost centre", optional: New
    order shows it as a field named by its label (the view's audit above went through it)."""
    name = _('%s (optional)') % _('Cost centre')
    field = U.wait_for(lambda: U.find(session.frame, 'text', name), 10)
    tap.check(field is not None, "%s: the account's own order field is there, named %r"
              % (session.label, name))


# ---- an organisation's settings (docs/deploying.md) ----

def organisation_profile(tmp, url):
    """A dconf database as an administrator makes one, compiled without root, that sets and
    locks the API address (URL) and turns practice mode off: the profile for DCONF_PROFILE."""
    from gi.repository import Gio
    source = Gio.SettingsSchemaSource.get_default()
    ids = [i for i in source.list_schemas(True)[0] if i.startswith('io.github.pkioorders.')]
    path = source.lookup(ids[0], True).get_path()
    keyfiles = os.path.join(tmp, 'organisation.d')
    os.makedirs(os.path.join(keyfiles, 'locks'))
    with open(os.path.join(keyfiles, '00-organisation'), 'w', encoding='utf-8') as f:
        f.write("[%s]\napi-base-url='%s'\npractice-mode-allowed=false\n" % (path.strip('/'), url))
    with open(os.path.join(keyfiles, 'locks', '00-organisation'), 'w', encoding='utf-8') as f:
        f.write('%sapi-base-url\n%spractice-mode-allowed\n' % (path, path))
    database = os.path.join(tmp, 'organisation')
    subprocess.run(['dconf', 'compile', database, keyfiles], check=True)
    profile = os.path.join(tmp, 'organisation-profile')
    with open(profile, 'w', encoding='utf-8') as f:
        # The user database's name is part of a D-Bus object path: letters and digits.
        f.write('user-db:pkioaudit%d\nfile-db:%s\n' % (os.getpid(), database))
    return profile


def phase_organisation(sim, env, tmp):
    """The organisation locked the API address (the simulator, by another name, so no key is
    stored for it) and turned practice mode off: the welcome page and the main menu do not
    offer it, and Preferences show the address as it is, set by the organisation. (Connecting
    is audited in the first run; here the welcome page stays.)"""
    url = sim.url.replace('127.0.0.1', 'localhost')
    org_env = dict(env)
    # The address comes from the lock alone; the dconf service writes the person's own
    # settings where the session's XDG_CONFIG_HOME says.
    del org_env['PKIO_ORDERS_API_URL']
    del org_env['XDG_CONFIG_HOME']
    org_env.update(DCONF_PROFILE=organisation_profile(tmp, url), GSETTINGS_BACKEND='dconf')
    W.clear_key(url)
    session = Session([], org_env, 'organisation')
    label = session.label
    try:
        if run_view(session, 'welcome-organisation') is not None:
            offered = button(session.frame, _('Try _practice mode'))
            tap.check(offered is None, '%s: the welcome page does not offer practice mode'
                      % label)
        menu = run_view(session, 'main-menu')
        if menu is not None:
            items = [U.name(n) for n in U.walk(menu) if U.role(n) == 'menu item']
            tap.check(items and plain(_('_Try Practice Mode')) not in items,
                      '%s: the main menu does not offer practice mode' % label, items)
        prefs = run_view(session, 'preferences-locked')
        if prefs is not None:
            field = U.find(prefs, 'text', plain(_('API address')))
            tap.check(field is not None and not U.has_state(field, Atspi.StateType.EDITABLE)
                      and _('Set by your organisation') in U.description(field),
                      '%s: the locked API address is read-only and says who set it' % label,
                      [U.describe(field) if field else 'no field',
                       'description: %r' % (U.description(field) if field else '')])
            tap.check(button(prefs, _('R_eset')) is None,
                      '%s: a locked API address offers no Reset' % label)
            close_with_escape(session, prefs)
    finally:
        session.stop()


def main():
    started = time.time()
    check_rules(tap)
    tap.check(shutil.which('xdotool'), 'xdotool is installed (the audit sizes windows with it)')
    if os.environ.get('PKIO_TEST_EXPECT_DUTCH') == '1':
        tap.check(_('New order') == 'Nieuwe bestelling', 'the audit reads the Dutch catalogue')
    tmp = tempfile.mkdtemp(prefix='pkio-a11y-audit.')
    env = {name: os.path.join(tmp, name) for name in
           ('XDG_DATA_HOME', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME')}
    # Practice mode's example orders are issued during the run: their notifications need a
    # server.
    notifications = U.NotificationServer()
    tap.check(notifications.ready, 'a notification server runs for the app')
    sim = W.Simulator(SIMULATOR_TOOL, TEST_KEY)
    env['PKIO_ORDERS_API_URL'] = sim.url
    phases = os.environ.get('PKIO_AUDIT_PHASES',
                            'first-run account key-rejected practice organisation').split()
    try:
        if 'first-run' in phases:
            phase_first_run(sim, env)
        if 'account' in phases:
            if stored_key(sim.url) is None:
                W.store_key(sim.url, TEST_KEY)
            seed_orders(sim, env, tmp)
            phase_account(sim, env)
        if 'key-rejected' in phases:
            phase_key_rejected(sim, env)
        if 'practice' in phases:
            phase_practice(env)
        if 'organisation' in phases:
            phase_organisation(sim, env, tmp)
    finally:
        sim.stop()
        notifications.stop()
        W.clear_key(sim.url)
        shutil.rmtree(tmp, ignore_errors=True)
        tap.diag('the audit took %.0f s' % (time.time() - started))
    sys.exit(tap.finish())


if __name__ == '__main__':
    main()
