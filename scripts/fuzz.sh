#!/usr/bin/env bash
# Runs one libFuzzer target over Roster's SCIM parsing code, with AddressSanitizer:
#
#   scripts/fuzz.sh TARGET SECONDS     # TARGET: FilterParser, JSONParser, PatchEngine, ResourceValidator
#   scripts/fuzz.sh TARGET SECONDS -runs=10000000   # extra arguments go to libFuzzer
#
# The target (Fuzz/TARGETFuzz.swift) is compiled together with Sources/SCIM into one module, so it sees internals
# without a SwiftPM product. Seeds come from the Okta and Entra request fixtures (bodies, and their filters);
# the corpus grows in .build/fuzz/TARGET-corpus, crashes land in .build/fuzz/TARGET-crash-*. A crash found
# becomes a regression test with its input in Tests/SCIMTests.
set -euo pipefail
cd "$(dirname "$0")/.."

target=${1:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options]}
seconds=${2:?usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options]}
shift 2
harness="Fuzz/${target}Fuzz.swift"
[ -f "$harness" ] || { echo "no target $harness (have: $(ls Fuzz | sed 's/Fuzz.swift//' | tr '\n' ' '))" >&2; exit 2; }

work=.build/fuzz
binary="$work/$target"
mkdir -p "$work" "$work/$target-corpus"
mapfile -t sources < <(find Sources/SCIM -name '*.swift' | sort)
if [ ! -x "$binary" ] || [ -n "$(find Sources/SCIM "$harness" -newer "$binary" -name '*.swift' | head -1)" ]; then
    echo "building $binary"
    swiftc -O -g -sanitize=fuzzer,address -parse-as-library -module-name SCIM \
        "${sources[@]}" "$harness" -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)
fi

seeds="$work/$target-seeds"
rm -rf "$seeds" && mkdir -p "$seeds"
for fixture in Tests/SCIMTests/Fixtures/*/*.json; do
    cp "$fixture" "$seeds/$(basename "$(dirname "$fixture")")-$(basename "$fixture")"
done
if [ "$target" = FilterParser ]; then
    # Filters Okta and Entra send, one per seed file.
    i=0
    for filter in 'userName eq "bjensen@example.com"' 'externalId eq "00ujl29u0le5T6Aj10h7"' \
        'displayName eq "Sales"' 'emails[type eq "work" and value co "@example.com"]' \
        'members[value eq "2819c223"]' 'meta.lastModified gt "2011-05-13T04:42:34Z"' \
        'not (active pr) or (title sw "Dr" and name.familyName ew "son")' \
        'urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x"'; do
        printf '%s' "$filter" > "$seeds/filter-$i"
        i=$((i + 1))
    done
fi

exec "$binary" "$work/$target-corpus" "$seeds" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
    -artifact_prefix="$work/$target-" -print_final_stats=1 "$@"
