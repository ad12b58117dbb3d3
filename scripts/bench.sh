#!/usr/bin/env bash
# Roster's benchmark suite (see README › Performance): builds the release binary, installs wrk if
# missing, then runs Benchmarks/bench.py, which seeds 1,000,000 members into a temporary database,
# measures Okta-shaped operations against `roster serve` beside its own /healthz, and prints the table.
#
#   scripts/bench.sh                          # full run (~6 min after the release build)
#   scripts/bench.sh --quick --binary PATH    # smoke run of a few seconds (CI), any build of roster
#   scripts/bench.sh --help                   # every option (--members, --duration, --connections…)
set -euo pipefail
cd "$(dirname "$0")/.."

binary=""
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[$i]}" in
        --binary) binary="${args[$((i + 1))]:-}" ;;
        --binary=*) binary="${args[$i]#--binary=}" ;;
        -h | --help) exec python3 Benchmarks/bench.py --help ;;
    esac
done

if [ -z "$binary" ]; then
    echo "building release: swift build -c release --scratch-path .build-release --product roster"
    swift build -c release --scratch-path .build-release --product roster
    binary=.build-release/release/roster
    args+=(--binary "$binary")
fi

if ! command -v wrk >/dev/null 2>&1; then
    echo "installing wrk"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi

exec python3 Benchmarks/bench.py "${args[@]}"
