"""Roster against python's scim2-server (PyPI), the comparison the benchmark issue asks for: the same
wrk scripts, connections and cores against both servers, Roster's figure ÷ scim2-server's.

scim2-server keeps its resources in memory and is loaded over HTTP (it has no seeding tool), so it holds
far fewer users than Roster's database in the same run: the comparison favours it.
"""

import http.client
import json
import os
import subprocess
import sys
import time

import processes

TOKEN = "bench-token"
OPERATIONS = [
    # (Roster's row in the main run, wrk script, its sample arguments by name)
    ("GET /Users/{id}", "get_user.lua", ["ids"]),
    ('GET /Users?filter=userName eq "…"', "filter_eq.lua", ["userName", "userNames"]),
    ("POST /Users", "post_user.lua", []),
    ("PATCH /Users/{id} active false/true", "patch_active.lua", ["ids"]),
]


def install(venv):
    """A venv with scim2-server from PyPI (made once, reused); returns the executable and its version."""
    executable = os.path.join(venv, "bin", "scim2-server")
    if not os.path.exists(executable):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True, capture_output=True)
        subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", "scim2-server"], check=True,
                       capture_output=True)
    shown = subprocess.run([os.path.join(venv, "bin", "pip"), "show", "scim2-server"], capture_output=True, text=True)
    version = next((line.split(":", 1)[1].strip() for line in shown.stdout.splitlines() if line.startswith("Version:")),
                   "?")
    return executable, version


class PythonServer:
    """One scim2-server process, pinned like Roster's; knows its CPU time."""

    def __init__(self, executable, port, core, workdir):
        self.port = port
        command = [executable, "--port", str(port), "--bearer-token", TOKEN]
        if core is not None:
            command = ["taskset", "-c", str(core)] + command
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                        stderr=open(os.path.join(workdir, "scim2-server.err"), "w"),
                                        start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if request(port, "GET", "/ServiceProviderConfig")[0] == 200:
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("scim2-server did not answer within 60 s")

    def cpu_seconds(self):
        return processes.cpu_seconds(self.process.pid)

    def peak_mib(self):
        return processes.memory_mib(self.process.pid)[0]

    def stop(self):
        processes.stop(self.process, timeout=10)


def request(port, method, path, body=None, connection=None):
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/scim+json"}
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


def load_users(port, count, workdir):
    """POSTs `count` users shaped like Roster's seeded members; writes the sample files the wrk scripts read."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    ids, user_names = [], []
    for n in range(count):
        name = f"user{n}@bench.example"
        status, body = request(port, "POST", "/Users", {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": name,
            "name": {"givenName": "Bench", "familyName": f"User {n}"}, "displayName": f"Bench User {n}",
            "emails": [{"primary": True, "value": name, "type": "work"}], "active": True, "externalId": f"ext-{n}",
        }, connection)
        if status != 201:
            raise RuntimeError(f"scim2-server answered {status} to a POST: {body[:200]!r}")
        ids.append(json.loads(body)["id"])
        user_names.append(name)
    samples = {}
    for label, values in (("ids", ids), ("userNames", user_names)):
        samples[label] = os.path.join(workdir, f"scim2-{label}.txt")
        with open(samples[label], "w") as f:
            f.write("\n".join(values) + "\n")
    return samples


def compare(load, roster_results, venv, workdir, users, core, log):
    """Measures scim2-server with `load` (a bench.Load) and returns table rows: its figures, then Roster ÷ it."""
    executable, version = install(venv)
    server = PythonServer(executable, load.port, core, workdir)
    try:
        began = time.monotonic()
        samples = load_users(load.port, users, workdir)
        log(f"scim2-server {version}: loaded {users:,} users over HTTP in {time.monotonic() - began:.1f} s")
        rows = []
        for name, script, arguments in OPERATIONS:
            args = [samples.get(a, a) for a in arguments]
            if script == "post_user.lua":
                args = [f"scim2-{int(time.time())}"]
            before = server.cpu_seconds()
            figures = load.run(script, "/", args, base="")
            cpu_us = (server.cpu_seconds() - before) * 1e6 / max(figures["requests"], 1)
            errors = figures["errors"]
            bad = errors["status"] + errors["connect"] + errors["timeout"]
            log(f"scim2-server {name:<36} {figures['rps']:>9,.0f} req/s  server CPU {cpu_us:8.1f} µs/req"
                + (f"  errors {errors}" if bad else ""))
            roster = roster_results[name]
            speed = roster["rps"] / max(figures["rps"], 1e-9)
            rows.append((name, figures, cpu_us, speed, roster["cpu_us"], bool(bad)))
        return version, server.peak_mib(), rows
    finally:
        server.stop()
