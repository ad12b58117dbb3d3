"""Durability under `kill -9`: no acknowledged write is lost, and the database stays intact.

Usage: python crash_durability.py path/to/roster [rounds]

Each round starts `roster serve` on one database, runs writers that POST members and PATCH a team
over loopback, kills the server with SIGKILL at a random moment, restarts it, and checks that every
request answered 2xx before the kill is visible afterwards and that `PRAGMA integrity_check` is ok.
Bounded: a few rounds of about a second of load each, loopback only.
"""

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

from scim_http import request


def start(roster, db, port):
    # No rate limit: this checks durability, and reading back every acknowledged write in a burst
    # would otherwise be answered 429 (and counted as lost).
    proc = subprocess.Popen(
        [roster, "serve", "--port", str(port), "--database", db, "--rate-limit", "0"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return proc
        except Exception:
            time.sleep(0.05)
    raise SystemExit("roster serve did not start")


def main():
    roster = sys.argv[1]
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    work = tempfile.mkdtemp()
    db = os.path.join(work, "crash.sqlite")
    port = 18000 + random.randint(0, 900)
    base = f"http://127.0.0.1:{port}/scim/v2"
    subprocess.run([roster, "org", "create", "Crash", "--seats", "100000", "--database", db], check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run([roster, "keys", "create", "--org", "Crash", "--json", "--database", db], check=True, capture_output=True)
    token = json.loads(out.stdout)["key"]

    proc = start(roster, db, port)
    status, team = request(base, token, "POST", "/Groups", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Crash team"})
    assert status == 201, status
    acknowledged = []  # (member id, userName)
    in_team = []
    lock = threading.Lock()
    failures = []

    for round_number in range(rounds):
        stop = threading.Event()

        def writer(worker):
            n = 0
            while not stop.is_set():
                n += 1
                name = f"r{round_number}w{worker}n{n}@crash.example"
                try:
                    status, body = request(base, token, "POST", "/Users", {
                        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"], "userName": name, "active": True})
                except Exception:
                    return  # the server died mid-request: that write was never acknowledged
                if status == 201:
                    with lock:
                        acknowledged.append((body["id"], name))
                    try:
                        status, _ = request(base, token, "PATCH", f"/Groups/{team['id']}", {
                            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                            "Operations": [{"op": "add", "path": "members", "value": [{"value": body["id"]}]}]})
                    except Exception:
                        return
                    if status == 200:
                        with lock:
                            in_team.append(body["id"])

        threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
        for t in threads:
            t.start()
        time.sleep(random.uniform(0.5, 1.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        stop.set()
        for t in threads:
            t.join()

        check = sqlite3.connect(db)
        integrity = check.execute("PRAGMA integrity_check").fetchone()[0]
        check.close()
        if integrity != "ok":
            failures.append(f"round {round_number}: integrity_check says {integrity}")

        proc = start(roster, db, port)
        for member_id, name in acknowledged:
            status, body = request(base, token, "GET", f"/Users/{member_id}")
            if status != 200 or body["userName"] != name:
                failures.append(f"round {round_number}: acknowledged member {name} lost ({status})")
        status, body = request(base, token, "GET", f"/Groups/{team['id']}")
        members = {m["value"] for m in (body or {}).get("members", [])}
        lost = [m for m in in_team if m not in members]
        if lost:
            failures.append(f"round {round_number}: {len(lost)} acknowledged team memberships lost")
        print(f"round {round_number}: killed with {len(acknowledged)} acknowledged members, {len(in_team)} memberships; integrity {integrity}")

    proc.send_signal(signal.SIGTERM)
    proc.wait()
    for failure in failures:
        print("FAIL", failure)
    print(f"crash durability: {rounds - len({f.split(':')[0] for f in failures})} passed, {len({f.split(':')[0] for f in failures})} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
