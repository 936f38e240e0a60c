#!/usr/bin/env bash
# bench/run.sh - coopfair's pages under load, beside nginx serving the very
# same bytes from files, in the same run (make bench calls it).
#
# It builds a fresh demo database, starts coopfair and (as a non-daemon, with
# its own prefix under build/bench/) Debian's nginx, both on loopback ports
# picked at random in 18000-18999. It saves the exact bytes coopfair serves
# for /?lang=fr, /exhibitors?lang=fr and the first news post /news/1?lang=fr
# (issue 15: its views are counted in memory on every request, cache hits
# included, and written in batches) and has nginx serve those files
# (access_log off, keep-alive on). wrk sends a browser's User-Agent, so
# that the post's view counter runs as it does for people. Then `wrk -t2 -c64 -d10s --latency` hits
# each of the URLs, three rounds, alternating, and the table gives the
# median requests/s and p99 latency of each, and coopfair/nginx ratios.
# The same three rounds run against a second coopfair with its page cache off
# (COOPFAIR_CACHE=0), so the table shows both. About 3.5 minutes; everything it started is stopped at the end.
#
# Figures, not verdicts: a benchmark never fails the build on time. It
# fails only when it could not measure (a server did not start, or answered
# errors under load).
#
# Environment: BENCH_SECONDS (default 10), BENCH_ROUNDS (default 3),
# BENCH_PORTS=LO-HI (the port range instead of 18000-18999).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=$ROOT/build/coopfair
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
PORTS=${BENCH_PORTS:-18000-18999}
PORT_LO=${PORTS%-*}
PORT_HI=${PORTS#*-}
case "$PORT_LO$PORT_HI" in *[!0-9]*|'') echo "bench: BENCH_PORTS must be LO-HI, not '$PORTS'" >&2; exit 2 ;; esac
WORK=$ROOT/build/bench
COOP_PID=
COOP2_PID=
NGINX_PID=

for tool in wrk nginx curl; do
	command -v "$tool" >/dev/null || { echo "bench: $tool is missing (make deps-test installs it)" >&2; exit 1; }
done
[ -x "$BIN" ] || { echo "bench: $BIN is missing; run make first" >&2; exit 1; }

cleanup() {
	[ -n "$COOP_PID" ] && kill "$COOP_PID" 2>/dev/null && wait "$COOP_PID" 2>/dev/null
	[ -n "$COOP2_PID" ] && kill "$COOP2_PID" 2>/dev/null && wait "$COOP2_PID" 2>/dev/null
	[ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
	return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

rm -rf "$WORK"
mkdir -p "$WORK/nginx/www" "$WORK/nginx/tmp" "$WORK/wrk"

# port_free P - nothing listens on 127.0.0.1:P.
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
random_port() {
	local p
	for _ in $(seq 1 50); do
		p=$((PORT_LO + RANDOM % (PORT_HI - PORT_LO + 1)))
		port_free "$p" && { echo "$p"; return 0; }
	done
	echo "bench: no free port in $PORT_LO-$PORT_HI" >&2
	return 1
}

wait_http() { # URL - until it answers, at most 10 s
	for _ in $(seq 1 100); do
		curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	echo "bench: $1 did not answer" >&2
	return 1
}

# --- coopfair ---
"$BIN" --db "$WORK/bench.db" init --demo >/dev/null
COOP_PORT=$(random_port)
"$BIN" --db "$WORK/bench.db" --addr 127.0.0.1 --port "$COOP_PORT" --share "$ROOT" serve \
	>"$WORK/coopfair.log" 2>&1 &
COOP_PID=$!
wait_http "http://127.0.0.1:$COOP_PORT/healthz"

# The same server with its page cache off (COOPFAIR_CACHE=0): what rendering
# each page from the database costs.
COOP2_PORT=$(random_port)
while [ "$COOP2_PORT" = "$COOP_PORT" ]; do COOP2_PORT=$(random_port); done
COOPFAIR_CACHE=0 "$BIN" --db "$WORK/bench.db" --addr 127.0.0.1 --port "$COOP2_PORT" --share "$ROOT" serve \
	>"$WORK/coopfair-nocache.log" 2>&1 &
COOP2_PID=$!
wait_http "http://127.0.0.1:$COOP2_PORT/healthz"

curl -fsS -o "$WORK/nginx/www/home.html" "http://127.0.0.1:$COOP_PORT/?lang=fr"
curl -fsS -o "$WORK/nginx/www/exhibitors.html" "http://127.0.0.1:$COOP_PORT/exhibitors?lang=fr"
curl -fsS -o "$WORK/nginx/www/news.html" "http://127.0.0.1:$COOP_PORT/news/1?lang=fr"

# --- nginx, serving the same bytes ---
NGINX_PORT=$(random_port)
while [ "$NGINX_PORT" = "$COOP_PORT" ] || [ "$NGINX_PORT" = "$COOP2_PORT" ]; do NGINX_PORT=$(random_port); done
N=$WORK/nginx
cat >"$N/nginx.conf" <<EOF
worker_processes auto;
pid $N/nginx.pid;
error_log $N/error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_timeout 65;
	keepalive_requests 1000000;
	client_body_temp_path $N/tmp/body;
	proxy_temp_path $N/tmp/proxy;
	fastcgi_temp_path $N/tmp/fastcgi;
	uwsgi_temp_path $N/tmp/uwsgi;
	scgi_temp_path $N/tmp/scgi;
	types { text/html html; }
	charset utf-8;
	server {
		listen 127.0.0.1:$NGINX_PORT;
		root $N/www;
		location = / { rewrite ^ /home.html break; }
		location = /exhibitors { rewrite ^ /exhibitors.html break; }
		location = /news/1 { rewrite ^ /news.html break; }
	}
}
EOF
nginx -p "$N" -c "$N/nginx.conf" -g 'daemon off;' >"$N/stdout.log" 2>&1 &
NGINX_PID=$!
wait_http "http://127.0.0.1:$NGINX_PORT/"

# Same bytes on both sides, or the comparison means nothing.
for page in "/?lang=fr home" "/exhibitors?lang=fr exhibitors" "/news/1?lang=fr news"; do
	set -- $page
	curl -fsS -o "$WORK/check.html" "http://127.0.0.1:$NGINX_PORT$1"
	cmp -s "$WORK/check.html" "$N/www/$2.html" || { echo "bench: nginx does not serve the saved bytes of $1" >&2; exit 1; }
	curl -fsS -o "$WORK/check.html" "http://127.0.0.1:$COOP2_PORT$1"
	cmp -s "$WORK/check.html" "$N/www/$2.html" || { echo "bench: the uncached server does not serve the same bytes for $1" >&2; exit 1; }
done

# --- load ---
TARGETS=(
	"coopfair-home http://127.0.0.1:$COOP_PORT/?lang=fr"
	"nocache-home http://127.0.0.1:$COOP2_PORT/?lang=fr"
	"nginx-home http://127.0.0.1:$NGINX_PORT/?lang=fr"
	"coopfair-exhibitors http://127.0.0.1:$COOP_PORT/exhibitors?lang=fr"
	"nocache-exhibitors http://127.0.0.1:$COOP2_PORT/exhibitors?lang=fr"
	"nginx-exhibitors http://127.0.0.1:$NGINX_PORT/exhibitors?lang=fr"
	"coopfair-news http://127.0.0.1:$COOP_PORT/news/1?lang=fr"
	"nocache-news http://127.0.0.1:$COOP2_PORT/news/1?lang=fr"
	"nginx-news http://127.0.0.1:$NGINX_PORT/news/1?lang=fr"
)
UA='User-Agent: Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36'

# to_ms VALUE - wrk's "1.23ms", "850.00us" or "1.02s" in milliseconds.
to_ms() {
	awk -v v="$1" 'BEGIN {
		if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
		else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
		else printf "nan" }'
}

