#!/bin/sh
# bench/registry.sh - figures for the registry (issue 4), printed, never judged:
#   - import of 65,000 cooperatives (all checks, one transaction, search index),
#     beside sqlite3's bare .import of the same file as a reference;
#   - search p50/p95 over those 65,000 rows (typical typed queries, Arabic and
#     French, partial words), beside a LIKE scan as a reference;
#   - the selection assistant on 2,000 applications, and on a generated family
#     of hard instances beside CBC (bench/selection_cbc.c; SEL_INSTANCES, 30).
# Run from anywhere after `make all`; uses a temporary database.
set -eu
cd "$(dirname "$0")/.."
BIN=${BIN:-build/coopfair}
SEL_BIN=${SEL_BIN:-$(dirname "$BIN")/bench/selection_cbc}
ROWS=${ROWS:-65000}
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT INT TERM

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc -l | awk '{ printf "%.2f", $1 }'; }

"$BIN" --db "$DIR/b.db" init >/dev/null
"$BIN" --db "$DIR/b.db" registry generate "$ROWS" >"$DIR/registry.csv"
size=$(du -k "$DIR/registry.csv" | cut -f1)

t0=$(now)
/usr/bin/time -f "%U %S" -o "$DIR/cpu" "$BIN" --db "$DIR/b.db" registry import "$DIR/registry.csv" >/dev/null 2>"$DIR/import.log"
t1=$(now)
imp=$(elapsed "$t0" "$t1")
cpu=$(awk '{ printf "%.2f", $1 + $2 }' "$DIR/cpu")

# reference: sqlite3's own CSV import into a bare table (no checks, no index)
t0=$(now)
/usr/bin/time -f "%U %S" -o "$DIR/refcpu" sqlite3 "$DIR/ref.db" ".mode csv" ".separator ;" ".import $DIR/registry.csv ref" 2>/dev/null || true
t1=$(now)
ref=$(elapsed "$t0" "$t1")
refcpu=$(awk '{ printf "%.2f", $1 + $2 }' "$DIR/refcpu")
echo "registry: import of $ROWS rows ($size KiB CSV): $imp s wall, $cpu s CPU ($(echo "$ROWS / $imp" | bc) rows/s); sqlite3 bare .import of the same file: $ref s wall, $refcpu s CPU (ratio $(echo "$imp / $ref" | bc -l | awk '{ printf "%.1f", $1 }') wall, $(echo "$cpu / ($refcpu + 0.001)" | bc -l | awk '{ printf "%.1f", $1 }') CPU; goal <= 8)"

"$BIN" --db "$DIR/b.db" registry bench

# reference: a LIKE scan for a word, the obvious alternative to the index
like=$(printf '.timer on\nSELECT count(*) FROM cooperative WHERE name_fr LIKE '"'"'%%amal%%'"'"' OR name_ar LIKE '"'"'%%الامل%%'"'"';\n' |
	sqlite3 "$DIR/b.db" 2>&1 | awk '/Run Time/ { printf "%.2f", $4 * 1000 }')
echo "registry: reference LIKE scan for one word over $ROWS rows: $like ms"

# the selection assistant against CBC on the hard family (issue 11)
if [ -x "$SEL_BIN" ] && command -v "${SEL_CBC:-cbc}" >/dev/null 2>&1; then
	"$SEL_BIN" "${SEL_INSTANCES:-30}"
else
	echo "registry: selection beside CBC skipped (needs $SEL_BIN and cbc: apt-get install coinor-cbc)"
fi
