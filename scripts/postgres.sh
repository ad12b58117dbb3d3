#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests, from Debian's PostgreSQL 15 binaries (no Docker).
#
#   scripts/postgres.sh start DIR   creates a cluster in DIR (which must not exist), starts it on a
#                                   free loopback port and prints its URL (postgres://…/roster)
#   scripts/postgres.sh stop DIR    stops it and removes DIR
#
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user (the
# Debian package creates it). Trust authentication on loopback only: this is a test database.
# The C locale makes text order byte order, as in SQLite, whatever the machine's locale.
set -euo pipefail

bin=${POSTGRES_BIN:-/usr/lib/postgresql/15/bin}
command=${1:?usage: postgres.sh start|stop DIR}
dir=${2:?usage: postgres.sh start|stop DIR}

as_owner() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$command" in
start)
    [ -x "$bin/initdb" ] || { echo "postgres.sh: no $bin/initdb (apt-get install postgresql)" >&2; exit 1; }
    [ ! -e "$dir" ] || { echo "postgres.sh: $dir already exists" >&2; exit 1; }
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_owner "$bin/initdb" -D "$dir/data" -U roster --auth=trust --locale=C --encoding=UTF8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    # Many test stores at once, each with its own small pool; fsync off because this cluster is
    # thrown away (synchronous_commit stays on: a commit is still acknowledged only once written).
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=400 -c fsync=off" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U roster roster
    echo "postgres://roster@127.0.0.1:$port/roster?sslmode=disable"
    ;;
stop)
    [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
*)
    echo "usage: postgres.sh start|stop DIR" >&2
    exit 2
    ;;
esac
