#!/usr/bin/env bash
# bench/pg.sh - the public exhibitors list (/exhibitors?lang=fr, page cache
# off: every request reads the database) and the gate's check-in API (POST
# /api/gate/checkin, each answer after its batch's durable commit; every
# request a new idempotency key, over 2,000 badges, in and out) on three
# set-ups (make bench):
#   1. one coopfair on SQLite (the reference)
#   2. one coopfair on PostgreSQL
#   3. two coopfair on the same PostgreSQL behind nginx
# each with `wrk -t2 -c32 -d${BENCH_SECONDS}s --latency`, BENCH_ROUNDS rounds
# (alternating), and prints the median requests/s and p99 latency of each
# with their ratios to the first. PostgreSQL is a throw-away cluster on
# loopback (tests/pg.sh, fsync off: the figures are the read path's).
#
# Figures, not verdicts: it fails only when it could not measure.
# Environment: BENCH_SECONDS (default 10), BENCH_ROUNDS (default 3),
# BENCH_PORTS=LO-HI (default 18000-18999).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$ROOT/build/coopfair
SECS=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
PORTS=${BENCH_PORTS:-18000-18999}
PORT_LO=${PORTS%-*}
PORT_HI=${PORTS#*-}
case "$PORT_LO$PORT_HI" in *[!0-9]*|'') echo "bench: BENCH_PORTS must be LO-HI, not '$PORTS'" >&2; exit 2 ;; esac
WORK=$ROOT/build/bench-pg
PGDIR=$(mktemp -d /tmp/coopfair-bench-pg.XXXXXX)
PIDS=()

for tool in wrk nginx curl psql; do
	command -v "$tool" >/dev/null || { echo "bench: $tool is missing (make deps-test installs it)" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "bench: $BIN is missing; run make first" >&2; exit 1; }

cleanup() {
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	tests/pg.sh stop "$PGDIR"
	return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$WORK"
mkdir -p "$WORK/nginx/tmp" "$WORK/wrk"

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
USED=" "
random_port() {
	local p
	for _ in $(seq 1 50); do
		p=$((PORT_LO + RANDOM % (PORT_HI - PORT_LO + 1)))
		case "$USED" in *" $p "*) continue ;; esac
		port_free "$p" && { USED="$USED$p "; echo "$p"; return 0; }
	done
	echo "bench: no free port in $PORT_LO-$PORT_HI" >&2
	return 1
}
wait_http() {
	for _ in $(seq 1 100); do
		curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "bench: $1 did not answer" >&2
	return 1
}
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

# Check-ins: the same 2,000 bench badges in both databases, and a wrk script
# that scans them in turn with a new idempotency key each time (so every
# request is a recorded check-in: "ok", or "inside"/"outside" on a repeat).
badges_sql() { # FROM TO - one INSERT of those badges
	local i rows=""
	for i in $(seq "$1" "$2"); do
		rows="$rows${rows:+,}((SELECT id FROM edition WHERE slug = 'fes-meknes-2024'), 'visitor', 'Bench $i', '$(printf '%032x' $((0xbe0000 + i)))', 0, '2026-01-01T00:00:00Z')"
	done
	echo "INSERT INTO badge (edition_id, role, name_latin, token, is_sample, created_at) VALUES $rows"
}
for from in 0 500 1000 1500; do
	SQL=$(badges_sql "$from" $((from + 499)))
	for db in "$WORK/bench.db" "$PGDB"; do "$BIN" --db "$db" sql "$SQL" >/dev/null; done
done
GATE_KEY=$("$BIN" --db "$WORK/bench.db" sql tabs 'SELECT api_key FROM gate ORDER BY id LIMIT 1')
[ "$GATE_KEY" = "$("$BIN" --db "$PGDB" sql tabs 'SELECT api_key FROM gate ORDER BY id LIMIT 1')" ] ||
	{ echo "bench: the two databases have different gate keys" >&2; exit 1; }
