"""The operator console end to end, in a real terminal (tmux), against the real binary.

Usage: python console_tmux.py path/to/roster

Three sessions, each on a fresh temporary database, loopback only:
1. `roster` (server + console) at 120x40: a user and a group pushed over HTTP appear in Requests (3),
   Members (1) and Teams (2); a key is rotated twice in the console (4, r): with a 1 hour grace the
   old key still answers 200, with no grace it answers 401 within the auth cache's second, and the
   newest key (read off the screen) answers 200; a member is created (n, form) and deactivated (x)
   by keys and SCIM sees both; quitting (q, y) exits 0 and stops the server.
2. `roster` at 80x24: the lists fit, a resize reflows the frame, SIGTERM exits 0.
3. `roster console --attach` on the database of a separately started `roster serve`: a request to
   that server appears in the console within a second or so, and quitting leaves the server up.

The screen is read with `tmux capture-pane` and polled (every 50 ms, up to 15 s) until what is
expected shows; there are no fixed sleeps, so it holds on a loaded machine.
"""

import json
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

from scim_http import request

TIMEOUT = 15.0
SECRET = re.compile(r"rst_[a-z0-9]{8}_[A-Za-z0-9]{20,}")


class Terminal:
    """One tmux session on a private tmux server, running one command."""

    def __init__(self, name, command, cols, rows, workdir):
        self.socket = f"roster-e2e-{os.getpid()}-{name}"
        self.rc_path = os.path.join(workdir, f"{name}.rc")
        line = f"{command}; echo $? > {shlex.quote(self.rc_path)}"
        env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TMUX")}
        env["LANG"] = "C.UTF-8"
        subprocess.run(
            ["tmux", "-L", self.socket, "-f", "/dev/null", "new-session", "-d", "-s", name,
             "-x", str(cols), "-y", str(rows), "sh", "-c", line],
            check=True, env=env)
        self.tmux("set-option", "-t", name, "status", "off")
        self.name = name

    def tmux(self, *args, check=True):
        return subprocess.run(["tmux", "-L", self.socket, *args], check=check, capture_output=True, text=True)

    def screen(self):
        result = self.tmux("capture-pane", "-p", "-t", self.name, check=False)
        return result.stdout

    def keys(self, *keys):
        self.tmux("send-keys", "-t", self.name, *keys)

    def type(self, text):
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def wait(self, what, predicate, timeout=TIMEOUT):
        """Polls the screen until `predicate(screen)` is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            value = predicate(screen)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; screen:\n{screen}")
            time.sleep(0.05)

    def wait_text(self, *texts, timeout=TIMEOUT):
        return self.wait(" and ".join(repr(t) for t in texts), lambda s: s if all(t in s for t in texts) else None,
                         timeout)

    def roster_pid(self):
        pane = self.tmux("display-message", "-p", "-t", self.name, "#{pane_pid}").stdout.strip()
        children = subprocess.run(["pgrep", "-P", pane], capture_output=True, text=True).stdout.split()
        return int(children[0])

    def exit_code(self, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while not os.path.exists(self.rc_path) or not open(self.rc_path).read().strip():
            if time.monotonic() > deadline:
                raise AssertionError(f"the console did not exit; screen:\n{self.screen()}")
            time.sleep(0.05)
        return int(open(self.rc_path).read().strip())

    def close(self):
        self.tmux("kill-server", check=False)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def status(base, token):
    return request(base, token, "GET", "/Users?count=1")[0]


def wait_status(base, token, expected, what):
    deadline = time.monotonic() + TIMEOUT
    while (got := status(base, token)) != expected:
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: expected {expected}, still {got}")
        time.sleep(0.1)


def wait_healthy(port):
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return
        except Exception:
            if time.monotonic() > deadline:
                raise AssertionError(f"nothing answers on port {port}")
            time.sleep(0.05)


def find_member(base, token, user_name):
    query = urllib.parse.quote(f'userName eq "{user_name}"')
    code, body = request(base, token, "GET", f"/Users?filter={query}")
    assert code == 200, code
    return body["Resources"][0] if body["totalResults"] == 1 else None


def setup(roster, workdir, name):
    db = os.path.join(workdir, f"{name}.sqlite")
    subprocess.run([roster, "org", "create", "Acme Café", "--seats", "10", "--database", db],
                   check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run([roster, "keys", "create", "--org", "Acme Café", "--label", "okta-e2e", "--json",
                          "--database", db], check=True, capture_output=True, text=True)
    return db, json.loads(out.stdout)["key"]


def user(user_name, given, family):
    return {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": user_name,
            "name": {"givenName": given, "familyName": family}, "displayName": f"{given} {family}",
            "emails": [{"value": user_name, "type": "work", "primary": True}], "active": True}


def selected_row(screen):
    return next((line for line in screen.splitlines() if line.startswith("›")), "")


def console_session(roster, workdir):
    db, key = setup(roster, workdir, "main")
    port = free_port()
    base = f"http://127.0.0.1:{port}/scim/v2"
    term = Terminal("main", f"{shlex.quote(roster)} --database {shlex.quote(db)} --port {port}", 120, 40, workdir)
    try:
        term.wait_text(f"http://127.0.0.1:{port}/scim/v2", "Acme Café", "Members 0")

        # Pushed over HTTP: visible in Requests, Members and Teams.
        code, jurgen = request(base, key, "POST", "/Users", user("jürgen.müller@example.com", "Jürgen", "Müller"))
        assert code == 201, code
        code, _ = request(base, key, "POST", "/Groups", {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Platform 平台",
            "members": [{"value": jurgen["id"]}]})
        assert code == 201, code
        term.keys("3")
        term.wait("both requests in Requests", lambda s: re.search(r"POST\s+/Users\s+201", s)
                  and re.search(r"POST\s+/Groups\s+201", s))
        term.keys("1")
        term.wait_text("jürgen.müller@example.com", "Jürgen Müller")
        term.keys("2")
        term.wait("the team with its member", lambda s: re.search(r"Platform 平台\s+1\b", s))

        # Rotate with a 1 hour grace: both keys work.
        term.keys("4")
        term.wait_text("okta-e2e", "active")
        term.keys("r")
        term.wait_text("Rotate", "24 hours")
        term.keys("Up")
        term.wait("1 hour highlighted", lambda s: "› 1 hour" in s)
        term.keys("Enter")
        screen = term.wait_text("Key rotated", "keeps working for 1h")
        second = SECRET.search(screen).group(0)
        assert second != key
        assert status(base, key) == 200, "the old key works during its grace"
        assert status(base, second) == 200, "the new key works"
        term.keys("Enter")

        # Rotate the new key with no grace: it stops (within the auth cache's second), the newest works.
        term.keys("g")
        term.wait("the new key selected", lambda s: second[:12] in selected_row(s))
        term.keys("r")
        term.wait_text("Rotate", "24 hours")
        term.keys("Up", "Up")
        term.wait("no grace highlighted", lambda s: "› 0: the old key stops working now" in s)
        term.keys("Enter")
        screen = term.wait_text("Key rotated")
        third = SECRET.search(screen).group(0)
        assert third not in (key, second)
        term.keys("Enter")
        wait_status(base, second, 401, "the key rotated without grace")
        assert status(base, third) == 200, "the newest key works"
        assert status(base, key) == 200, "the first key is still in its hour of grace"

        # Create a member by keys, then deactivate it; SCIM sees both.
        term.keys("1")
        term.wait_text("Members 1")
        term.keys("n")
        term.wait_text("New member (1/5)")
        for field in ["ana.lima@example.com", "Ana", "Lima", "ana.lima@example.com", ""]:
            term.type(field)
            term.keys("Enter")
        term.wait_text("Created member ana.lima@example.com")
        created = find_member(base, third, "ana.lima@example.com")
        assert created and created["active"] is True and created["name"]["familyName"] == "Lima", created
        term.keys("/")
        term.type("ana.lima")
        term.keys("Enter")
        term.wait("the new member selected", lambda s: "ana.lima@example.com" in selected_row(s))
        term.keys("x")
        term.wait_text("Deactivated ana.lima@example.com")
        assert find_member(base, third, "ana.lima@example.com")["active"] is False

        # Quitting asks first, then stops the server and exits 0.
        term.keys("Escape", "q")
        term.wait_text("y yes")
        term.keys("y")
        assert term.exit_code() == 0
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            raise AssertionError("the server still answers after quitting")
        except urllib.error.URLError:
            pass
        print("ok: roster 120x40: requests, members, teams, key rotation (grace and none), create + deactivate, quit")
    finally:
        term.close()


def small_session(roster, workdir):
    db, key = setup(roster, workdir, "small")
    port = free_port()
    base = f"http://127.0.0.1:{port}/scim/v2"
    term = Terminal("small", f"{shlex.quote(roster)} --database {shlex.quote(db)} --port {port}", 80, 24, workdir)
    try:
        term.wait_text("Members 0")
        code, _ = request(base, key, "POST", "/Users", user("王小明@example.com", "小明", "王"))
        assert code == 201, code
        screen = term.wait_text("王小明@example.com")
        lines = screen.splitlines()
        assert len(lines) <= 24 and "⏎ open" in lines[-1], screen
        term.tmux("resize-window", "-t", "small", "-x", "100", "-y", "30")
        term.wait("the frame reflowed to 100x30", lambda s: len(s.splitlines()) == 30 and "⏎ open" in s.splitlines()[-1])
        term.tmux("resize-window", "-t", "small", "-x", "50", "-y", "12")
        term.wait_text("too small")
        term.tmux("resize-window", "-t", "small", "-x", "80", "-y", "24")
        term.wait_text("王小明@example.com")
        os.kill(term.roster_pid(), signal.SIGTERM)
        assert term.exit_code() == 0
        print("ok: roster 80x24: CJK member listed, resize to 100x30 and below the minimum, SIGTERM exits 0")
    finally:
        term.close()


def crash_session(roster, workdir):
    """A crash (here a SIGSEGV) gives the terminal back: cooked mode, echo, the normal screen."""
    db, _ = setup(roster, workdir, "crash")
    stty_path = os.path.join(workdir, "crash.stty")
    command = (f"SWIFT_BACKTRACE=enable=no {shlex.quote(roster)} --database {shlex.quote(db)} --port {free_port()}; "
               f"stty -a > {shlex.quote(stty_path)}.part; mv {shlex.quote(stty_path)}.part {shlex.quote(stty_path)}; sleep 30")
    term = Terminal("crash", command, 100, 30, workdir)
    try:
        term.wait_text("Members")
        assert term.tmux("display-message", "-p", "-t", "crash", "#{alternate_on}").stdout.strip() == "1"
        os.kill(term.roster_pid(), signal.SIGSEGV)
        deadline = time.monotonic() + TIMEOUT
        while not os.path.exists(stty_path):
            assert time.monotonic() < deadline, f"the console did not exit after SIGSEGV; screen:\n{term.screen()}"
            time.sleep(0.05)
        settings = open(stty_path).read().split()
        assert "icanon" in settings and "echo" in settings, f"terminal left raw: {settings}"
        assert term.tmux("display-message", "-p", "-t", "crash", "#{alternate_on}").stdout.strip() == "0"
        print("ok: a crash (SIGSEGV) leaves the terminal in cooked mode with echo, on the normal screen")
    finally:
        term.close()


def attach_session(roster, workdir):
    db, key = setup(roster, workdir, "attach")
    port = free_port()
    base = f"http://127.0.0.1:{port}/scim/v2"
    server = subprocess.Popen([roster, "serve", "--database", db, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    term = None
    try:
        wait_healthy(port)
        term = Terminal("attach", f"{shlex.quote(roster)} console --attach --database {shlex.quote(db)}", 120, 40, workdir)
        term.wait_text("attached", "Acme Café")
        term.keys("3")
        term.wait_text("Requests")
        sent = time.monotonic()
        assert request(base, "rst_wrong_key", "GET", "/Users?count=7")[0] == 401
        term.wait("the request from the other process", lambda s: re.search(r"GET\s+/Users\?count=7\s+401", s))
        latency = time.monotonic() - sent
        assert latency < 3.0, f"took {latency:.2f}s"
        code, _ = request(base, key, "POST", "/Users", user("zoé.attach@example.com", "Zoé", "Dupont"))
        assert code == 201
        term.keys("1")
        term.wait_text("zoé.attach@example.com")
        term.keys("q")
        assert term.exit_code() == 0
        wait_healthy(port)
        assert server.poll() is None, "the server stopped with the console"
        print(f"ok: roster console --attach: a request showed after {latency:.2f}s, quit left the server running")
    finally:
        if term:
            term.close()
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=15)


def main():
    roster = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as workdir:
        console_session(roster, workdir)
        small_session(roster, workdir)
        crash_session(roster, workdir)
        attach_session(roster, workdir)


if __name__ == "__main__":
    main()
