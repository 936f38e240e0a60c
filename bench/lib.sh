# bench/lib.sh - what the load benchmarks share (sourced by bench/run.sh and
# bench/pg.sh, not run): settings from the environment, free ports, waiting
# for a server, the wrk rounds and their medians.
#
# Environment: BENCH_SECONDS (default 10), BENCH_ROUNDS (default 3),
# BENCH_PORTS=LO-HI (default 18000-18999), BENCH_COOPFAIR (another coopfair
# binary, e.g. a build of main to compare; default build/coopfair).
# The sourcing script sets WORK (its folder under build/) first.

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BIN=${BENCH_COOPFAIR:-$ROOT/build/coopfair}
SECS=${BENCH_SECONDS:-10}
ROUNDS=${BENCH_ROUNDS:-3}
WRK_EXTRA=()
PORTS=${BENCH_PORTS:-18000-18999}
PORT_LO=${PORTS%-*}
PORT_HI=${PORTS#*-}
case "$PORT_LO$PORT_HI" in *[!0-9]*|'') echo "bench: BENCH_PORTS must be LO-HI, not '$PORTS'" >&2; exit 2 ;; esac

# bench_need TOOL... - each tool is installed, and so is the binary.
bench_need() {
	for tool in "$@"; do
		command -v "$tool" >/dev/null || { echo "bench: $tool is missing (make deps-test installs it)" >&2; exit 1; }
	done
	[ -x "$BIN" ] || { echo "bench: $BIN is missing; run make first" >&2; exit 1; }
}

# port_free P - nothing listens on 127.0.0.1:P. random_port - a free port of
# the range (called as $(random_port), it cannot remember what it gave: start
# each server before asking for the next port, or compare them).
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

# to_ms VALUE - wrk's "1.23ms", "850.00us" or "1.02s" in milliseconds.
to_ms() {
	awk -v v="$1" 'BEGIN {
		if (v ~ /us$/) { sub(/us$/, "", v); printf "%.3f", v / 1000 }
		else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.3f", v }
		else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.3f", v * 1000 }
		else printf "nan" }'
}

# bench_rounds CONNECTIONS "NAME URL [SCRIPT]"... - ROUNDS rounds of
# `wrk -t2 -cCONNECTIONS -dSECS --latency [-s SCRIPT]` on each target,
# alternating; each result goes to $WORK/wrk/NAME.results. Fails on errors
# under load. WRK_EXTRA (an array, empty by default) adds wrk arguments, e.g.
# (-H "User-Agent: ...").
bench_rounds() {
	local conns=$1 round t name url lua out rps p99
	shift
	local targets=("$@")
	mkdir -p "$WORK/wrk"
	for round in $(seq 1 "$ROUNDS"); do
		for t in "${targets[@]}"; do
			read -r name url lua <<<"$t"
			local script=()
			[ -n "$lua" ] && script=(-s "$lua")
			out=$WORK/wrk/$name.$round.txt
			wrk -t2 -c"$conns" -d"${SECS}s" --latency "${WRK_EXTRA[@]}" "${script[@]}" "$url" >"$out" 2>&1
			if grep -q -E 'Non-2xx or 3xx responses|Socket errors: connect [1-9]' "$out"; then
				echo "bench: errors under load for $name:" >&2
				cat "$out" >&2
				exit 1
			fi
			rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
			p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
			echo "$rps $p99" >>"$WORK/wrk/$name.results"
			printf '  round %d  %-20s %10s req/s  p99 %8s ms\n' "$round" "$name" "$rps" "$p99"
		done
	done
}

# rps_of NAME, p99_of NAME - the medians of bench_rounds' results.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
rps_of() { awk '{ print $1 }' "$WORK/wrk/$1.results" | median; }
p99_of() { awk '{ print $2 }' "$WORK/wrk/$1.results" | median; }