echo "bench: $ROUNDS rounds of wrk -t2 -c64 -d${SECONDS_PER_RUN}s --latency on ${#TARGETS[@]} URLs (coopfair :$COOP_PORT, nginx :$NGINX_PORT)"
for round in $(seq 1 "$ROUNDS"); do
	for t in "${TARGETS[@]}"; do
		set -- $t
		out=$WORK/wrk/$1.$round.txt
		wrk -t2 -c64 -d"${SECONDS_PER_RUN}s" --latency -H "$UA" "$2" >"$out" 2>&1
		rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
		p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
		if grep -q -E 'Non-2xx or 3xx responses|Socket errors: connect [1-9]' "$out"; then
			echo "bench: errors under load for $1:" >&2
			cat "$out" >&2
			exit 1
		fi
		echo "$rps $p99" >>"$WORK/wrk/$1.results"
		printf '  round %d  %-20s %10s req/s  p99 %8s ms\n' "$round" "$1" "$rps" "$p99"
	done
done

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
rps_of() { awk '{ print $1 }' "$WORK/wrk/$1.results" | median; }
p99_of() { awk '{ print $2 }' "$WORK/wrk/$1.results" | median; }

echo
printf '%-22s | %14s %14s %8s | %12s %12s %8s\n' "page" "coopfair r/s" "nginx r/s" "ratio" "coopfair p99" "nginx p99" "ratio"
printf -- '%s+%s+%s\n' "$(printf -- '-%.0s' $(seq 23))" "$(printf -- '-%.0s' $(seq 40))" "$(printf -- '-%.0s' $(seq 35))"
for page in home exhibitors news; do
	for side in coopfair nocache; do
		cr=$(rps_of "$side-$page")
		nr=$(rps_of "nginx-$page")
		cp=$(p99_of "$side-$page")
		np=$(p99_of "nginx-$page")
		label=$page
		[ "$side" = nocache ] && label="$page (no cache)"
		awk -v page="$label" -v cr="$cr" -v nr="$nr" -v cp="$cp" -v np="$np" 'BEGIN {
			printf "%-22s | %14.0f %14.0f %8.2f | %9.2f ms %9.2f ms %8.2f\n", page, cr, nr, (nr ? cr / nr : 0), cp, np, (np ? cp / np : 0) }'
	done
done
echo "(medians of $ROUNDS runs; ratio = coopfair / nginx: below 1 for r/s and above 1 for p99 mean coopfair is slower;"
echo " 'no cache': the same server with COOPFAIR_CACHE=0, every page built from the database)"
printf 'page sizes: home %s bytes, exhibitors %s bytes, news post %s bytes\n' "$(wc -c <"$N/www/home.html")" "$(wc -c <"$N/www/exhibitors.html")" "$(wc -c <"$N/www/news.html")"
# The views of the news post were counted in memory and written in batches:
# the counter moved by at most one per visitor (one User-Agent and address
# here) per half hour, and the database was not written per request.
echo "news post views in the database after the run: $("$BIN" --db "$WORK/bench.db" sql 'SELECT views FROM news_post WHERE id = 1') (393 in the demo)"
