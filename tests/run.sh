#!/usr/bin/env bash
# tests/run.sh - the one test driver (make check runs it after building
# build/ and build-asan/). It runs, in order:
#   1. every cmocka unit test in build/tests/
#   2. the same in build-asan/tests/ under ASan + UBSan (leaks detected), and
#      the database and model tests again with a statement cache of 4
#      entries (COOPFAIR_STMT_CACHE=4), so eviction runs under ASan
#   3. the HTTP tests (node --test tests/http/) against build/coopfair
#   4. the same against build-asan/coopfair
#   5. the browser tests (node --test tests/browser/) against build/coopfair
#   6. steps 3 and 5 again on PostgreSQL: a throw-away cluster on loopback
#      (tests/pg.sh), a fresh database per test server (COOPFAIR_TEST_PG)
#   7. tools/po-check.sh, when it exists (untranslated strings)
#   8. every fuzz target built with clang and run 3 s on its corpus
#      (tests/fuzz/run.sh with FUZZ_SECONDS=3), so the fuzzers cannot rot
# and ends with exactly one line "N passed, N failed" (the sum of every
# suite's counts). Exit status: 0 when nothing failed, 1 otherwise.
#
# Each suite's full output goes to build/test-logs/; a failing suite's output
# is also printed. A suite that crashes or exits non-zero without reporting a
# failure counts as one failure, so a crash can never pass silently.
#
# Environment: SKIP_BROWSER=1 skips the browser tests (for a quick run by
# hand); SKIP_PG=1 skips step 6; SKIP_FUZZ=1 skips step 8;
# COOPFAIR_TEST_PG=URL runs step 6 on that server instead of starting one;
# CHROMIUM, COOPFAIR_BIN as in the test files.
set -uo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
LOGS=$ROOT/build/test-logs
mkdir -p "$LOGS"
rm -f "$LOGS"/*.log

passed=0
failed=0

say() { printf '%s\n' "$*"; }

# add_counts NAME LOG PASS FAIL STATUS - add a suite's counts to the totals.
add_counts() {
	local name=$1 log=$2 p=$3 f=$4 st=$5
	if [ "$st" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # crashed, or failed without saying so
		say "!! $name exited with status $st without reporting a failure: counted as one"
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		f=1
		say "!! $name ran no test: counted as a failure"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	printf '%-44s %4d passed, %d failed\n' "$name" "$p" "$f"
	if [ "$f" -ne 0 ]; then
		say "---- output of $name (full log: ${log#"$ROOT"/}) ----"
		tail -n 120 "$log"
		say "---- end of $name ----"
	fi
}

# run_cmocka DIR LABEL [GLOB] - every test_GLOB program in DIR (GLOB: *).
run_cmocka() {
	local dir=$1 label=$2 glob=${3:-*}
	local found=0
	for t in "$dir"/tests/test_$glob; do
		[ -x "$t" ] || continue
		found=1
		local name log st p f
		name="$label $(basename "$t")"
		log="$LOGS/$label-$(basename "$t").log"
		"$t" >"$log" 2>&1
		st=$?
		p=$(sed -n 's/^\[  PASSED  \] \([0-9][0-9]*\) test.*/\1/p' "$log" | tail -n 1)
		f=$(sed -n 's/^\[  FAILED  \] \([0-9][0-9]*\) test.*/\1/p' "$log" | tail -n 1)
		add_counts "$name" "$log" "${p:-0}" "${f:-0}" "$st"
	done
	if [ "$found" -eq 0 ]; then
		say "!! no unit test programs in $dir/tests: run 'make test-bin' first"
		failed=$((failed + 1))
	fi
}

