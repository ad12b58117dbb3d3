#!/usr/bin/env bash
# The whole test suite: Swift unit, store and HTTP tests; then, against the real binary, the
# scim2-tester conformance run, the kill -9 durability check, the console end to end in tmux,
# the simulated Okta demo and a benchmark smoke run. The README's test command; CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
mkdir -p .build
swift test --disable-xctest 2>&1 | tee .build/swift-test.log  # every suite uses Swift Testing
swift_tests=$(grep -oE "Test run with [0-9]+ tests?" .build/swift-test.log | grep -oE "[0-9]+" | tail -1)
scripts/conformance.sh .build/debug/roster
python3 Tests/EndToEnd/crash_durability.py .build/debug/roster 3
python3 Tests/EndToEnd/console_tmux.py .build/debug/roster
.build/debug/roster demo --headless --duration 10s --seed 1 --rate 25 --quiet  # simulated Okta end to end: exit 1 on any unexpected answer
scripts/bench.sh --quick --binary .build/debug/roster  # benchmark smoke run (~20 s): the suite still works
for target in FilterParser JSONParser PatchEngine ResourceValidator; do  # libFuzzer smoke run, a few seconds each
    scripts/fuzz.sh "$target" 3 2>&1 | grep -E "^(Done|==[0-9]+==ERROR|SUMMARY)" || { echo "fuzz target $target failed" >&2; exit 1; }
done
if command -v systemd-analyze >/dev/null 2>&1; then  # the service unit parses and names what exists (where systemd is)
    sed "s#/usr/local/bin/roster#$PWD/.build/debug/roster#" contrib/roster.service > .build/roster.service
    systemd-analyze verify .build/roster.service
fi
# Reaching this line means every stage passed (set -e): the Swift tests plus five end-to-end stages and the fuzz smoke run.
echo "roster: $((swift_tests + 6)) passed, 0 failed"
