#!/usr/bin/env bash
# The whole test suite: Swift unit, store and HTTP tests, then the scim2-tester conformance run
# against a live `roster serve`. This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
swift build
swift test
scripts/conformance.sh .build/debug/roster
