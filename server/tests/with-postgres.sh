#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster.
#
# Installs Debian's postgresql package when it is missing, creates a cluster in a temporary
# directory (as the postgres system user when run as root: PostgreSQL refuses to run as
# root), starts it on a free loopback port, exports EDGECORE_TEST_DATABASE_URL (each test
# creates its own database in it), runs the command and always stops the cluster.
#
#   server/tests/with-postgres.sh cargo test -p edgecore-server --test storage
set -euo pipefail

find_bin() {
    local dir
    for dir in /usr/lib/postgresql/*/bin; do
        if [ -x "$dir/initdb" ]; then echo "$dir"; return 0; fi
    done
    return 1
}

if ! bindir=$(find_bin); then
    echo "with-postgres: installing postgresql" >&2
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
        sudo apt-get update -qq
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    bindir=$(find_bin)
fi

tmp=$(mktemp -d)
as_db_user() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}
if [ "$(id -u)" -eq 0 ]; then chown postgres "$tmp"; fi

port=""
for candidate in $(seq 55432 55631); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
        port=$candidate
        break
    fi
done
if [ -z "$port" ]; then
    echo "with-postgres: no free port" >&2
    exit 1
fi

stop() {
    as_db_user "$bindir/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$tmp"
}
trap stop EXIT

as_db_user "$bindir/initdb" -D "$tmp/data" -U edgecore --auth=trust -E UTF8 --no-locale >/dev/null
as_db_user "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/postgres.log" -w \
    -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null

export EDGECORE_TEST_DATABASE_URL="postgres://edgecore@127.0.0.1:$port/postgres"
echo "with-postgres: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on 127.0.0.1:$port" >&2
"$@"
