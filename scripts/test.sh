#!/usr/bin/env bash
# The whole test suite: Swift unit, store and HTTP tests; then, against the real binary, the
# scim2-tester conformance run, the kill -9 durability check, the console end to end in tmux,
# the simulated Okta and Entra ID demos and a benchmark smoke run. The README's test command; CI runs it.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
mkdir -p .build
# A throwaway PostgreSQL cluster (scripts/postgres.sh) for the PostgreSQL store's tests, stopped and
# removed on exit whatever happens; without Debian's PostgreSQL binaries those tests are skipped.
if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
    pg_dir=$(mktemp -d -u /tmp/roster-test-pg.XXXXXX)
    trap 'scripts/postgres.sh stop "$pg_dir"' EXIT
    ROSTER_TEST_POSTGRES_URL=$(scripts/postgres.sh start "$pg_dir")
    export ROSTER_TEST_POSTGRES_URL
    echo "PostgreSQL for the tests: $ROSTER_TEST_POSTGRES_URL"
else
    echo "warning: no PostgreSQL 15 (apt-get install postgresql): the PostgreSQL store's tests are skipped" >&2
fi
swift test --disable-xctest 2>&1 | tee .build/swift-test.log  # every suite uses Swift Testing
swift_tests=$(grep -oE "Test run with [0-9]+ tests?" .build/swift-test.log | grep -oE "[0-9]+" | tail -1)
if [ -n "${ROSTER_TEST_POSTGRES_URL:-}" ]; then
    # The HTTP server's tests again, on the PostgreSQL store.
    ROSTER_TEST_SERVER_STORE=postgres swift test --disable-xctest --skip-build --filter RosterServerTests 2>&1 \
        | tee .build/swift-test-postgres.log
    server_tests=$(grep -oE "Test run with [0-9]+ tests?" .build/swift-test-postgres.log | grep -oE "[0-9]+" | tail -1)
    swift_tests=$((swift_tests + server_tests))
fi
scripts/conformance.sh .build/debug/roster
python3 Tests/EndToEnd/crash_durability.py .build/debug/roster 3
python3 Tests/EndToEnd/console_tmux.py .build/debug/roster
.build/debug/roster demo --headless --duration 10s --seed 1 --rate 25 --quiet  # simulated Okta end to end: exit 1 on any unexpected answer
.build/debug/roster demo --headless --idp entra --duration 20s --seed 1 --rate 25 --quiet  # simulated Entra ID end to end: exit 1 on any unexpected answer
scripts/bench.sh --quick --binary .build/debug/roster  # benchmark smoke run (~20 s): the suite still works
for target in FilterParser JSONParser PatchEngine ResourceValidator; do  # libFuzzer smoke run, a few seconds each
    scripts/fuzz.sh "$target" 3 2>&1 | grep -E "^(Done|==[0-9]+==ERROR|SUMMARY)" || { echo "fuzz target $target failed" >&2; exit 1; }
done
if command -v systemd-analyze >/dev/null 2>&1; then  # the service unit parses and names what exists (where systemd is)
    sed "s#/usr/local/bin/roster#$PWD/.build/debug/roster#" contrib/roster.service > .build/roster.service
    systemd-analyze verify .build/roster.service
fi
# Reaching this line means every stage passed (set -e): the Swift tests plus six end-to-end stages and the fuzz smoke run.
echo "roster: $((swift_tests + 6)) passed, 0 failed"