# run_node NAME LOG ARGS... - node --test with the TAP reporter.
# run_node NAME LOG ARGS... - node's test runner over files; HTTP_JOBS files at
# once for the HTTP folders (default 3: a file mostly waits on its servers, so
# one at a time left half of the two cores idle; each server picks its own
# free port and PostgreSQL database), one at a time otherwise.
run_node() {
	local name=$1 log=$2 jobs=1
	shift 2
	case "$*" in *tests/http*) jobs=${HTTP_JOBS:-3} ;; esac
	node --test --test-concurrency="$jobs" --test-reporter=tap "$@" >"$log" 2>&1
	local st=$?
	local p f c
	p=$(sed -n 's/^# pass \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
	f=$(sed -n 's/^# fail \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
	c=$(sed -n 's/^# cancelled \([0-9][0-9]*\)$/\1/p' "$log" | tail -n 1)
	add_counts "$name" "$log" "${p:-0}" "$(( ${f:-0} + ${c:-0} ))" "$st"
}

# Node packages (playwright-core, axe-core) when missing.
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
	say "tests: installing the npm test tools"
	if [ -f package-lock.json ]; then
		npm ci --no-audit --no-fund >"$LOGS/npm.log" 2>&1
	else
		npm install --no-audit --no-fund >"$LOGS/npm.log" 2>&1
	fi || { cat "$LOGS/npm.log"; say "tests: npm could not install the test tools"; failed=$((failed + 1)); }
fi

export TMPDIR=${TMPDIR:-/tmp}
SAN_ENV=(
	"ASAN_OPTIONS=detect_leaks=1:abort_on_error=1"
	"UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1"
	"LSAN_OPTIONS=suppressions=$ROOT/tests/lsan.supp"
)

say "== unit tests (cmocka)"
run_cmocka build unit

say "== unit tests under ASan and UBSan"
(
	export "${SAN_ENV[@]}"
	run_cmocka build-asan asan
	for g in db '*model' registry_flow review_cache; do
		COOPFAIR_STMT_CACHE=4 run_cmocka build-asan asan-stmt4 "$g"
	done
	echo "$passed $failed" >"$LOGS/.asan-counts"
)
read -r passed failed <"$LOGS/.asan-counts"

say "== HTTP tests against build/coopfair"
COOPFAIR_BIN=build/coopfair run_node "http" "$LOGS/http.log" tests/http/

say "== HTTP tests against build-asan/coopfair"
(
	export "${SAN_ENV[@]}" COOPFAIR_BIN=build-asan/coopfair
	run_node "http (asan server)" "$LOGS/http-asan.log" tests/http/
	echo "$passed $failed" >"$LOGS/.asan-counts"
)
read -r passed failed <"$LOGS/.asan-counts"

if [ "${SKIP_BROWSER:-0}" != 1 ]; then
	say "== browser tests (Chromium, axe-core)"
	COOPFAIR_BIN=build/coopfair run_node "browser" "$LOGS/browser.log" tests/browser/
else
	say "== browser tests skipped (SKIP_BROWSER=1)"
fi

if [ "${SKIP_PG:-0}" != 1 ]; then
	say "== HTTP and browser tests on PostgreSQL"
	pg_url=${COOPFAIR_TEST_PG:-}
	if [ -z "$pg_url" ]; then
		pg_dir=$(mktemp -d /tmp/coopfair-pg.XXXXXX)
		pg_port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
		trap 'tests/pg.sh stop "$pg_dir"' EXIT
		pg_url=$(tests/pg.sh start "$pg_dir" "$pg_port" 2>"$LOGS/pg-start.log") || pg_url=
	fi
	if [ -z "$pg_url" ]; then
		add_counts "postgres cluster" "$LOGS/pg-start.log" 0 1 1
	else
		COOPFAIR_TEST_PG=$pg_url COOPFAIR_BIN=build/coopfair run_node "http (postgres)" "$LOGS/http-pg.log" tests/http/
		if [ "${SKIP_BROWSER:-0}" != 1 ]; then
			COOPFAIR_TEST_PG=$pg_url COOPFAIR_BIN=build/coopfair run_node "browser (postgres)" "$LOGS/browser-pg.log" tests/browser/
		fi
	fi
	if [ -n "${pg_dir:-}" ]; then
		tests/pg.sh stop "$pg_dir"
		trap - EXIT
	fi
fi

if [ -x tools/po-check.sh ] || [ -f tools/po-check.sh ]; then
	say "== translations (tools/po-check.sh)"
	log=$LOGS/po-check.log
	bash tools/po-check.sh >"$log" 2>&1
	st=$?
	if [ "$st" -eq 0 ]; then add_counts "po-check" "$log" 1 0 0; else add_counts "po-check" "$log" 0 1 "$st"; fi
fi

if [ "${SKIP_FUZZ:-0}" != 1 ]; then
	say "== fuzz targets (3 s each; make fuzz is the long run)"
	log=$LOGS/fuzz.log
	FUZZ_SECONDS=3 tests/fuzz/run.sh >"$log" 2>&1
	st=$?
	p=$(grep -c '^fuzz: .* ok$' "$log")
	f=$(grep -c 'FAILED' "$log")
	add_counts "fuzz" "$log" "${p:-0}" "${f:-0}" "$st"
fi

rm -f "$LOGS/.asan-counts"
# What failed, by name, right above the last line: CI keeps only the end of
# this output, and the suites' own output above may be cut off.
if [ "$failed" -ne 0 ]; then
	say "== failed, by suite log and test name"
	grep -H -E '^ *not ok |\[  FAILED  \]|FAILED' "$LOGS"/*.log 2>/dev/null |
		grep -v '# SKIP' | sed "s|^$LOGS/||" | head -n 40
fi
say "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
