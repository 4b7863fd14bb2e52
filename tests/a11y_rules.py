# SPDX-License-Identifier: GPL-3.0-or-later
"""What every control is held to in test-a11y-audit.py: the roles audited, the naming rules and
the few exceptions GTK 4.8 forces (the README's Accessibility section lists them too)."""
import gettext
import os
import re

import atspi_util as U

# Controls a person operates, by GTK 4.8's AT-SPI role names (a GtkSwitch is a "check box").
ROLES = {
    'push button', 'toggle button', 'check box', 'radio button', 'entry', 'text',
    'password text', 'combo box', 'spin button', 'switch', 'link', 'menu item',
    'check menu item', 'radio menu item', 'page tab', 'slider',
}
# What a screen reader names when the focus enters it.
CONTAINER_ROLES = {'frame', 'dialog', 'alert', 'menu', 'popup menu', 'window', 'list', 'list box',
                   'table', 'tree table', 'tree', 'page tab list', 'tool bar'}
CLASS_NAME = re.compile(r'^(Gtk|Adw|Pkio)[A-Z][A-Za-z]*$')
MNEMONIC = re.compile(r'_[^\W_]')


def name_problem(text):
    """What is wrong with TEXT as the name a screen reader says, or None."""
    if not text.strip():
        return 'has no name'
    if CLASS_NAME.match(text.strip()):
        return 'is named after its class'
    if MNEMONIC.search(text):
        return 'shows a mnemonic underscore'
    words = [w.casefold() for w in text.replace('_', '').split()]
    half = len(words) // 2
    if len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return 'says its name twice'
    return None


def naming_problems(shown, controls):
    """(node, problem) for each control or container whose name says nothing, or the wrong
    thing."""
    found = []
    for node in controls + [n for n in shown if U.role(n) in CONTAINER_ROLES]:
        problem = name_problem(U.name(node))
        if problem and not name_exception(node):
            found.append((node, problem))
    return found


# The exceptions: what GTK 4.8 cannot do, each with its reason (the README's Accessibility
# section lists them too). Keep them few.
def name_exception(node):
    if U.role(node) == 'list item' and U.name(node) == 'GtkListItemWidget':
        return ('GTK 4.8 names the rows of a list view after their class '
                '(gtk_list_item_set_accessible_label is GTK 4.12); the app names the rows it binds '
                '(pkio_accessible_label_list_row: History\'s rows, "table row"), not those of '
                'libadwaita\'s own drop-down lists')
    return None


_gtk = gettext.translation('gtk40', languages=[l for l in os.environ.get('LANGUAGE', '')
                                               .split(':') if l] or None, fallback=True).gettext
WINDOW_BUTTONS = {_gtk(s) for s in ('Minimize the window', 'Maximize the window',
                                    'Restore the window', 'Close the window')}


def tab_exception(node):
    if U.role(node) == 'push button' and U.description(node) in WINDOW_BUTTONS:
        return ('GTK keeps the title bar buttons out of the Tab chain (can-focus is off); Ctrl+W, '
                'Escape and the window manager do what they do')
    return None


def reached_as_its_row(node, reached):
    """A choice of a radio group is one Tab stop (the arrow keys move in the group, as GTK has
    it); the other choices are reached as their rows, which carry the same name and choose them
    (Space)."""
    if U.role(node) not in ('radio button', 'check box', 'switch'):
        return False
    row = next((a for a in U.ancestors(node) if U.role(a) == 'list item'), None)
    return row is not None and row.path in reached and U.name(row) == U.name(node)


def check_rules(tap):
    """The rules on themselves: they catch what the issue found, and only that."""
    bad = {'': 'has no name', '  ': 'has no name', 'GtkToggleButton': 'is named after its class',
           'AdwToastWidget': 'is named after its class', 'PkioOrderView': 'is named after its class',
           '_Try again Try again': 'shows a mnemonic underscore',
           'Try again Try again': 'says its name twice',
           'C_heck outcome': 'shows a mnemonic underscore'}
    good = ['Refresh', 'Status filter', 'Try again', 'Main menu', 'Order 8436001',
            'New order', 'Record order 5 as the outcome of this attempt This is my order']
    wrong = ['%r: %r' % (text, name_problem(text)) for text, problem in bad.items()
             if name_problem(text) != problem]
    wrong += ['%r: %r' % (text, name_problem(text)) for text in good if name_problem(text)]
    tap.check(not wrong, 'the naming rules catch what the issue found, and only that', wrong)
