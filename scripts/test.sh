#!/usr/bin/env bash
# The whole test suite: Swift unit, store and HTTP tests; then, against the real binary, the
# scim2-tester conformance run, the kill -9 durability check and the console end to end in tmux.
# The README's test command; CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
swift test
scripts/conformance.sh .build/debug/roster
python3 Tests/EndToEnd/crash_durability.py .build/debug/roster 3
python3 Tests/EndToEnd/console_tmux.py .build/debug/roster
.build/debug/roster demo --headless --duration 10s --seed 1 --rate 25 --quiet  # simulated Okta end to end: exit 1 on any unexpected answer
scripts/bench.sh --quick --binary .build/debug/roster  # benchmark smoke run (~20 s): the suite still works