cat >"$WORK/checkin.lua" <<LUA
local n, id = 0, 0
function setup(thread) id = id + 1; thread:set("id", id) end
function request()
	n = n + 1
	local b = (n * 7 + id * 1000) % 2000
	local dir = (math.floor(n / 286) % 2 == 0) and "in" or "out"
	return wrk.format("POST", "/api/gate/checkin", {
		["Authorization"] = "Bearer $GATE_KEY",
		["Content-Type"] = "application/json",
		["Idempotency-Key"] = "bench-" .. id .. "-" .. n .. "-" .. os.time(),
	}, '{"code":"' .. string.format("%032x", 0xbe0000 + b) .. '","direction":"' .. dir .. '"}')
end
LUA

for p in "$S1" "$S2" "$NGINX_PORT"; do # a bench badge scans green everywhere
	curl -fsS -H "Authorization: Bearer $GATE_KEY" -H 'Content-Type: application/json' \
		-d "{\"code\":\"$(printf '%032x' $((0xbe0000 + 1999)))\",\"direction\":\"in\",\"idempotency_key\":\"probe-$p\"}" \
		"http://127.0.0.1:$p/api/gate/checkin" | grep -q '"green":true' ||
		{ echo "bench: the check-in API on :$p does not answer green" >&2; exit 1; }
	"$BIN" --db "$([ "$p" = "$S1" ] && echo "$WORK/bench.db" || echo "$PGDB")" sql \
		"UPDATE badge SET inside = 0 WHERE token = '$(printf '%032x' $((0xbe0000 + 1999)))'" >/dev/null
done

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
	"ci-sqlite-1 http://127.0.0.1:$S1/api/gate/checkin"
	"ci-pg-1 http://127.0.0.1:$S2/api/gate/checkin"
	"ci-pg-2-nginx http://127.0.0.1:$NGINX_PORT/api/gate/checkin"
)
to_ms() {
	awk -v v="$1" 'BEGIN {
		if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
		else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
		else printf "nan" }'
}
echo "bench: $ROUNDS rounds of wrk -t2 -c32 -d${SECS}s --latency on $URL (page cache off) and POST /api/gate/checkin"
for round in $(seq 1 "$ROUNDS"); do
	for t in "${TARGETS[@]}"; do
		set -- $t
		out=$WORK/wrk/$1.$round.txt
		script=()
		case "$1" in ci-*) script=(-s "$WORK/checkin.lua") ;; esac
		wrk -t2 -c32 -d"${SECS}s" --latency "${script[@]}" "$2" >"$out" 2>&1
		if grep -q -E 'Non-2xx or 3xx responses|Socket errors: connect [1-9]' "$out"; then
			echo "bench: errors under load for $1:" >&2
			cat "$out" >&2
			exit 1
		fi
		rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
		p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
		echo "$rps $p99" >>"$WORK/wrk/$1.results"
		printf '  round %d  %-12s %10s req/s  p99 %8s ms\n' "$round" "$1" "$rps" "$p99"
	done
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
rps_of() { awk '{ print $1 }' "$WORK/wrk/$1.results" | median; }
p99_of() { awk '{ print $2 }' "$WORK/wrk/$1.results" | median; }
for what in "exhibitors list, cache off:" "check-in API (durable):ci-"; do
	pre=${what#*:}
	ref_r=$(rps_of "${pre}sqlite-1")
	ref_p=$(p99_of "${pre}sqlite-1")
	echo
	printf '%-36s | %10s %8s | %10s %8s\n' "${what%:*}" "req/s" "ratio" "p99 ms" "ratio"
	for t in "sqlite-1 one process, SQLite" "pg-1 one process, PostgreSQL" "pg-2-nginx two behind nginx, PostgreSQL"; do
		set -- $t
		name=$pre$1
		shift
		r=$(rps_of "$name")
		p=$(p99_of "$name")
		awk -v l="$*" -v r="$r" -v p="$p" -v rr="$ref_r" -v rp="$ref_p" 'BEGIN {
			printf "%-36s | %10.0f %8.2f | %10.2f %8.2f\n", l, r, (rr ? r / rr : 0), p, (rp ? p / rp : 0) }'
	done
done
echo "(medians of $ROUNDS runs; ratios to one process on SQLite; each coopfair has 4 threads;"
echo " on this machine's cores the client, nginx, PostgreSQL and the servers share them)"
