"""Run python-scim's scim2-tester against a live Roster server.

Usage: python scim2_tester_check.py BASE_URL TOKEN

Prints one line per check and exits non-zero when any check ends in ERROR or CRITICAL,
so CI fails on any RFC violation in a feature the server claims.
"""

import sys

from httpx2 import Client
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server

FAILING = {Status.ERROR, Status.CRITICAL}


def main() -> int:
    base_url, token = sys.argv[1], sys.argv[2]
    http = Client(base_url=base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    client = SyncSCIMClient(http)
    results = check_server(client)
    failed = 0
    for result in results:
        marker = "FAIL" if result.status in FAILING else result.status.name.lower()
        where = f"[{result.resource_type}] " if result.resource_type else ""
        reason = f": {result.reason}" if result.reason and result.status in FAILING else ""
        print(f"{marker:10} {where}{result.title}{reason}")
        failed += result.status in FAILING
    passed = sum(1 for r in results if r.status not in FAILING and r.status != Status.SKIPPED)
    skipped = sum(1 for r in results if r.status == Status.SKIPPED)
    print(f"scim2-tester: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
