#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A desktop notification server (org.freedesktop.Notifications) for test sessions, which have
none: without one GLib warns when the app sends a notification, and the app runs with warnings
fatal. Prints "ready" once it owns the name, then one line per notification: its summary.
Runs until its stdin closes."""
import sys

import gi
gi.require_version('Gio', '2.0')
from gi.repository import Gio, GLib  # noqa: E402

INTERFACE = '''
<node>
  <interface name="org.freedesktop.Notifications">
    <method name="Notify">
      <arg type="s" direction="in"/><arg type="u" direction="in"/><arg type="s" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/><arg type="as" direction="in"/>
      <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/>
      <arg type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg type="u" direction="in"/></method>
    <method name="GetCapabilities"><arg type="as" direction="out"/></method>
    <method name="GetServerInformation">
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
    </method>
    <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
    <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
  </interface>
</node>'''

loop = GLib.MainLoop()
last_id = [0]


def method_call(connection, sender, path, interface, method, params, invocation):
    if method == 'Notify':
        last_id[0] += 1
        print(params.unpack()[3], flush=True)
        invocation.return_value(GLib.Variant('(u)', (last_id[0],)))
    elif method == 'GetCapabilities':
        invocation.return_value(GLib.Variant('(as)', (['body', 'actions'],)))
    elif method == 'GetServerInformation':
        invocation.return_value(GLib.Variant('(ssss)', ('pkio-test', 'pkio', '1', '1.2')))
    else:
        invocation.return_value(None)


def main():
    bus = Gio.bus_get_sync(Gio.BusType.SESSION)
    info = Gio.DBusNodeInfo.new_for_xml(INTERFACE).interfaces[0]
    bus.register_object('/org/freedesktop/Notifications', info, method_call, None, None)
    Gio.bus_own_name_on_connection(bus, 'org.freedesktop.Notifications',
                                   Gio.BusNameOwnerFlags.NONE,
                                   lambda *a: print('ready', flush=True),
                                   lambda *a: (print('name lost', flush=True), loop.quit()))
    GLib.io_add_watch(GLib.IOChannel.unix_new(sys.stdin.fileno()), GLib.PRIORITY_DEFAULT,
                      GLib.IOCondition.HUP | GLib.IOCondition.IN, lambda *a: loop.quit())
    loop.run()


if __name__ == '__main__':
    main()
