#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# usage: check-dbus-activation.sh EXECUTABLE APP_ID
# DBusActivatable=true: the desktop starts the app through D-Bus activation and then calls
# org.freedesktop.Application.Activate. This does the same on a private bus of our own, whose
# only service file starts the build-tree binary with --gapplication-service, and checks that
# the window opens (its actions on the bus and a mapped X window of that very process).
exe="$1"
app="$2"
object_path="/$(echo "$app" | tr . /)"
tmp=$(mktemp -d)
daemon_pid=
app_pid=

cleanup() {
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then kill "$app_pid"; fi
  if [ -n "$daemon_pid" ]; then kill "$daemon_pid" 2>/dev/null; wait "$daemon_pid" 2>/dev/null; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; fail=1; }
bail() { not_ok "$1"; echo "Bail out! $1"; exit 1; }

echo "1..8"
if [ -z "${DISPLAY:-}" ]; then
  for i in 1 2 3 4 5 6 7 8; do echo "ok $i # SKIP no X display (run it through build-aux/pkio-dev.sh test)"; done
  exit 0
fi

mkdir "$tmp/services"
cat > "$tmp/services/$app.service" <<SERVICE
[D-BUS Service]
Name=$app
Exec=$exe --gapplication-service
SERVICE
cat > "$tmp/bus.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=$tmp/bus</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$tmp/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF

# The activated app inherits the daemon's environment: this bus, the test's DISPLAY, HOME and
# settings. The private bus has no accessibility bus, so GTK is told not to look for one.
export DBUS_SESSION_BUS_ADDRESS="unix:path=$tmp/bus"
export GTK_A11Y=none
dbus-daemon --config-file="$tmp/bus.conf" --nofork --print-address=3 3>"$tmp/address" &
daemon_pid=$!
for i in $(seq 50); do [ -s "$tmp/address" ] && break; sleep 0.1; done
if [ -s "$tmp/address" ]; then ok "a private session bus runs at $(cat "$tmp/address")"
else bail "a private session bus runs"; fi

bus() { gdbus call --session --timeout 20 "$@" 2>"$tmp/gdbus-error"; }

# Returns 0 when the process $1 has a mapped (viewable) X toplevel; prints its title.
mapped_window_of() {
  for id in $(xwininfo -root -children 2>/dev/null | grep -o '^ *0x[0-9a-f]*'); do
    pid=$(xprop -id "$id" _NET_WM_PID 2>/dev/null | sed -n 's/.* = //p')
    if [ "$pid" = "$1" ] && xwininfo -id "$id" 2>/dev/null | grep -q 'Map State: IsViewable'; then
      xprop -id "$id" _NET_WM_NAME 2>/dev/null | sed -n 's/.* = //p'
      return 0
    fi
  done
  return 1
}
window_actions() { bus --dest "$app" --object-path "$object_path/window/$1" --method org.gtk.Actions.List; }

# Started by D-Bus alone (as the desktop does before activating): a service, no window yet.
if bus --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
       --method org.freedesktop.DBus.StartServiceByName "$app" 0 >/dev/null; then
  app_pid=$(bus --dest org.freedesktop.DBus --object-path /org/freedesktop/DBus \
                --method org.freedesktop.DBus.GetConnectionUnixProcessID "$app" |
            sed -n 's/^(uint32 \([0-9]*\),)$/\1/p')
fi
if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
  ok "D-Bus activation starts $exe as $app (pid $app_pid)"
else
  bail "D-Bus activation starts $exe as $app: $(cat "$tmp/gdbus-error")"
fi
sleep 1
if ! window_actions 1 >/dev/null && ! mapped_window_of "$app_pid" >/dev/null; then
  ok "--gapplication-service alone opens no window"
else
  not_ok "--gapplication-service alone opens no window"
fi

if bus --dest "$app" --object-path "$object_path" \
       --method org.freedesktop.Application.Activate '{}' >/dev/null; then
  ok "org.freedesktop.Application.Activate succeeds"
else
  not_ok "org.freedesktop.Application.Activate succeeds: $(cat "$tmp/gdbus-error")"
fi

found=
for i in $(seq 100); do
  if window_actions 1 | grep -q "'show-help-overlay'"; then found=1; break; fi
  sleep 0.2
done
if [ -n "$found" ]; then ok "the main window's actions are on the bus at $object_path/window/1"
else not_ok "the main window's actions are on the bus at $object_path/window/1"; fi

title=
for i in $(seq 100); do
  if title=$(mapped_window_of "$app_pid"); then break; fi
  title=
  sleep 0.2
done
if [ -n "$title" ]; then ok "the activated process shows a window on screen: $title"
else not_ok "the activated process shows a window on screen"; fi

# Activating again presents the same window, as the desktop expects of a unique app.
bus --dest "$app" --object-path "$object_path" \
    --method org.freedesktop.Application.Activate '{}' >/dev/null
sleep 0.5
if window_actions 1 >/dev/null && ! window_actions 2 >/dev/null; then
  ok "a second Activate opens no second window"
else
  not_ok "a second Activate opens no second window"
fi

bus --dest "$app" --object-path "$object_path" \
    --method org.freedesktop.Application.ActivateAction quit '[]' '{}' >/dev/null
for i in $(seq 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$app_pid" 2>/dev/null; then not_ok "app.quit over D-Bus ends the process"
else ok "app.quit over D-Bus ends the process"; fi
exit ${fail:-0}
