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
cp "$DIR/b.db" "$DIR/empty.db"

# The import and sqlite3's bare .import of the same file, alternated
# IMPORT_RUNS times (3), each import into a copy of the same empty registry;
# the median of each is compared. CPU (user + system, /usr/bin/time) is the
# figure to judge on a shared machine; wall clock is printed beside it.
runs=${IMPORT_RUNS:-3}
: >"$DIR/imp" && : >"$DIR/ref"
i=0
while [ "$i" -lt "$runs" ]; do
	cp "$DIR/empty.db" "$DIR/b.db"
	rm -f "$DIR/b.db-wal" "$DIR/b.db-shm" "$DIR/ref.db"
	t0=$(now)
	/usr/bin/time -f "%U %S" -o "$DIR/cpu" "$BIN" --db "$DIR/b.db" registry import "$DIR/registry.csv" >/dev/null 2>"$DIR/import.log"
	t1=$(now)
	echo "$(awk '{ printf "%.3f", $1 + $2 }' "$DIR/cpu") $(elapsed "$t0" "$t1")" >>"$DIR/imp"
	# reference: sqlite3's own CSV import into a bare table (no checks, no index)
	t0=$(now)
	/usr/bin/time -f "%U %S" -o "$DIR/refcpu" sqlite3 "$DIR/ref.db" ".mode csv" ".separator ;" ".import $DIR/registry.csv ref" 2>/dev/null || true
	t1=$(now)
	echo "$(awk '{ printf "%.3f", $1 + $2 }' "$DIR/refcpu") $(elapsed "$t0" "$t1")" >>"$DIR/ref"
	i=$((i + 1))
done
# median - the middle value of column $2 of file $1
median() { sort -n -k"$2" "$1" | awk -v k="$2" '{ v[NR] = $k } END { printf "%.2f", v[int((NR + 1) / 2)] }'; }
cpu=$(median "$DIR/imp" 1) imp=$(median "$DIR/imp" 2)
refcpu=$(median "$DIR/ref" 1) ref=$(median "$DIR/ref" 2)
echo "registry: import of $ROWS rows ($size KiB CSV, median of $runs): $imp s wall, $cpu s CPU ($(echo "$ROWS / $imp" | bc) rows/s); sqlite3 bare .import of the same file: $ref s wall, $refcpu s CPU"
echo "registry: import ratio to sqlite3 .import: $(echo "$cpu / ($refcpu + 0.001)" | bc -l | awk '{ printf "%.1f", $1 }')x CPU (goal <= 8), $(echo "$imp / $ref" | bc -l | awk '{ printf "%.1f", $1 }')x wall"

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
