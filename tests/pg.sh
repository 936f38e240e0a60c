#!/usr/bin/env bash
# tests/pg.sh - a throw-away PostgreSQL cluster on loopback for the tests.
#   tests/pg.sh start DIR PORT   initdb DIR/data (trust, UTF-8, C locale),
#                                start it on 127.0.0.1:PORT, print its URL
#   tests/pg.sh stop DIR         stop it (fast) and remove DIR
#   tests/pg.sh pause DIR        stop it, keep the data (restart tests)
#   tests/pg.sh resume DIR PORT  start it again
# As root the server runs as the postgres user (Debian's postgresql-15
# creates it); otherwise as the current user. Needs Debian's postgresql-15.
set -euo pipefail
cmd=${1:?usage: tests/pg.sh start|stop|pause|resume DIR [PORT]}
dir=${2:?usage: tests/pg.sh start|stop|pause|resume DIR [PORT]}
port=${3:-}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bin/initdb" ] || { echo "tests/pg.sh: PostgreSQL is not installed (apt-get install postgresql-15)" >&2; exit 1; }
as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
start() {
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w -t 60 \
		-o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
		start >/dev/null
}
case $cmd in
start)
	[ -n "$port" ] || { echo "tests/pg.sh: start needs a port" >&2; exit 2; }
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown postgres: "$dir"
	as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	start
	echo "postgres://postgres@127.0.0.1:$port/postgres"
	;;
resume)
	start
	;;
pause)
	as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	;;
stop)
	as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
	;;
*)
	echo "tests/pg.sh: unknown command $cmd" >&2
	exit 2
	;;
esac
