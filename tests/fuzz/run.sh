#!/usr/bin/env bash
# tests/fuzz/run.sh - build the libFuzzer targets with clang (ASan + UBSan)
# into build-fuzz/ and run each for FUZZ_SECONDS (default 20) seconds.
# make fuzz calls it (the long run); make check runs it too, with
# FUZZ_SECONDS=3, so that every target keeps building and running.
#
# Targets: every tests/fuzz/fuzz_*.c: fuzz_lang_accept, fuzz_route_match,
# fuzz_html_text (html_text and text_clean), fuzz_json_str, fuzz_registry
# (the registry's normaliser, CSV import and photo decoding). The libraries
# come from the Makefile (make print-libs), the one list. Corpora grow in
# build-fuzz/corpus/NAME/ and are kept between runs; a crash leaves its
# input in build-fuzz/crash-NAME-*.
# Exit status: non-zero when a target crashed or did not build.
set -euo pipefail

cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=$ROOT/build-fuzz
SECS=${FUZZ_SECONDS:-20}
FLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"

command -v clang >/dev/null || { echo "fuzz: clang is missing (make deps-test installs it)" >&2; exit 1; }

# The library, compiled by clang with coverage instrumentation.
make --no-print-directory -j"${FUZZ_JOBS:-2}" BUILD=build-fuzz CC=clang CFLAGS="$FLAGS" \
	build-fuzz/libcoopfair.a >/dev/null

# The Makefile's own list: a target that reaches the route table links every page.
LIBS=$(make --no-print-directory -s print-libs)
TARGETS=()
for f in tests/fuzz/fuzz_*.c; do
	TARGETS+=("$(basename "$f" .c)")
done

# seed NAME - a few interesting inputs to start from.
seed() {
	local dir=$OUT/corpus/$1
	mkdir -p "$dir"
	[ -n "$(ls -A "$dir")" ] && return 0
	case $1 in
	fuzz_lang_accept)
		printf 'fr-MA,fr;q=0.9,ar;q=0.8,*;q=0.1' >"$dir/a"
		printf 'en;q=0.001, ar ; q=1.0' >"$dir/b"
		printf ';;q=,' >"$dir/c" ;;
	fuzz_route_match)
		printf '/exhibitors/42' >"$dir/a"
		printf '/static/style.css' >"$dir/b"
		printf '/e/9223372036854775807/edit/1' >"$dir/c" ;;
	fuzz_html_text | fuzz_json_str)
		printf '<script>alert(1)</script>"'"'"'&' >"$dir/a"
		printf 'abc\xe2\x80\xaedef\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80' >"$dir/b"
		printf 'تعاونية\x01\x7f\xc2\x85' >"$dir/c" ;;
	fuzz_registry)
		printf '\xef\xbb\xbfNom;Province;Numéro d'"'"'immatriculation;Adhérentes\r\n"Coop; A";Fès;R-1;١٢\r\nCoop B;فاس;R-2;x\r\n' >"$dir/a"
		printf 'الاسم,الإقليم,رقم التسجيل\n"a""b",sefrou,9\n"open' >"$dir/b"
		printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1' >"$dir/c"
		printf '\xff\xfeN\0o\0m\0\t\0\x27\x06\r\0\n\0' >"$dir/d"
		printf 'Nom;Province\r\nCoop\xe9rative;F\xe8s\r\n\xca\xda\xc7;\xc7\xe1\r\n' >"$dir/e"
		printf 'PK\x03\x04\x14\0\0\0\x08\0' >"$dir/f" ;;
	esac
}

failed=0
for t in "${TARGETS[@]}"; do
	# shellcheck disable=SC2086 # $FLAGS and $LIBS are lists
	if ! clang $FLAGS -fsanitize=fuzzer -I"$ROOT" tests/fuzz/$t.c -o "$OUT/$t" \
		"$OUT/libcoopfair.a" $LIBS; then
		echo "fuzz: $t FAILED to build" >&2
		failed=1
		continue
	fi
	seed "$t"
	echo "fuzz: $t for ${SECS}s"
	if ! "$OUT/$t" -max_total_time="$SECS" -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$OUT/crash-$t-" -print_final_stats=1 "$OUT/corpus/$t" \
		>"$OUT/$t.log" 2>&1; then
		echo "fuzz: $t FAILED; see $OUT/$t.log and $OUT/crash-$t-*" >&2
		tail -n 40 "$OUT/$t.log" >&2
		failed=1
	else
		echo "fuzz: $t ok"
		grep -E '^stat::number_of_executed_units|^#[0-9]+ +DONE' "$OUT/$t.log" | tail -n 2 | sed "s/^/  /"
	fi
done
exit $failed
