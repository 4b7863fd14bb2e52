# SPDX-License-Identifier: GPL-3.0-or-later
"""The world the accessibility tests (test-a11y-audit.py, test-orca.py) run the app in: the
simulator in its own process, the keyring the app finds its key in, the command line."""
import subprocess

import atspi_util as U

SCHEMA = 'io.github.pkioorders.PkioOrders.ApiKey'
POST_PATH = 'order/certificate/pkio_burger'


class Simulator:
    """pkio-simulator-tool in its own process, steered through its control channel. Orders
    stay pending (they can be cancelled)."""

    def __init__(self, tool, key):
        self.proc = subprocess.Popen([tool, '--key', key, '--control',
                                      '--issue-delay-ms', '3600000'],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.url = self.proc.stdout.readline().strip()

    def command(self, line):
        self.proc.stdin.write(line + '\n')
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def stop(self):
        self.proc.terminate()
        self.proc.wait(5)


def secret_tool(*args, input_text=None):
    return subprocess.run(['secret-tool'] + list(args), input=input_text, text=True,
                          capture_output=True, timeout=30)


def stored_key(url):
    result = secret_tool('lookup', 'xdg:schema', SCHEMA, 'api-url', url)
    return result.stdout if result.returncode == 0 else None


def store_key(url, key):
    secret_tool('store', '--label=PKIo Orders API key', 'xdg:schema', SCHEMA, 'api-url', url,
                input_text=key)


def clear_key(url):
    secret_tool('clear', 'xdg:schema', SCHEMA, 'api-url', url)


def run_cli(binary, env, *args):
    return subprocess.run([binary] + list(args), env=U.app_env(env), text=True,
                          capture_output=True, timeout=60)
