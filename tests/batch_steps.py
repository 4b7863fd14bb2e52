# SPDX-License-Identifier: GPL-3.0-or-later
"""Ordering from a spreadsheet, as a person does it with the keyboard: the steps the
accessibility audit (tests/test-a11y-audit.py) and the Orca test (tests/test-orca.py) share.

The two files a test orders from, written from the template the CLI writes (this language's
column names, the seed's example): "good" (two orders) and "problems" (the same two with a
problem each); and "unusable", a workbook where its CSV copy is meant. The main menu's "Order
from a Spreadsheet…" opens the batch window; a file is
chosen as a person without a portal (the Debian package, a build from source) chooses it: in
GTK's own file chooser, with Ctrl+L and the file's path in its location field, Return. (In
Flatpak the portal's chooser is another program; the batch window gets the same GFile from
it.)

A session here is the test's own: it has `app` (atspi_util.RunningApp), `frame` (the main
window) and `focus` (atspi_util.FocusTracker)."""
import os

import atspi_util as U
import a11y_world as W

Atspi = U.require_atspi()
_ = U.translator()
ngettext = U.translator(plural=True)
plain = U.plain

TITLE = _('Order from a Spreadsheet')


def button(root, label):
    return U.find(root, 'push button', plain(label))


def sensitive(node):
    return node if node is not None and U.has_state(node, Atspi.StateType.SENSITIVE) else None


def write_files(binary, env, folder):
    """The files, in FOLDER: {'good': path, 'problems': path}, and the CLI's stderr (None when
    it wrote the template as it should)."""
    template = W.run_cli(binary, env, '--practice', 'order', '--batch-template')
    lines = template.stdout.splitlines()
    if template.returncode != 0 or len(lines) != 2 or 'john.doe@example.com' not in lines[1]:
        return {}, template.stderr or template.stdout
    header, example = lines
    second = example.replace('john.doe@example.com', 'jan.jansen@example.nl')
    third = example.replace('john.doe@example.com', 'kim.smit@example.nl')
    contents = {'good': [header, second, third],
                'problems': [header, second.replace('1013 AA', '10'),
                             third.replace('kim.smit@example.nl', 'kim.smit@')]}
    files = {}
    for name, rows in contents.items():
        files[name] = os.path.join(folder, name + '.csv')
        with open(files[name], 'w', encoding='utf-8') as f:
            f.write('\r\n'.join(rows) + '\r\n')
    # "unusable": a file that cannot be read as a batch at all, the commonest one: the workbook
    # itself (a zip, as .xlsx is) where its CSV copy was meant.
    files['unusable'] = os.path.join(folder, 'workbook.xlsx')
    with open(files['unusable'], 'wb') as f:
        f.write(b'PK\x03\x04' + bytes(60))
    return files, None


def window_of(session):
    """The batch window, once it is on the accessibility bus."""
    return U.wait_for(lambda: next((w for w in session.app.windows()
                                    if w.path != session.frame.path and U.name(w) == TITLE),
                                   None), 10)


def open_window(session):
    """F10 (the main menu), Down to "Order from a Spreadsheet…", Return: the batch window on
    its start page, or None."""
    label = plain(_('_Order from a Spreadsheet…'))
    U.press('F10')
    if not U.wait_for(lambda: U.role(session.focus.focused) == 'menu item', 5):
        return None
    for _i in range(12):
        if U.name(session.focus.focused) == label:
            U.press('Return')
            window = window_of(session)
            choose = window and U.wait_for(lambda: button(window,
                                                          _('_Choose a Spreadsheet…')), 10)
            U.pump(0.5)
            return window if choose is not None else None
        session.focus.press('Down')
    return None


def file_chooser(session, title):
    """GTK 4.8's file chooser dialog, titled TITLE: on the accessibility bus a "filler" that is
    visible but never "showing", so RunningApp.windows () does not list it."""
    def match():
        app = session.app.app
        for i in range(app.get_child_count()):
            child = app.get_child_at_index(i)
            if (child is not None and U.name(child) == title
                    and U.has_state(child, Atspi.StateType.VISIBLE)):
                return child
        return None
    return U.wait_for(match, 10)


