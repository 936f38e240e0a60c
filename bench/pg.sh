#!/usr/bin/env bash
# bench/pg.sh - the public exhibitors list (/exhibitors?lang=fr, page cache
# off: every request reads the database) on three set-ups (make bench):
#   1. one coopfair on SQLite (the reference)
#   2. one coopfair on PostgreSQL
#   3. two coopfair on the same PostgreSQL behind nginx
# each with `wrk -t2 -c32 -d${BENCH_SECONDS}s --latency`, BENCH_ROUNDS rounds
# (alternating), and prints the median requests/s and p99 latency of each
# with their ratios to the first. PostgreSQL is a throw-away cluster on
# loopback (tests/pg.sh, fsync off: the figures are the read path's).
# The check-in API the issue also names does not exist yet (badges and the
# gate are a later issue).
#
# Figures, not verdicts: it fails only when it could not measure.
# Environment: BENCH_SECONDS, BENCH_ROUNDS, BENCH_PORTS, BENCH_BIN (bench/lib.sh).
set -euo pipefail

WORK=$(cd "$(dirname "$0")/.." && pwd)/build/bench-pg
. "$(dirname "$0")/lib.sh"
PGDIR=$(mktemp -d /tmp/coopfair-bench-pg.XXXXXX)
PIDS=()

bench_need wrk nginx curl psql

cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	tests/pg.sh stop "$PGDIR"
	return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$WORK"
mkdir -p "$WORK/nginx/tmp" "$WORK/wrk"

serve() { # DB PORT LOG - a coopfair with its page cache off
	COOPFAIR_CACHE=0 "$BIN" --db "$1" --addr 127.0.0.1 --port "$2" --share "$ROOT" serve >"$3" 2>&1 &
	PIDS+=($!)
	wait_http "http://127.0.0.1:$2/healthz"
}

# --- PostgreSQL ---
PG_PORT=$(random_port)
PG_URL=$(tests/pg.sh start "$PGDIR" "$PG_PORT")
psql -X -q "$PG_URL" -c "CREATE DATABASE bench TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"
PGDB=${PG_URL%/postgres}/bench
"$BIN" --db "$PGDB" init --demo >/dev/null
"$BIN" --db "$WORK/bench.db" init --demo >/dev/null

S1=$(random_port); serve "$WORK/bench.db" "$S1" "$WORK/sqlite.log"
S2=$(random_port); serve "$PGDB" "$S2" "$WORK/pg.log"
S3=$(random_port); serve "$PGDB" "$S3" "$WORK/pg-a.log"
S4=$(random_port); serve "$PGDB" "$S4" "$WORK/pg-b.log"

NGINX_PORT=$(random_port)
N=$WORK/nginx
cat >"$N/nginx.conf" <<EOF
worker_processes 1;
pid $N/nginx.pid;
error_log $N/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $N/tmp/body;
	proxy_temp_path $N/tmp/proxy;
	fastcgi_temp_path $N/tmp/fastcgi;
	uwsgi_temp_path $N/tmp/uwsgi;
	scgi_temp_path $N/tmp/scgi;
	upstream coopfair {
		server 127.0.0.1:$S3;
		server 127.0.0.1:$S4;
		keepalive 32;
	}
	server {
		listen 127.0.0.1:$NGINX_PORT;
		location / {
			proxy_pass http://coopfair;
			proxy_http_version 1.1;
			proxy_set_header Connection "";
			proxy_set_header Host \$host;
			proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
		}
	}
}
EOF
nginx -p "$N" -c "$N/nginx.conf" -g 'daemon off;' >"$N/stdout.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$NGINX_PORT/healthz"

# The same page everywhere, or the comparison means nothing.
URL=/exhibitors?lang=fr
curl -fsS -o "$WORK/ref.html" "http://127.0.0.1:$S1$URL"
for p in "$S2" "$NGINX_PORT"; do
	curl -fsS -o "$WORK/check.html" "http://127.0.0.1:$p$URL"
	cmp -s "$WORK/ref.html" "$WORK/check.html" || { echo "bench: :$p does not serve the same page" >&2; exit 1; }
done

TARGETS=(
	"sqlite-1 http://127.0.0.1:$S1$URL"
	"pg-1 http://127.0.0.1:$S2$URL"
	"pg-2-nginx http://127.0.0.1:$NGINX_PORT$URL"
)
echo "bench: $ROUNDS rounds of wrk -t2 -c32 -d${SECS}s --latency on $URL (page cache off)"
bench_rounds 32 "${TARGETS[@]}"

ref_r=$(rps_of sqlite-1)
ref_p=$(p99_of sqlite-1)
echo
printf '%-36s | %10s %8s | %10s %8s\n' "exhibitors list, cache off" "req/s" "ratio" "p99 ms" "ratio"
for t in "sqlite-1 one process, SQLite" "pg-1 one process, PostgreSQL" "pg-2-nginx two behind nginx, PostgreSQL"; do
	set -- $t
	name=$1
	shift
	r=$(rps_of "$name")
	p=$(p99_of "$name")
	awk -v l="$*" -v r="$r" -v p="$p" -v rr="$ref_r" -v rp="$ref_p" 'BEGIN {
		printf "%-36s | %10.0f %8.2f | %10.2f %8.2f\n", l, r, (rr ? r / rr : 0), p, (rp ? p / rp : 0) }'
done
echo "(medians of $ROUNDS runs; ratios to one process on SQLite; each coopfair has 4 threads;"
echo " on this machine's cores the client, nginx, PostgreSQL and the servers share them)"
