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
# (COOPFAIR_CACHE=0), so the table shows both, and against the first one
# with a committee member's session cookie (signed in: never cached, the
# real uncached case). About 4.5 minutes; everything it started is stopped at the end.
#
# Figures, not verdicts: a benchmark never fails the build on time. It
# fails only when it could not measure (a server did not start, or answered
# errors under load).
#
# Environment: BENCH_SECONDS, BENCH_ROUNDS, BENCH_PORTS, BENCH_COOPFAIR (bench/lib.sh).
set -euo pipefail

WORK=$(cd "$(dirname "$0")/.." && pwd)/build/bench
. "$(dirname "$0")/lib.sh"
COOP_PID=
COOP2_PID=
NGINX_PID=

bench_need wrk nginx curl

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

# --- a signed-in person (issue 17): the committee's session cookie, so the
# uncached path is measured as people who sign in take it (session check,
# their own header; never the page cache) ---
curl -fsS -c "$WORK/jar" -o "$WORK/signin.html" "http://127.0.0.1:$COOP_PORT/signin?lang=fr"
CSRF=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$WORK/signin.html" | head -1)
curl -fsS -b "$WORK/jar" -c "$WORK/jar" -o /dev/null \
	--data-urlencode "csrf=$CSRF" --data-urlencode "email=committee@example.org" \
	--data-urlencode "password=demo-committee-2024" "http://127.0.0.1:$COOP_PORT/signin"
SESSION=$(awk '$6 == "cf_session" { print $7 }' "$WORK/jar")
[ -n "$SESSION" ] || { echo "bench: could not sign in as the committee" >&2; exit 1; }
printf 'wrk.headers["Cookie"] = "cf_session=%s"\n' "$SESSION" >"$WORK/signed-in.lua"
curl -fsS -b "cf_session=$SESSION" -o "$WORK/signed-home.html" "http://127.0.0.1:$COOP_PORT/?lang=fr"
grep -q 'signout' "$WORK/signed-home.html" || { echo "bench: the session cookie does not sign in" >&2; exit 1; }

# --- load ---
TARGETS=(
	"coopfair-home http://127.0.0.1:$COOP_PORT/?lang=fr"
	"nocache-home http://127.0.0.1:$COOP2_PORT/?lang=fr"
	"nginx-home http://127.0.0.1:$NGINX_PORT/?lang=fr"
	"coopfair-exhibitors http://127.0.0.1:$COOP_PORT/exhibitors?lang=fr"
	"nocache-exhibitors http://127.0.0.1:$COOP2_PORT/exhibitors?lang=fr"
	"nginx-exhibitors http://127.0.0.1:$NGINX_PORT/exhibitors?lang=fr"
	"signed-home http://127.0.0.1:$COOP_PORT/?lang=fr $WORK/signed-in.lua"
	"signed-exhibitors http://127.0.0.1:$COOP_PORT/exhibitors?lang=fr $WORK/signed-in.lua"
	"coopfair-news http://127.0.0.1:$COOP_PORT/news/1?lang=fr"
	"nocache-news http://127.0.0.1:$COOP2_PORT/news/1?lang=fr"
	"nginx-news http://127.0.0.1:$NGINX_PORT/news/1?lang=fr"
)
UA='User-Agent: Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36'

echo "bench: $ROUNDS rounds of wrk -t2 -c64 -d${SECS}s --latency on ${#TARGETS[@]} URLs (coopfair :$COOP_PORT, nginx :$NGINX_PORT)"
WRK_EXTRA=(-H "$UA")
bench_rounds 64 "${TARGETS[@]}"

echo
printf '%-22s | %14s %14s %8s | %12s %12s %8s\n' "page" "coopfair r/s" "nginx r/s" "ratio" "coopfair p99" "nginx p99" "ratio"
printf -- '%s+%s+%s\n' "$(printf -- '-%.0s' $(seq 23))" "$(printf -- '-%.0s' $(seq 40))" "$(printf -- '-%.0s' $(seq 35))"
for page in home exhibitors news; do
	for side in coopfair nocache signed; do
		[ "$side" = signed ] && [ "$page" = news ] && continue
		cr=$(rps_of "$side-$page")
		nr=$(rps_of "nginx-$page")
		cp=$(p99_of "$side-$page")
		np=$(p99_of "nginx-$page")
		label=$page
		[ "$side" = nocache ] && label="$page (no cache)"
		[ "$side" = signed ] && label="$page (signed in)"
		awk -v page="$label" -v cr="$cr" -v nr="$nr" -v cp="$cp" -v np="$np" 'BEGIN {
			printf "%-22s | %14.0f %14.0f %8.2f | %9.2f ms %9.2f ms %8.2f\n", page, cr, nr, (nr ? cr / nr : 0), cp, np, (np ? cp / np : 0) }'
	done
done
echo "(medians of $ROUNDS runs; ratio = coopfair / nginx: below 1 for r/s and above 1 for p99 mean coopfair is slower;"
echo " 'no cache': the same server with COOPFAIR_CACHE=0, every page built from the database;"
echo " 'signed in': the cached server with the committee's session cookie: never cached, its page"
echo " is the anonymous one plus the account's header, $(wc -c <"$WORK/signed-home.html") bytes for the home page)"
printf 'page sizes: home %s bytes, exhibitors %s bytes, news post %s bytes\n' "$(wc -c <"$N/www/home.html")" "$(wc -c <"$N/www/exhibitors.html")" "$(wc -c <"$N/www/news.html")"
# The views of the news post were counted in memory and written in batches:
# the counter moved by at most one per visitor (one User-Agent and address
# here) per half hour, and the database was not written per request.
echo "news post views in the database after the run: $("$BIN" --db "$WORK/bench.db" sql 'SELECT views FROM news_post WHERE id = 1') (393 in the demo)"