def focus_window(session, window):
    """The X input focus to WINDOW (a window manager would give it; Xvfb has none)."""
    x_window = U.wait_for(lambda: U._x_window(session.app, window), 5)
    if x_window is not None:
        U._xdotool('windowfocus', '--sync', x_window)


def choose_file(session, window, path, keyboard=False, diag=print):
    """The file chooser opened from WINDOW's "Choose a Spreadsheet…" (or "Choose Another
    File…"), and PATH chosen in it with the keyboard: Ctrl+L, the path in the location field,
    Return. KEYBOARD: the button is reached with Tab and pressed with Space, and the path is
    typed (the Orca test); else the button is clicked and the path set through AT-SPI (the
    audit, quicker). True once the chooser has closed with the file chosen."""
    labels = (_('_Choose a Spreadsheet…'), _('Choose _Another File…'))
    if keyboard:
        names = {plain(label) for label in labels}
        node = session.focus.focused
        for _i in range(30):
            if U.role(node) == 'push button' and U.name(node) in names:
                break
            node = session.focus.press('Tab', timeout=1.0)
        else:
            diag('no %s in the batch window' % ' or '.join(sorted(names)))
            return False
        U.press('space')
    else:
        choose = next((b for b in (button(window, label) for label in labels) if b), None)
        if choose is None or not U.click(choose):
            return False
    title = _('Open a Spreadsheet')
    chooser = file_chooser(session, title)
    if chooser is None:
        diag('no file chooser %r' % title)
        return False
    # Keys go to the window with the input focus: the chooser, once it is mapped.
    focus_window(session, chooser)
    U.pump(0.5)
    location = session.focus.press('l', 'ctrl', timeout=3.0)
    if location is None or U.role(location) != 'text':
        diag('the file chooser\'s location field: %s' % (
            U.describe(location) if location is not None else 'not focused'))
        return False
    if keyboard:
        U.type_text(path)
        U.wait_for(lambda: U.text_of(location) == path, 5)
    elif not U.set_text(location, path):
        diag('the file chooser\'s location field takes no text')
        return False
    U.pump(0.3)
    # The location field may be showing its completions: then Return takes the one shown (the
    # path as typed) and closes them, and a second Return opens the file, as for a person.
    for _i in range(2):
        U.press('Return')
        if U.wait_for(lambda: not U.has_state(chooser, Atspi.StateType.VISIBLE), 4):
            break
    else:
        diag('the file chooser stays open with %r' % U.text_of(location))
        return False
    # The chooser's X window may still be going away when the focus is given, and X then hands
    # the focus on again (once, the main window took the audit's keys): give it until WINDOW
    # is the active one.
    for _i in range(3):
        focus_window(session, window)
        if U.wait_for(lambda: U.has_state(window, Atspi.StateType.ACTIVE), 3):
            return True
        U.pump(0.5)
    # What follows fails on its own if the keys go elsewhere; this says why.
    diag('the batch window did not become active after the file chooser closed')
    return True


def place_button(window):
    """"Place N Orders" (the file's two rows, or one when the other is left out), once the
    duplicate check let it be pressed."""
    names = {plain(ngettext('_Place %u Order', '_Place %u Orders', n) % n) for n in (1, 2)}
    return next((b for b in U.find_all(window, 'push button')
                 if U.name(b) in names and sensitive(b)), None)


def refused_shown(window):
    """The page of a file that cannot be used: its title is on it."""
    return U.find(window, 'label', _('This file cannot be used'))


def problems_shown(window):
    """The problems page: "Open Again" (once the file is corrected) is on it."""
    return button(window, _('_Open Again'))


def results_button(window):
    """Every row has ended: "Save Results…" is there."""
    return button(window, _('Save _Results…'))
