#!/usr/bin/env bash
# tools/format.sh - apply .clang-format to every C file of the tree (tracked,
# or new and not ignored: a file about to be committed is checked too), or
# with --check only list the files that differ and exit 1 (make check runs that).
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files --cached --others --exclude-standard '*.c' '*.h' 2>/dev/null ||
	find src tests bench tools -name '*.[ch]')
if [ "${1:-}" = "--check" ]; then
	bad=()
	for f in "${files[@]}"; do
		[ -f "$f" ] || continue
		clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad+=("$f")
	done
	if [ ${#bad[@]} -gt 0 ]; then
		printf 'format: %d file(s) differ from .clang-format (run tools/format.sh):\n' "${#bad[@]}"
		printf '  %s\n' "${bad[@]}"
		exit 1
	fi
	printf 'format: %d files follow .clang-format\n' "${#files[@]}"
else
	clang-format -i "${files[@]}"
fi
