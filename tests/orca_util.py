# SPDX-License-Identifier: GPL-3.0-or-later
"""Orca, the real screen reader, as a test runs it: its own Orca inside the test's session
(speech and braille off, its debug log on), and what it would have said, read from the
`SPEECH OUTPUT:` lines of that log.

Never `orca --replace`: it kills every Orca of the user, also one a person is listening to
while the tests run. Orca 43 refuses to start beside another Orca of the same user
(`pgrep -u UID -x orca`); then `Orca.refused` says why and the test skips.

With speech disabled Orca still generates everything it would say for a focus change and logs
it; messages it would speak by themselves (a toast, "selected") are logged only as far as Orca
generates them, so alerts stay checked by the AT-SPI audit. Keys sent with XTest reach Orca and
the app alike; Orca lags behind the app (it asks the app about every ancestor of what got the
focus), so `listen` waits until Orca has moved its own focus before the next key."""
import os
import pty
import re
import shutil
import subprocess
import termios
import threading
import time

import atspi_util as U

READY = 'ORCA: Startup complete notification made'
SPEECH = re.compile(r"SPEECH OUTPUT: '(.*?)' ?\{'", re.S)
# A description of an object changed, as Orca takes it from its queue: ROLE, NAME, the new text.
DESCRIPTION_CHANGED = re.compile(r'Dequeued object:property-change:accessible-description '
                                 r'\[(.*?) \| (.*?)\] \(\d+,\d+,(.*?)\) from \[', re.S)
LOCUS = re.compile(r'ORCA: Changing locusOfFocus from \[.*?\] to \[(.*?) \| (.*?)\]\. Notify', re.S)
# Key echo, in case it is on after all (English; Orca speaks key names in its own language).
KEY_ECHO = re.compile(r'^(tab|left shift|shift|space|return|down|up|left|right|home|escape)\s*$',
                      re.I)


def other_orcas():
    """The pids of the Orcas this user already runs (what makes Orca 43 refuse to start)."""
    result = subprocess.run(['pgrep', '-u', str(os.getuid()), '-x', 'orca'], capture_output=True,
                            text=True)
    return [int(p) for p in result.stdout.split()]


class Orca:
    def __init__(self, tmp, env=None):
        self.log_path = os.path.join(tmp, 'orca-debug.log')
        open(self.log_path, 'wb').close()
        self.refused = None
        self.proc = None
        if shutil.which('orca') is None:
            self.refused = 'orca is not installed (build-aux/pkio-dev.sh installs it)'
            return
        others = other_orcas()
        if others:
            self.refused = ('another Orca runs for this user (pid %s); Orca 43 does not start '
                            'beside it, and --replace would kill it'
                            % ', '.join(map(str, others)))
            return
        prefs = os.path.join(tmp, 'orca-prefs')
        os.makedirs(prefs, exist_ok=True)
        # Orca writes its debug log through a buffered file, which would reach the disk in
        # 8 KiB steps, long after what it says: the log goes to a terminal instead (Python then
        # writes it line by line), and a thread copies it into LOG_PATH as it comes.
        master, slave = pty.openpty()
        attributes = termios.tcgetattr(slave)
        attributes[1] &= ~termios.ONLCR   # no "\r\n" for "\n"
        termios.tcsetattr(slave, termios.TCSANOW, attributes)
        self.proc = subprocess.Popen(
            ['orca', '--disable', 'speech,braille,key-echo', '--user-prefs', prefs,
             '--debug-file', '/dev/stdout'],
            env=env, stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, close_fds=True)
        os.close(slave)
        self._copier = threading.Thread(target=self._copy, args=(master,), daemon=True)
        self._copier.start()
        ready = U.wait_for(lambda: self.proc.poll() is not None or READY in self.text(), 30)
        if self.proc.poll() is not None or not ready:
            U.pump(0.5)
            said = ' '.join(line for line in self.text().splitlines()
                            if ' - ' not in line[:20])
            self.refused = 'Orca did not start (%s): %s' % (
                'exit %s' % self.proc.poll() if self.proc.poll() is not None
                else 'not ready in 30 s', ' '.join(said.split())[:300])
            self.stop()

    def _copy(self, master):
        with open(self.log_path, 'ab') as log:
            while True:
                try:
                    data = os.read(master, 65536)
                except OSError:   # EIO: Orca has closed the terminal (it ended)
                    break
                if not data:
                    break
                log.write(data)
                log.flush()
        os.close(master)

    def text(self, since=0, until=None):
        """The log between two offsets (bytes)."""
        try:
            with open(self.log_path, 'rb') as f:
                f.seek(since)
                data = f.read() if until is None else f.read(max(0, until - since))
        except FileNotFoundError:
            return ''
        return data.decode('utf-8', errors='replace')

    def offset(self):
        try:
            return os.path.getsize(self.log_path)
        except FileNotFoundError:
            return 0

    def settle(self, quiet=0.4, timeout=8):
        """Waits until Orca has written nothing for QUIET seconds."""
        deadline = time.time() + timeout
        last = -1
        while time.time() < deadline:
            size = self.offset()
            if size == last:
                return True
            last = size
            U.pump(quiet)
        return False

    def catch_up(self, role, name, timeout=30, idle=3.0):
        """Waits until Orca's own focus is the object ROLE NAME (it may still be working
        through what it was given before, or drop it all in a flood): True when it is.
        Also done when Orca has written nothing for IDLE seconds: it has nothing left to work
        through, and its focus stays elsewhere (after a page was replaced, the last focus the
        app reported may be a control Orca never moves to). Waiting on for TIMEOUT then only
        cost time, 30 s at a time."""
        last = [self.offset(), time.time()]

        def caught_up():
            size = self.offset()
            if size != last[0]:
                last[:] = [size, time.time()]
            elif time.time() - last[1] >= idle:
                return True
            found = LOCUS.findall(self.text(max(0, size - 4_000_000)))
            return found and found[-1] == (role, name)
        return bool(U.wait_for(caught_up, timeout, interval=0.3))

    def focus_since(self, since):
        """(role, name) of each object Orca moved its focus to since the offset SINCE."""
        return LOCUS.findall(self.text(since))

    def wait_for_focus(self, since, role, name, timeout=8):
        """True once Orca has moved its focus to the object ROLE NAME (since the offset) and
        has done with that event (what it says for it is in the log then)."""
        def done():
            text = self.text(since)
            for match in LOCUS.finditer(text):
                if match.groups() == (role, name):
                    return '^^^^^ PROCESS' in text[match.end():]
            return False
        return bool(U.wait_for(done, timeout, interval=0.1))

    def descriptions_told(self, since):
        """(role, name, text) of each new description Orca was told of since the offset SINCE.
        Of its focus it says one at once, as a message (a batch's progress on the button that
        has the focus): with speech off a message leaves no `SPEECH OUTPUT:` line, so this is
        what there is to see of it."""
        return DESCRIPTION_CHANGED.findall(self.text(since))

    def said(self, since, until=None):
        """What Orca would have said between the two offsets, one utterance an item."""
        text = self.text(since, until)
        return [' '.join(s.split()) for s in SPEECH.findall(text)
                if not KEY_ECHO.match(s.strip())]

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
