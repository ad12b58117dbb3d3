#!/usr/bin/env bash
# Starts `roster serve` on a temporary database and runs scim2-tester (PyPI) against it.
# Usage: scripts/conformance.sh [path/to/roster]   (default: the debug build)
set -euo pipefail
cd "$(dirname "$0")/.."
ROSTER=${1:-.build/debug/roster}
VENV=${VENV:-.venv}
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check "scim2-tester==0.5.2" "scim2-client[httpx2]==0.13.2"

WORK=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT
PORT=${PORT:-18089}
"$ROSTER" org create Conformance --plan enterprise --seats 1000 --phone-policy flag --database "$WORK/db.sqlite" >/dev/null
TOKEN=$("$ROSTER" keys create --org Conformance --label scim2-tester --json --database "$WORK/db.sqlite" \
    | "$VENV/bin/python" -c 'import json,sys; print(json.load(sys.stdin)["key"])')
# No rate limit: scim2-tester sends its checks back to back, and a 429 is not what it tests.
"$ROSTER" serve --port "$PORT" --database "$WORK/db.sqlite" --rate-limit 0 2>"$WORK/serve.log" &
PID=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done
"$VENV/bin/python" Tests/Conformance/scim2_tester_check.py "http://127.0.0.1:$PORT/scim/v2" "$TOKEN"
